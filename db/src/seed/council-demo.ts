/**
 * The council's demonstration data (db/seed/data/council-demo.json): the CCLVD's community
 * council with its members (those with an e-mail are linked to the demo account of that address),
 * a room, a **past sitting** and a **coming sitting**, dated relative to the seed run, so that the
 * public council page and the councillors' space are not empty on a fresh `npm run dev`.
 *
 * The past sitting is what a played-through sitting leaves in Postgres (live/record.ts): status
 * closed with its opening and closing times, the structured minutes (attendance, proxy, quorum,
 * votes), each item voted with its proclaimed result, the convocations and their receipts. The
 * live room's Durable Object cannot run in the seed, so the results are counted here by the room's own
 * CGCT rules (`@communa/contracts/council-rules`) and no PDF is rendered: the
 * sitting has no `minutes_key`, so its PDF and its archive transfer are not offered.
 * Loaded only when the tenant has no council yet, so what the secretariat changes survives later seeds.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { count, eq, inArray, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { MotionChoice, MotionResult, VoteKind } from "@communa/contracts/council";
import { decideMotion } from "@communa/contracts/council-rules";
import * as schema from "../schema/index.ts";

type Tx = Parameters<Parameters<NodePgDatabase<typeof schema>["transaction"]>[0]>[0];

interface DemoItem {
  title: string;
  rapporteur: string;
  kind?: VoteKind;
  requesters?: string[];
  choices?: Record<string, MotionChoice>;
}
export interface CouncilDemo {
  tenant: string;
  council: { name: string; kind: "community" | "municipal" };
  mandateStartMonthsAgo: number;
  room: { name: string; address: string; visioUrl: string | null };
  members: Array<{ key: string; fullName: string; birthDate: string; office: string; communeInsee: string; accountEmail?: string }>;
  past: {
    title: string;
    dayOffset: number;
    durationMinutes: number;
    president: string;
    present: string[];
    proxies: Array<{ giver: string; holder: string }>;
    acknowledged: string[];
    items: DemoItem[];
  };
  coming: { title: string; dayOffset: number; president: string; acknowledged: string[]; items: DemoItem[] };
}

export const COUNCIL_DEMO_FILE = new URL("../../seed/data/council-demo.json", import.meta.url);
export const councilDemo = (): CouncilDemo => JSON.parse(readFileSync(COUNCIL_DEMO_FILE, "utf8")) as CouncilDemo;

/** Convocation receipts are kept 6 years (db/src/schema/council.ts). */
const RECEIPT_MS = 6 * 365.25 * 86_400_000;

/** The counting of a public motion, by the room's own rules. */
function motion(kind: VoteKind, choices: Record<string, MotionChoice>, presidentChoice: MotionChoice | undefined): Omit<MotionResult, "names"> {
  const counts = { for: 0, against: 0, abstain: 0, none: 0 };
  for (const c of Object.values(choices)) counts[c]++;
  return decideMotion(kind, counts, presidentChoice ?? null);
}

export async function seedCouncilDemo(tx: Tx): Promise<void> {
  const data = councilDemo();
  const [tenant] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, data.tenant)).limit(1);
  if (!tenant) throw new Error(`Conseil de démonstration : collectivité inconnue « ${data.tenant} »`);
  const tenantId = tenant.id;
  await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenantId}, true)`);
  const [{ n }] = await tx.select({ n: count() }).from(schema.councils).where(eq(schema.councils.tenantId, tenantId));
  if (n > 0) return;

  // Days and times in Paris: a sitting at 18:30 local time, `dayOffset` days from the seed's day.
  const at = async (dayOffset: number, minutes = 0) => {
    const {
      rows: [{ t }],
    } = await tx.execute<{ t: string }>(
      sql`SELECT to_char(((date_trunc('day', now() AT TIME ZONE 'Europe/Paris') + make_interval(days => ${dayOffset}, mins => ${18 * 60 + 30 + minutes})) AT TIME ZONE 'Europe/Paris') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS t`,
    );
    return new Date(t);
  };
  const {
    rows: [{ d: mandateStart }],
  } = await tx.execute<{ d: string }>(
    sql`SELECT to_char(date_trunc('month', now() AT TIME ZONE 'Europe/Paris') - make_interval(months => ${data.mandateStartMonthsAgo}), 'YYYY-MM-DD') AS d`,
  );

  const [council] = await tx.insert(schema.councils).values({ tenantId, name: data.council.name, kind: data.council.kind }).returning();
  const [room] = await tx
    .insert(schema.councilRooms)
    .values({ tenantId, councilId: council.id, ...data.room })
    .returning();
  const emails = data.members.flatMap((m) => (m.accountEmail ? [m.accountEmail] : []));
  const accounts = new Map(
    emails.length
      ? (await tx.select({ id: schema.people.id, email: schema.people.email }).from(schema.people).where(inArray(schema.people.email, emails))).map((p) => [
          p.email,
          p.id,
        ])
      : [],
  );
  const member = new Map<string, { id: string; name: string }>();
  for (const m of data.members) {
    const [row] = await tx
      .insert(schema.councilMembers)
      .values({
        tenantId,
        councilId: council.id,
        personId: (m.accountEmail && accounts.get(m.accountEmail)) || null,
        fullName: m.fullName,
        birthDate: m.birthDate,
        office: m.office,
        communeInsee: m.communeInsee,
        mandateStart,
      })
      .returning({ id: schema.councilMembers.id });
    member.set(m.key, { id: row.id, name: m.fullName });
  }
  const idOf = (key: string) => {
    const m = member.get(key);
    if (!m) throw new Error(`Conseil de démonstration : membre inconnu « ${key} »`);
    return m.id;
  };

  const sitting = async (s: CouncilDemo["past"] | CouncilDemo["coming"], startsAt: Date, status: "convened" | "live") => {
    const [row] = await tx
      .insert(schema.councilSittings)
      .values({ tenantId, councilId: council.id, title: s.title, startsAt, status, presidentMemberId: idOf(s.president) })
      .returning({ id: schema.councilSittings.id });
    await tx.insert(schema.councilSittingRooms).values({ tenantId, sittingId: row.id, roomId: room.id });
    // Convened some days before; the receipts acknowledged by those who did.
    const sentAt = new Date(startsAt.getTime() - 7 * 86_400_000);
    const sent = sentAt.getTime() < Date.now() ? sentAt : new Date();
    await tx.insert(schema.councilConvocations).values(
      data.members.map((m) => ({
        tenantId,
        sittingId: row.id,
        memberId: idOf(m.key),
        sentAt: sent,
        acknowledgedAt: s.acknowledged.includes(m.key) ? new Date(sent.getTime() + 3_600_000 * (1 + s.acknowledged.indexOf(m.key))) : null,
        expiresAt: new Date(sent.getTime() + RECEIPT_MS),
      })),
    );
    return row.id;
  };

  // The coming sitting: convened, its agenda waiting.
  const comingAt = await at(data.coming.dayOffset);
  const comingId = await sitting(data.coming, comingAt, "convened");
  await tx
    .insert(schema.councilAgendaItems)
    .values(data.coming.items.map((it, i) => ({ tenantId, sittingId: comingId, position: i + 1, title: it.title, rapporteurMemberId: idOf(it.rapporteur) })));

  // The past sitting, played through: opened at its time, attendance, a proxy, three votes, closed.
  const p = data.past;
  const openedAt = await at(p.dayOffset);
  const closedAt = await at(p.dayOffset, p.durationMinutes);
  // Live first, closed last with its minutes (a closed sitting's minutes are sealed by a trigger).
  const pastId = await sitting(p, openedAt, "live");
  const minute = (k: number) => new Date(openedAt.getTime() + k * 60_000).toISOString();
  const present = p.present.map(idOf);
  const holderOf = new Map(p.proxies.map((x) => [idOf(x.giver), idOf(x.holder)]));
  const presidentKey = p.president;
  const items = p.items.map((it, i) => {
    const kind = it.kind ?? "ordinary";
    const choices = it.choices ?? {};
    const base = motion(kind, choices, choices[presidentKey]);
    const result: MotionResult =
      kind === "roll-call"
        ? {
            ...base,
            names: Object.entries(choices).map(([k, choice]) => {
              const by = holderOf.get(idOf(k));
              return { memberId: idOf(k), choice, ...(by ? { by } : {}) };
            }),
          }
        : base;
    const openedVote = minute(10 + i * 25);
    return {
      id: randomUUID(),
      position: i + 1,
      title: it.title,
      rapporteur: member.get(it.rapporteur)?.name ?? null,
      rapporteurId: idOf(it.rapporteur),
      status: "voted" as const,
      votes: [{ id: randomUUID(), round: 1, kind, requesters: (it.requesters ?? []).map(idOf), openedAt: openedVote, closedAt: minute(15 + i * 25), result }],
    };
  });
  // The same shape as the live room's minutes (workers/council/src/live/minutes-data.ts).
  const minutes = {
    version: 1 as const,
    sittingId: pastId,
    tenantId,
    title: p.title,
    openedAt: openedAt.toISOString(),
    closedAt: closedAt.toISOString(),
    teleconference: false,
    rooms: [{ id: room.id, name: room.name }],
    members: data.members.map((m) => {
      const id = idOf(m.key);
      if (present.includes(id)) return { id, name: m.fullName, status: "present" as const, representedBy: null };
      const holder = holderOf.get(id) ?? null;
      return { id, name: m.fullName, status: holder ? ("represented" as const) : ("absent" as const), representedBy: holder };
    }),
    attendance: present.map((memberId, i) => ({ memberId, roomId: room.id, event: "arrive" as const, at: minute(-10 + i) })),
    proxies: p.proxies.map((x) => ({
      giverId: idOf(x.giver),
      holderId: idOf(x.holder),
      event: "given" as const,
      at: minute(-20),
      sittings: 1,
      origin: "registered" as const,
    })),
    quorum: present.map((_, i) => ({ at: minute(-10 + i), present: i + 1, reached: (i + 1) * 2 > data.members.length })),
    items: items.map(({ rapporteurId: _r, ...it }) => it),
  };
  for (const x of p.proxies)
    await tx.insert(schema.councilProxies).values({
      tenantId,
      councilId: council.id,
      giverMemberId: idOf(x.giver),
      holderMemberId: idOf(x.holder),
      firstSittingId: pastId,
      sittings: 1,
      givenAt: new Date(minute(-20)),
    });
  await tx.insert(schema.councilAgendaItems).values(
    items.map((it) => ({
      tenantId,
      sittingId: pastId,
      position: it.position,
      title: it.title,
      rapporteurMemberId: it.rapporteurId,
      status: it.status,
      results: it.votes.map((v) => ({ voteId: v.id, round: v.round, kind: v.kind, requesters: v.requesters, result: v.result })),
    })),
  );
  await tx.update(schema.councilSittings).set({ status: "closed", openedAt, closedAt, minutes }).where(eq(schema.councilSittings.id, pastId));
}
