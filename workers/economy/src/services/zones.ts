/**
 * Poles and zones (CNIG pôle and site): created with their CNIG identifiers, listed with their
 * figures (units, vacancy for the tax year, establishments, jobs as a range, available land), and
 * the zone sheet. Owners never appear here: they have their own restricted, journalled door.
 */
import { asc, eq, inArray } from "drizzle-orm";
import {
  economyEstablishments,
  economyEstablishmentTerrains,
  economyInventories,
  economyOccupancies,
  economyPoles,
  economySites,
  economyTerrains,
  economyVacancySnapshots,
} from "@communa/db";
import { AVAILABLE_SALE_STAGES, WORKFORCE_BANDS, type WorkforceBand } from "@communa/contracts/economy";
import { conflict, invalid, notFound, parisDay, type Db, type TrustedContext, type Tx, type WriteTx } from "@communa/core";
import { cnigCode, communeOf } from "./codes.ts";
import { parameterOn } from "./parameters.ts";
import { unitVacancy, vacancyRate, type UnitVacancy } from "./vacancy-core.ts";
import { evidenceLabel, jobsText, m, workforceText } from "../messages.fr.ts";

type AnyTx = Tx | WriteTx;
export type Site = typeof economySites.$inferSelect;
export type Terrain = typeof economyTerrains.$inferSelect;
export type Establishment = typeof economyEstablishments.$inferSelect;

export interface PoleInput {
  code?: string;
  communeInsee: string;
  name: string;
  vocation: string;
  reach?: string;
  identifiedOn: string;
  point: [number, number];
}

export async function createPole({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: PoleInput }) {
  const commune = await communeOf(db, input.communeInsee, "body/communeInsee");
  return db.write(ctx, async (tx, journal) => {
    const code = await cnigCode(tx, economyPoles, economyPoles.code, "POLE-ECO", commune.insee, input.code, "body/code");
    const [taken] = await tx.select({ id: economyPoles.id }).from(economyPoles).where(eq(economyPoles.code, code)).limit(1);
    if (taken) throw conflict(m.codeTaken(code));
    const [row] = await tx
      .insert(economyPoles)
      .values({
        tenantId: ctx.tenant.id,
        code,
        name: input.name,
        vocation: input.vocation,
        reach: input.reach ?? null,
        identifiedOn: input.identifiedOn,
        updatedOn: input.identifiedOn,
        point: input.point,
      })
      .returning();
    await journal({ action: "economy.pole.create", target: `economy_poles/${row.id}`, summary: { code } });
    return { id: row.id, code };
  });
}

export interface SiteInput {
  code?: string;
  poleId: string;
  name: string;
  type: string;
  vocation: string;
  state: string;
  urbanEvolution?: string;
  grossHa: number;
  usefulHa: number;
  creationYear?: number;
  identifiedOn: string;
  communeInsee: string;
  moaType: string;
  moaName?: string;
  description?: string;
  flags?: Record<string, "oui" | "non">;
  access?: Record<string, string | number>;
  constraints?: Array<{ kind: string; label: string; reference: string }>;
  contact: { service: string; email: string; phone: string };
  geometry: unknown;
}

export async function createSite({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: SiteInput }) {
  if (input.usefulHa > input.grossHa) throw invalid(undefined, [{ path: "body/usefulHa", message: m.usefulOverGross }]);
  const commune = await communeOf(db, input.communeInsee, "body/communeInsee");
  return db.write(ctx, async (tx, journal) => {
    const [pole] = await tx.select({ id: economyPoles.id }).from(economyPoles).where(eq(economyPoles.id, input.poleId)).limit(1);
    if (!pole) throw notFound(m.noPole);
    const code = await cnigCode(tx, economySites, economySites.code, "SITE-ECO", commune.insee, input.code, "body/code");
    const [taken] = await tx.select({ id: economySites.id }).from(economySites).where(eq(economySites.code, code)).limit(1);
    if (taken) throw conflict(m.codeTaken(code));
    const [row] = await tx
      .insert(economySites)
      .values({
        tenantId: ctx.tenant.id,
        code,
        poleId: pole.id,
        name: input.name,
        type: input.type,
        vocation: input.vocation,
        state: input.state,
        urbanEvolution: input.urbanEvolution ?? null,
        grossHa: input.grossHa,
        usefulHa: input.usefulHa,
        creationYear: input.creationYear ?? null,
        identifiedOn: input.identifiedOn,
        updatedOn: input.identifiedOn,
        communeInsee: commune.insee,
        communeName: commune.name,
        moaType: input.moaType,
        moaName: input.moaName ?? "",
        description: input.description ?? "",
        flags: input.flags ?? {},
        access: input.access ?? {},
        constraints: input.constraints ?? [],
        contact: input.contact,
        geometry: input.geometry,
      })
      .returning();
    await journal({ action: "economy.site.create", target: `economy_sites/${row.id}`, summary: { code, name: input.name } });
    return { id: row.id, code };
  });
}

/** Everything the inventory reads about a zone (owners excepted). */
export interface ZoneFacts {
  site: Site;
  pole: typeof economyPoles.$inferSelect;
  units: Terrain[];
  occupancies: Array<typeof economyOccupancies.$inferSelect>;
  establishments: Establishment[];
  links: Array<{ establishmentId: string; terrainId: string }>;
}

export async function zoneFacts(tx: AnyTx, siteId: string): Promise<ZoneFacts> {
  const [site] = await tx.select().from(economySites).where(eq(economySites.id, siteId)).limit(1);
  if (!site) throw notFound(m.noSite);
  const [pole] = await tx.select().from(economyPoles).where(eq(economyPoles.id, site.poleId)).limit(1);
  const units = await tx.select().from(economyTerrains).where(eq(economyTerrains.siteId, siteId)).orderBy(asc(economyTerrains.code));
  const ids = units.map((u) => u.id);
  const occupancies = ids.length
    ? await tx.select().from(economyOccupancies).where(inArray(economyOccupancies.terrainId, ids)).orderBy(asc(economyOccupancies.startedOn))
    : [];
  const links = ids.length
    ? await tx
        .select({ establishmentId: economyEstablishmentTerrains.establishmentId, terrainId: economyEstablishmentTerrains.terrainId })
        .from(economyEstablishmentTerrains)
        .where(inArray(economyEstablishmentTerrains.terrainId, ids))
    : [];
  const estIds = [...new Set(links.map((l) => l.establishmentId))];
  const establishments = estIds.length
    ? await tx.select().from(economyEstablishments).where(inArray(economyEstablishments.id, estIds)).orderBy(asc(economyEstablishments.name))
    : [];
  return { site, pole, units, occupancies, establishments, links };
}

export interface UnitVacancyView {
  unitId: string;
  code: string;
  vacant: boolean;
  since: string | null;
  reason: string | null;
  evidence: string;
  evidenceOn: string | null;
}

/** Each unit's vacancy for `taxYear` with the evidence it rests on, and the zone's rate. */
export function zoneVacancy(f: ZoneFacts, taxYear: number) {
  const years = parameterOn("vacancyYears", `${taxYear}-01-01`);
  const units: UnitVacancyView[] = f.units.map((u) => {
    const v: UnitVacancy = unitVacancy({ occupancies: f.occupancies.filter((o) => o.terrainId === u.id), disusedSince: u.disusedSince }, taxYear, years.value);
    const declared = v.vacant ? v.basis === "declared" : false;
    return {
      unitId: u.id,
      code: u.code,
      vacant: v.vacant,
      since: v.since,
      reason: v.vacant ? null : v.reason,
      evidence: declared && u.evidence ? evidenceLabel[u.evidence as keyof typeof evidenceLabel] : evidenceLabel.occupancy_history,
      evidenceOn: declared ? u.evidenceOn : null,
    };
  });
  const vacant = units.filter((u) => u.vacant).length;
  return { taxYear, delayYears: years.value, source: years.source, total: units.length, vacant, ratePercent: vacancyRate(vacant, units.length), units };
}

/** Jobs of the zone's active establishments, as the range of their SIRENE bands. */
export function jobsRange(establishments: Establishment[]) {
  let min = 0;
  let max: number | null = 0;
  for (const e of establishments.filter((x) => !x.closedOn)) {
    const b = WORKFORCE_BANDS[e.workforceCode as WorkforceBand];
    min += b.min;
    max = max === null || b.max === null ? null : max + b.max;
  }
  return { min, max, text: jobsText(min, max) };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
export const availableHa = (units: Terrain[]) =>
  round(units.filter((u) => (AVAILABLE_SALE_STAGES as readonly string[]).includes(u.saleStage)).reduce((s, u) => s + u.grossHa, 0));

export const establishmentView = (e: Establishment, unitCodes: string[]) => ({
  id: e.id,
  siret: e.siret,
  legalName: e.legalName,
  name: e.name,
  legalCategory: e.legalCategory,
  naf: { code: e.nafCode, version: e.nafVersion, label: e.nafLabel },
  workforce: {
    code: e.workforceCode,
    year: e.workforceYear,
    min: WORKFORCE_BANDS[e.workforceCode as WorkforceBand].min,
    max: WORKFORCE_BANDS[e.workforceCode as WorkforceBand].max,
    text: workforceText(e.workforceCode as WorkforceBand, e.workforceYear),
  },
  createdOn: e.createdOn,
  closedOn: e.closedOn,
  units: unitCodes,
});

const taxYearOf = (on: string) => Number(on.slice(0, 4));

/** The zones with their figures for the tax year of `on`. */
export async function listZones({ db, ctx, on = parisDay() }: { db: Db; ctx: TrustedContext; on?: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const sites = await tx.select({ id: economySites.id }).from(economySites).orderBy(asc(economySites.name));
    const out = [];
    for (const s of sites) {
      const f = await zoneFacts(tx, s.id);
      const v = zoneVacancy(f, taxYearOf(on));
      out.push({
        id: f.site.id,
        code: f.site.code,
        name: f.site.name,
        pole: { id: f.pole.id, code: f.pole.code, name: f.pole.name },
        commune: f.site.communeName,
        vocation: f.site.vocation,
        state: f.site.state,
        grossHa: f.site.grossHa,
        availableHa: availableHa(f.units),
        geometry: f.site.geometry,
        vacancy: { taxYear: v.taxYear, total: v.total, vacant: v.vacant, ratePercent: v.ratePercent },
        establishments: f.establishments.filter((e) => !e.closedOn).length,
        jobs: jobsRange(f.establishments),
      });
    }
    return out;
  });
}

/** The zone sheet: site, units with occupancy and vacancy, establishments, constraints, inventories. */
export async function zoneSheet({ db, ctx, siteId, on = parisDay() }: { db: Db; ctx: TrustedContext; siteId: string; on?: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const f = await zoneFacts(tx, siteId);
    const v = zoneVacancy(f, taxYearOf(on));
    const snapshots = await tx
      .select()
      .from(economyVacancySnapshots)
      .where(eq(economyVacancySnapshots.siteId, siteId))
      .orderBy(asc(economyVacancySnapshots.taxYear), asc(economyVacancySnapshots.createdAt));
    const inventories = await tx
      .select({
        id: economyInventories.id,
        status: economyInventories.status,
        taxYear: economyInventories.taxYear,
        adoptedOn: economyInventories.adoptedOn,
        updateDue: economyInventories.updateDue,
      })
      .from(economyInventories)
      .where(eq(economyInventories.siteId, siteId))
      .orderBy(asc(economyInventories.createdAt));
    const codeOf = new Map(f.units.map((u) => [u.id, u.code]));
    const s = f.site;
    return {
      id: s.id,
      code: s.code,
      name: s.name,
      pole: { id: f.pole.id, code: f.pole.code, name: f.pole.name, vocation: f.pole.vocation },
      type: s.type,
      vocation: s.vocation,
      state: s.state,
      urbanEvolution: s.urbanEvolution,
      grossHa: s.grossHa,
      usefulHa: s.usefulHa,
      availableHa: availableHa(f.units),
      commune: { insee: s.communeInsee, name: s.communeName },
      moa: { type: s.moaType, name: s.moaName },
      description: s.description,
      flags: s.flags,
      access: s.access,
      constraints: s.constraints,
      contact: s.contact,
      geometry: s.geometry,
      perimeterApproximate: s.perimeterApproximate,
      identifiedOn: s.identifiedOn,
      updatedOn: s.updatedOn,
      units: f.units.map((u) => ({
        id: u.id,
        code: u.code,
        parcels: u.parcels,
        grossHa: u.grossHa,
        landControl: u.landControl,
        developmentStage: u.developmentStage,
        saleStage: u.saleStage,
        occupancyState: u.occupancyState,
        use: u.use,
        priceM2Cents: u.priceM2Cents,
        cartofrichesUrl: u.cartofrichesUrl,
        occupants: f.occupancies.filter((o) => o.terrainId === u.id && !o.endedOn).map((o) => o.occupant),
        history: f.occupancies
          .filter((o) => o.terrainId === u.id)
          .map((o) => ({ id: o.id, occupant: o.occupant, cfeLiable: o.cfeLiable, startedOn: o.startedOn, endedOn: o.endedOn })),
        vacancy: v.units.find((x) => x.unitId === u.id),
        geometry: u.geometry,
      })),
      establishments: f.establishments.map((e) =>
        establishmentView(
          e,
          f.links.filter((l) => l.establishmentId === e.id).map((l) => codeOf.get(l.terrainId) ?? ""),
        ),
      ),
      jobs: jobsRange(f.establishments),
      vacancy: v,
      snapshots: snapshots.map((x) => ({
        id: x.id,
        taxYear: x.taxYear,
        computedOn: x.computedOn,
        total: x.total,
        vacant: x.vacant,
        ratePercent: x.ratePercent,
      })),
      inventories,
    };
  });
}

/** Records the zone's vacancy for a tax year as a dated snapshot, with each unit's evidence. */
export async function recordVacancy({
  db,
  ctx,
  siteId,
  taxYear,
  on = parisDay(),
}: {
  db: Db;
  ctx: TrustedContext;
  siteId: string;
  taxYear: number;
  on?: string;
}) {
  return db.write(ctx, async (tx, journal) => {
    const v = zoneVacancy(await zoneFacts(tx, siteId), taxYear);
    const [row] = await tx
      .insert(economyVacancySnapshots)
      .values({ tenantId: ctx.tenant.id, siteId, taxYear, computedOn: on, total: v.total, vacant: v.vacant, ratePercent: v.ratePercent, units: v.units })
      .returning({ id: economyVacancySnapshots.id });
    await journal({ action: "economy.vacancy.snapshot", target: `economy_sites/${siteId}`, summary: { taxYear, total: v.total, vacant: v.vacant } });
    return { id: row.id, computedOn: on, ...v };
  });
}

/** Public: the zones with land still for sale, their contact and figures (no owner, no occupant). */
export async function publicZones({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const sites = await tx.select().from(economySites).orderBy(asc(economySites.name));
    const out = [];
    for (const s of sites) {
      const units = await tx.select().from(economyTerrains).where(eq(economyTerrains.siteId, s.id)).orderBy(asc(economyTerrains.code));
      const available = units.filter((u) => (AVAILABLE_SALE_STAGES as readonly string[]).includes(u.saleStage));
      out.push({
        id: s.id,
        code: s.code,
        name: s.name,
        commune: s.communeName,
        vocation: s.vocation,
        grossHa: s.grossHa,
        availableHa: availableHa(units),
        flags: s.flags,
        access: s.access,
        contact: s.contact,
        geometry: s.geometry,
        plots: available.map((u) => ({
          code: u.code,
          grossHa: u.grossHa,
          saleStage: u.saleStage,
          developmentStage: u.developmentStage,
          priceM2Cents: u.priceM2Cents,
          turnkey: u.turnkey,
        })),
      });
    }
    return out;
  });
}
