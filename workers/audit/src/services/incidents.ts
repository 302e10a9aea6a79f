/** The incident register, each incident with its notification deadlines (dated parameters) and whether they were met. */
import { desc, eq } from "drizzle-orm";
import { securityIncidents } from "@communa/db";
import { invalid, notFound, type Db, type TrustedContext } from "@communa/core";
import { m } from "../messages.fr.ts";
import { deadlines } from "./clocks.ts";

type Row = typeof securityIncidents.$inferSelect;
const iso = (d: Date | null) => d?.toISOString() ?? null;

const out = (r: Row, now: Date) => ({
  id: r.id,
  title: r.title,
  description: r.description,
  detectedAt: r.detectedAt.toISOString(),
  personalData: r.personalData,
  nis2: r.nis2,
  status: r.status,
  closedAt: iso(r.closedAt),
  deadlines: deadlines(r, now),
});

export async function listIncidents({ db, ctx, now }: { db: Db; ctx: TrustedContext; now: Date }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(securityIncidents).orderBy(desc(securityIncidents.detectedAt)));
  return { incidents: rows.map((r) => out(r, now)) };
}

export interface IncidentInput {
  title: string;
  description: string;
  detectedAt: string;
  personalData: boolean;
  nis2: boolean;
}

export async function createIncident({ db, ctx, input, now }: { db: Db; ctx: TrustedContext; input: IncidentInput; now: Date }) {
  return db.write(ctx, async (tx, journal) => {
    const [row] = await tx
      .insert(securityIncidents)
      .values({ tenantId: ctx.tenant.id, ...input, detectedAt: new Date(input.detectedAt) })
      .returning();
    await journal({ action: "audit.incident.create", target: `security_incidents/${row.id}`, summary: { personalData: input.personalData, nis2: input.nis2 } });
    return out(row, now);
  });
}

export interface IncidentUpdate {
  cnilNotifiedAt?: string | null;
  nis2WarningAt?: string | null;
  nis2NotifiedAt?: string | null;
  nis2FinalReportAt?: string | null;
  status?: "open" | "closed";
}

const FIELDS = ["cnilNotifiedAt", "nis2WarningAt", "nis2NotifiedAt", "nis2FinalReportAt"] as const;

export async function updateIncident({ db, ctx, id, input, now }: { db: Db; ctx: TrustedContext; id: string; input: IncidentUpdate; now: Date }) {
  return db.write(ctx, async (tx, journal) => {
    const [row] = await tx.select().from(securityIncidents).where(eq(securityIncidents.id, id)).limit(1);
    if (!row) throw notFound(m.noIncident);
    const set: Partial<Row> = { status: input.status ?? row.status };
    for (const f of FIELDS) {
      const v = input[f];
      if (v === undefined) continue;
      const at = v === null ? null : new Date(v);
      if (at && at < row.detectedAt) throw invalid(undefined, [{ path: `body/${f}`, message: m.notifiedBeforeDetection }]);
      set[f] = at;
    }
    set.closedAt = set.status === "closed" ? (row.closedAt ?? now) : null;
    const [saved] = await tx.update(securityIncidents).set(set).where(eq(securityIncidents.id, id)).returning();
    await journal({ action: "audit.incident.update", target: `security_incidents/${id}`, summary: { status: set.status } });
    return out(saved, now);
  });
}
