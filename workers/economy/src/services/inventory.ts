/**
 * The L318-8-2 inventory of a zone, step by step: draft → consultation of owners and occupants
 * (letters generated, replies logged, corrections applied to the units) for 30 days → adoption by
 * the council (deliberation reference; the inventory is frozen as adopted) → transmission to the
 * SCoT, PLU and PLH authorities → reminder before the 6-year update. Every day is an input (the
 * act's day) or the clock passed in (`on`); the delays are dated parameters.
 *
 * The consultation lasts `consultationDays` days from the day it opens, that day included:
 * opened on D, it closes at the end of D + 29; adoption is possible from D + 30.
 */
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { economyEstablishments, economyInventories, economyLetters, economyOwners, economyTransmissions } from "@communa/db";
import { RECIPIENT_AUTHORITIES, type RecipientAuthority } from "@communa/contracts/economy";
import { AppError, conflict, invalid, notFound, parisDay, type Db, type TrustedContext, type WriteTx } from "@communa/core";
import { addDays, addYears } from "@communa/core/time";
import { parameterOn } from "./parameters.ts";
import { applyUnitChanges, ownerView, type UnitFields } from "./units.ts";
import { zoneFacts, zoneVacancy, jobsRange, establishmentView, type ZoneFacts } from "./zones.ts";
import { letterBody, m } from "../messages.fr.ts";

type Inventory = typeof economyInventories.$inferSelect;

async function inventoryOf(tx: WriteTx, inventoryId: string): Promise<Inventory> {
  const [inv] = await tx.select().from(economyInventories).where(eq(economyInventories.id, inventoryId)).limit(1);
  if (!inv) throw notFound(m.noInventory);
  return inv;
}

const expect = (inv: Inventory, statuses: Inventory["status"][], label: string) => {
  if (!statuses.includes(inv.status)) throw new AppError("conflict", m.inventoryStatus(label));
};

export async function openInventory({ db, ctx, siteId, taxYear }: { db: Db; ctx: TrustedContext; siteId: string; taxYear: number }) {
  return db.write(ctx, async (tx, journal) => {
    const f = await zoneFacts(tx, siteId);
    const [open] = await tx
      .select({ id: economyInventories.id })
      .from(economyInventories)
      .where(and(eq(economyInventories.siteId, siteId), inArray(economyInventories.status, ["draft", "consultation"])))
      .limit(1);
    if (open) throw conflict(m.inventoryOpen);
    const [row] = await tx.insert(economyInventories).values({ tenantId: ctx.tenant.id, siteId, taxYear }).returning({ id: economyInventories.id });
    await journal({ action: "economy.inventory.open", target: `economy_inventories/${row.id}`, summary: { site: f.site.code, taxYear } });
    return { id: row.id, status: "draft" as const };
  });
}

interface Recipient {
  role: "owner" | "occupant";
  name: string;
  address: string;
  unitIds: string[];
}

/** Who is consulted: the units' current owners and their current occupants, one letter each. */
async function recipientsOf(tx: WriteTx, f: ZoneFacts, on: string): Promise<Recipient[]> {
  const unitIds = f.units.map((u) => u.id);
  const owners = unitIds.length
    ? await tx
        .select()
        .from(economyOwners)
        .where(and(inArray(economyOwners.terrainId, unitIds), isNull(economyOwners.until)))
        .orderBy(asc(economyOwners.name))
    : [];
  const byKey = new Map<string, Recipient>();
  const add = (role: Recipient["role"], name: string, address: string, unitId: string) => {
    const key = `${role}\u0000${name}\u0000${address}`;
    const r = byKey.get(key) ?? { role, name, address, unitIds: [] };
    if (!r.unitIds.includes(unitId)) r.unitIds.push(unitId);
    byKey.set(key, r);
  };
  for (const o of owners) add("owner", o.name, o.address, o.terrainId);
  const estIds = [...new Set(f.occupancies.map((o) => o.establishmentId).filter((x): x is string => Boolean(x)))];
  const est = estIds.length ? await tx.select().from(economyEstablishments).where(inArray(economyEstablishments.id, estIds)) : [];
  for (const o of f.occupancies.filter((x) => x.startedOn <= on && (!x.endedOn || x.endedOn >= on))) {
    const e = est.find((x) => x.id === o.establishmentId);
    add("occupant", e ? e.name : o.occupant, e?.address || `${f.site.name}, ${f.site.communeName}`, o.terrainId);
  }
  return [...byKey.values()];
}

export async function startConsultation({ db, ctx, inventoryId, openedOn }: { db: Db; ctx: TrustedContext; inventoryId: string; openedOn: string }) {
  return db.write(ctx, async (tx, journal) => {
    const inv = await inventoryOf(tx, inventoryId);
    expect(inv, ["draft"], "au stade du projet");
    const f = await zoneFacts(tx, inv.siteId);
    const recipients = await recipientsOf(tx, f, openedOn);
    if (!recipients.length) throw new AppError("unprocessable", m.noRecipient);
    const until = addDays(openedOn, parameterOn("consultationDays", openedOn).value - 1);
    const keep = parameterOn("retentionYears", openedOn).value;
    await tx.insert(economyLetters).values(
      recipients.map((r) => ({
        tenantId: ctx.tenant.id,
        inventoryId,
        terrainId: r.unitIds[0],
        role: r.role,
        recipient: r.name,
        address: r.address,
        sentOn: openedOn,
        // Kept until the inventory's own update, at the latest (6 years after adoption; set then).
        retainUntil: addYears(openedOn, keep + 1),
        body: letterBody({
          epci: ctx.tenant.name,
          zone: f.site.name,
          role: r.role,
          recipient: `${r.name}\n${r.address}`,
          units: f.units.filter((u) => r.unitIds.includes(u.id)),
          openedOn,
          until,
          contact: f.site.contact,
        }),
      })),
    );
    await tx
      .update(economyInventories)
      .set({ status: "consultation", consultationFrom: openedOn, consultationUntil: until, updatedAt: new Date() })
      .where(eq(economyInventories.id, inventoryId));
    await journal({
      action: "economy.inventory.consultation",
      target: `economy_inventories/${inventoryId}`,
      summary: { openedOn, until, letters: recipients.length },
    });
    return { id: inventoryId, status: "consultation" as const, consultationFrom: openedOn, consultationUntil: until, letters: recipients.length };
  });
}

export interface ReplyInput {
  repliedOn: string;
  reply: string;
  outcome: "pending" | "no_change" | "corrected" | "rejected";
  correction?: string;
  changes?: Partial<UnitFields>;
}

/** Logs a reply; a correction is applied to the letter's unit in the same transaction. */
export async function recordReply({
  db,
  ctx,
  inventoryId,
  letterId,
  input,
}: {
  db: Db;
  ctx: TrustedContext;
  inventoryId: string;
  letterId: string;
  input: ReplyInput;
}) {
  if (input.outcome === "corrected" && !input.correction?.trim()) throw invalid(undefined, [{ path: "body/correction", message: m.correctionNeeded }]);
  return db.write(ctx, async (tx, journal) => {
    const inv = await inventoryOf(tx, inventoryId);
    expect(inv, ["consultation"], "en consultation");
    const [letter] = await tx
      .select()
      .from(economyLetters)
      .where(and(eq(economyLetters.id, letterId), eq(economyLetters.inventoryId, inventoryId)))
      .limit(1);
    if (!letter) throw notFound(m.noLetter);
    if (input.repliedOn < letter.sentOn) throw invalid(undefined, [{ path: "body/repliedOn", message: m.replyBeforeLetter }]);
    if (input.repliedOn > (inv.consultationUntil as string))
      throw invalid(undefined, [{ path: "body/repliedOn", message: m.replyAfterConsultation(inv.consultationUntil as string) }]);
    let changed: string[] = [];
    if (input.outcome === "corrected" && input.changes && letter.terrainId)
      changed = (await applyUnitChanges(tx, letter.terrainId, input.changes, input.repliedOn)).changed;
    await tx
      .update(economyLetters)
      .set({ repliedOn: input.repliedOn, reply: input.reply, outcome: input.outcome, correction: input.correction ?? null })
      .where(eq(economyLetters.id, letterId));
    await journal({ action: "economy.inventory.reply", target: `economy_letters/${letterId}`, summary: { outcome: input.outcome, changed } });
    return { id: letterId, outcome: input.outcome, changed };
  });
}

/** What the adopted inventory says, frozen: units, occupants, establishments, vacancy (no owner). */
function adoptedContent(f: ZoneFacts, taxYear: number) {
  const v = zoneVacancy(f, taxYear);
  return {
    site: { code: f.site.code, name: f.site.name, grossHa: f.site.grossHa, usefulHa: f.site.usefulHa },
    units: f.units.map((u) => ({
      code: u.code,
      parcels: u.parcels,
      grossHa: u.grossHa,
      occupancyState: u.occupancyState,
      occupants: f.occupancies
        .filter((o) => o.terrainId === u.id)
        .map((o) => ({ occupant: o.occupant, cfeLiable: o.cfeLiable, startedOn: o.startedOn, endedOn: o.endedOn })),
    })),
    establishments: f.establishments.map((e) =>
      establishmentView(
        e,
        f.links.filter((l) => l.establishmentId === e.id).map((l) => f.units.find((u) => u.id === l.terrainId)?.code ?? ""),
      ),
    ),
    jobs: jobsRange(f.establishments),
    vacancy: v,
  };
}

export async function adoptInventory({
  db,
  ctx,
  inventoryId,
  adoptedOn,
  deliberation,
}: {
  db: Db;
  ctx: TrustedContext;
  inventoryId: string;
  adoptedOn: string;
  deliberation: string;
}) {
  return db.write(ctx, async (tx, journal) => {
    const inv = await inventoryOf(tx, inventoryId);
    expect(inv, ["consultation"], "en consultation");
    const until = inv.consultationUntil as string;
    if (adoptedOn <= until) throw new AppError("conflict", m.consultationRunning(until));
    const letters = await tx.select().from(economyLetters).where(eq(economyLetters.inventoryId, inventoryId));
    const undecided = letters.filter((l) => l.repliedOn && l.outcome === "pending").length;
    if (undecided) throw new AppError("conflict", m.repliesPending(undecided));
    const f = await zoneFacts(tx, inv.siteId);
    const updateDue = addYears(adoptedOn, parameterOn("updateYears", adoptedOn).value);
    const keepUntil = addYears(adoptedOn, parameterOn("retentionYears", adoptedOn).value);
    await tx
      .update(economyInventories)
      .set({ status: "adopted", adoptedOn, deliberation, adopted: adoptedContent(f, inv.taxYear), updateDue, updatedAt: new Date() })
      .where(eq(economyInventories.id, inventoryId));
    await tx.update(economyLetters).set({ retainUntil: keepUntil }).where(eq(economyLetters.inventoryId, inventoryId));
    await journal({ action: "economy.inventory.adopt", target: `economy_inventories/${inventoryId}`, summary: { adoptedOn, deliberation, updateDue } });
    return { id: inventoryId, status: "adopted" as const, adoptedOn, deliberation, updateDue };
  });
}

export async function recordTransmission({
  db,
  ctx,
  inventoryId,
  input,
}: {
  db: Db;
  ctx: TrustedContext;
  inventoryId: string;
  input: { authority: RecipientAuthority; authorityName: string; sentOn: string; documentRef: string };
}) {
  return db.write(ctx, async (tx, journal) => {
    const inv = await inventoryOf(tx, inventoryId);
    expect(inv, ["adopted", "transmitted"], "adopté");
    if (input.sentOn < (inv.adoptedOn as string)) throw invalid(undefined, [{ path: "body/sentOn", message: m.transmissionBeforeAdoption }]);
    const done = await tx
      .select({ authority: economyTransmissions.authority })
      .from(economyTransmissions)
      .where(eq(economyTransmissions.inventoryId, inventoryId));
    if (done.some((d) => d.authority === input.authority)) throw conflict(m.transmissionTwice);
    await tx.insert(economyTransmissions).values({ tenantId: ctx.tenant.id, inventoryId, ...input });
    const all = RECIPIENT_AUTHORITIES.every((a) => a === input.authority || done.some((d) => d.authority === a));
    if (all) await tx.update(economyInventories).set({ status: "transmitted", updatedAt: new Date() }).where(eq(economyInventories.id, inventoryId));
    await journal({
      action: "economy.inventory.transmit",
      target: `economy_inventories/${inventoryId}`,
      summary: { authority: input.authority, sentOn: input.sentOn },
    });
    return { id: inventoryId, status: all ? ("transmitted" as const) : inv.status, authority: input.authority };
  });
}

/** Where an inventory stands on day `on`: its phase, the consultation's days, the update reminder. */
export function clocksOf(inv: Pick<Inventory, "status" | "consultationFrom" | "consultationUntil" | "adoptedOn" | "updateDue">, on: string) {
  const adoptableFrom = inv.consultationUntil ? addDays(inv.consultationUntil, 1) : null;
  const months = inv.adoptedOn ? parameterOn("reminderMonths", inv.adoptedOn).value : 0;
  const reminder = inv.updateDue ? shiftMonths(inv.updateDue, -months) : null;
  let phase: "draft" | "consultation_running" | "adoptable" | "adopted" | "transmitted" | "update_soon" | "update_overdue" =
    inv.status === "draft" ? "draft" : "adopted";
  if (inv.status === "consultation") phase = adoptableFrom && on >= adoptableFrom ? "adoptable" : "consultation_running";
  if (inv.status === "adopted" || inv.status === "transmitted") {
    phase = inv.status;
    if (reminder && on >= reminder) phase = "update_soon";
    if (inv.updateDue && on > inv.updateDue) phase = "update_overdue";
  }
  return { phase, adoptableFrom, updateDue: inv.updateDue, remindFrom: reminder };
}

function shiftMonths(day: string, months: number): string {
  const [y, mo, d] = day.split("-").map(Number);
  const last = new Date(Date.UTC(y, mo - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, mo - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

export async function getInventory({ db, ctx, inventoryId, on = parisDay() }: { db: Db; ctx: TrustedContext; inventoryId: string; on?: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const [inv] = await tx.select().from(economyInventories).where(eq(economyInventories.id, inventoryId)).limit(1);
    if (!inv) throw notFound(m.noInventory);
    const letters = await tx
      .select()
      .from(economyLetters)
      .where(eq(economyLetters.inventoryId, inventoryId))
      .orderBy(asc(economyLetters.role), asc(economyLetters.recipient));
    const transmissions = await tx
      .select()
      .from(economyTransmissions)
      .where(eq(economyTransmissions.inventoryId, inventoryId))
      .orderBy(asc(economyTransmissions.sentOn));
    return {
      id: inv.id,
      siteId: inv.siteId,
      status: inv.status,
      taxYear: inv.taxYear,
      consultationFrom: inv.consultationFrom,
      consultationUntil: inv.consultationUntil,
      adoptedOn: inv.adoptedOn,
      deliberation: inv.deliberation,
      clocks: clocksOf(inv, on),
      letters: letters.map((l) => ({
        id: l.id,
        role: l.role,
        recipient: l.recipient,
        sentOn: l.sentOn,
        repliedOn: l.repliedOn,
        reply: l.reply,
        outcome: l.outcome,
        correction: l.correction,
      })),
      transmissions: transmissions.map((t) => ({ authority: t.authority, authorityName: t.authorityName, sentOn: t.sentOn, documentRef: t.documentRef })),
      adopted: inv.adopted,
    };
  });
}

/** A letter's text (names and address): a restricted read, journalled. */
export async function letterText({ db, ctx, inventoryId, letterId }: { db: Db; ctx: TrustedContext; inventoryId: string; letterId: string }) {
  return db.write(ctx, async (tx, journal) => {
    const [l] = await tx
      .select()
      .from(economyLetters)
      .where(and(eq(economyLetters.id, letterId), eq(economyLetters.inventoryId, inventoryId)))
      .limit(1);
    if (!l) throw notFound(m.noLetter);
    await journal({ action: "economy.letter.read", target: `economy_letters/${letterId}` });
    return l.body;
  });
}

/** The legal inventory with owners' identities, for the authorised agents: journalled. */
export async function legalInventory({ db, ctx, inventoryId }: { db: Db; ctx: TrustedContext; inventoryId: string }) {
  return db.write(ctx, async (tx, journal) => {
    const inv = await inventoryOf(tx, inventoryId);
    const f = await zoneFacts(tx, inv.siteId);
    const ids = f.units.map((u) => u.id);
    const owners = ids.length ? await tx.select().from(economyOwners).where(inArray(economyOwners.terrainId, ids)).orderBy(desc(economyOwners.since)) : [];
    const content = adoptedContent(f, inv.taxYear);
    await journal({ action: "economy.inventory.legal.read", target: `economy_inventories/${inventoryId}`, summary: { owners: owners.length } });
    return {
      id: inv.id,
      status: inv.status,
      taxYear: inv.taxYear,
      ...content,
      units: content.units.map((u, i) => ({ ...u, owners: owners.filter((o) => o.terrainId === f.units[i].id && !o.until).map(ownerView) })),
    };
  });
}

/** Adopted inventories whose 6-year update is due soon (or overdue) on day `on`. */
export async function updateReminders({ db, ctx, on = parisDay() }: { db: Db; ctx: TrustedContext; on?: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const rows = await tx
      .select()
      .from(economyInventories)
      .where(inArray(economyInventories.status, ["adopted", "transmitted"]))
      .orderBy(desc(economyInventories.adoptedOn));
    const latest = new Map<string, Inventory>();
    for (const r of rows) if (!latest.has(r.siteId)) latest.set(r.siteId, r);
    return [...latest.values()]
      .map((r) => ({ inventoryId: r.id, siteId: r.siteId, adoptedOn: r.adoptedOn, ...clocksOf(r, on) }))
      .filter((r) => r.phase === "update_soon" || r.phase === "update_overdue");
  });
}
