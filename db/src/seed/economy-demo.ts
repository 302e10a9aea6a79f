/**
 * The CCLVD's demonstration activity zones (db/seed/data/economy-demo.json, issue #21, ADR 0041):
 * the two real poles of Laigneville and Monchy-Saint-Éloi (names, points: Géo2France SIMI 2014),
 * each with a zone whose perimeter is a rectangle drawn around the point (flagged approximate), a
 * few land units (occupied, a « friche », a vacant one, land for sale), their fictional owners (legal
 * persons), fictional establishments and occupancy histories dated from the day the seed runs.
 * Loaded once: if the tenant already has an economic pole, nothing is touched (what agents change
 * survives later seeds).
 */
import { readFileSync } from "node:fs";
import { count, eq, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { WorkforceBand } from "@communa/contracts/economy";
import * as schema from "../schema/index.ts";

type Tx = Parameters<Parameters<NodePgDatabase<typeof schema>["transaction"]>[0]>[0];
type Polygon = { type: "Polygon"; coordinates: number[][][] };

interface DemoUnit {
  code: string;
  parcels: string[];
  grossHa: number;
  landControl: string;
  developmentStage: string;
  saleStage: string;
  occupancyState: string;
  use: string;
  priceM2Cents?: number;
  /** Offset of the unit's centre from the pole's point (degrees of longitude, latitude). */
  at: [number, number];
  owner: { name: string; siren: string };
  occupancy?: { establishment?: string; occupant?: string; startedYearsAgo: number; endedYearsAgo?: number };
}
interface DemoZone {
  pole: { code: string; source: string; name: string; vocation: string; reach: string; point: [number, number] };
  site: {
    code: string;
    name: string;
    communeInsee: string;
    type: string;
    vocation: string;
    state: string;
    grossHa: number;
    usefulHa: number;
    moaType: string;
    description: string;
    flags: Record<string, "oui" | "non">;
    access: Record<string, string | number>;
    /** Half width and half height of the approximate perimeter (degrees). */
    half: [number, number];
  };
  units: DemoUnit[];
  establishments: Array<{
    siret: string;
    legalName: string;
    name: string;
    legalCategory: string;
    naf: { code: string; version: string; label: string };
    workforce: WorkforceBand;
    createdYearsAgo: number;
    units: string[];
  }>;
}
export interface EconomyDemo {
  tenant: string;
  contact: { service: string; email: string; phone: string };
  zones: DemoZone[];
}

export const ECONOMY_DEMO_FILE = new URL("../../seed/data/economy-demo.json", import.meta.url);
export const economyDemo = (): EconomyDemo => JSON.parse(readFileSync(ECONOMY_DEMO_FILE, "utf8")) as EconomyDemo;

const today = () => new Date().toISOString().slice(0, 10);
const yearsAgo = (n: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - n);
  return d.toISOString().slice(0, 10);
};
const round = (x: number) => Math.round(x * 1e6) / 1e6;
/** A closed rectangle of half sides `dx`, `dy` around [lon, lat] (WGS84). */
export const rectangle = ([lon, lat]: [number, number], dx: number, dy: number): Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [round(lon - dx), round(lat - dy)],
      [round(lon + dx), round(lat - dy)],
      [round(lon + dx), round(lat + dy)],
      [round(lon - dx), round(lat + dy)],
      [round(lon - dx), round(lat - dy)],
    ],
  ],
});

export async function seedEconomyDemo(tx: Tx): Promise<void> {
  const data = economyDemo();
  const [tenant] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, data.tenant)).limit(1);
  if (!tenant) throw new Error(`Zones d’activité de démonstration : collectivité inconnue « ${data.tenant} »`);
  await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenant.id}, true)`);
  const [{ n }] = await tx.select({ n: count() }).from(schema.economyPoles).where(eq(schema.economyPoles.tenantId, tenant.id));
  if (n > 0) return;
  const tenantId = tenant.id;
  const on = today();
  const communes = new Map((await tx.select({ insee: schema.communes.insee, name: schema.communes.name }).from(schema.communes)).map((c) => [c.insee, c.name]));
  for (const z of data.zones) {
    const communeName = communes.get(z.site.communeInsee);
    if (!communeName) throw new Error(`Zones d’activité de démonstration : commune inconnue « ${z.site.communeInsee} »`);
    const source = `Démonstration Communa (pôle ${z.pole.source}, Géo2France SIMI 2014 ; périmètre et unités fictifs)`;
    const [pole] = await tx
      .insert(schema.economyPoles)
      .values({
        tenantId,
        code: z.pole.code,
        name: z.pole.name,
        vocation: z.pole.vocation,
        reach: z.pole.reach,
        identifiedOn: on,
        updatedOn: on,
        point: z.pole.point,
        source,
      })
      .returning({ id: schema.economyPoles.id });
    const [site] = await tx
      .insert(schema.economySites)
      .values({
        tenantId,
        code: z.site.code,
        poleId: pole.id,
        name: z.site.name,
        type: z.site.type,
        vocation: z.site.vocation,
        state: z.site.state,
        grossHa: z.site.grossHa,
        usefulHa: z.site.usefulHa,
        identifiedOn: on,
        updatedOn: on,
        communeInsee: z.site.communeInsee,
        communeName,
        moaType: z.site.moaType,
        description: z.site.description,
        flags: z.site.flags,
        access: z.site.access,
        contact: data.contact,
        geometry: rectangle(z.pole.point, z.site.half[0], z.site.half[1]),
        perimeterApproximate: true,
        source,
      })
      .returning({ id: schema.economySites.id });
    const unitIds = new Map<string, string>();
    for (const u of z.units) {
      const centre: [number, number] = [z.pole.point[0] + u.at[0], z.pole.point[1] + u.at[1]];
      const [row] = await tx
        .insert(schema.economyTerrains)
        .values({
          tenantId,
          code: u.code,
          siteId: site.id,
          parcels: u.parcels,
          grossHa: u.grossHa,
          identifiedOn: on,
          updatedOn: on,
          landControl: u.landControl,
          developmentStage: u.developmentStage,
          saleStage: u.saleStage,
          occupancyState: u.occupancyState,
          use: u.use,
          priceM2Cents: u.priceM2Cents ?? null,
          geometry: rectangle(centre, 0.0008, 0.0005),
        })
        .returning({ id: schema.economyTerrains.id });
      unitIds.set(u.code, row.id);
      await tx
        .insert(schema.economyOwners)
        .values({ tenantId, terrainId: row.id, kind: "legal_person", name: u.owner.name, siren: u.owner.siren, address: `Adresse fictive, ${communeName}` });
    }
    const establishments = new Map<string, { id: string; name: string }>();
    for (const e of z.establishments) {
      const first = z.units.find((u) => u.code === e.units[0])!;
      const [row] = await tx
        .insert(schema.economyEstablishments)
        .values({
          tenantId,
          siret: e.siret,
          legalName: e.legalName,
          name: e.name,
          legalCategory: e.legalCategory,
          nafCode: e.naf.code.replace(/^(\d{2})(\d{2})/, "$1.$2"),
          nafVersion: e.naf.version,
          nafLabel: e.naf.label,
          workforceCode: e.workforce,
          workforceYear: Number(on.slice(0, 4)) - 1,
          createdOn: yearsAgo(e.createdYearsAgo),
          identifiedOn: on,
          updatedOn: on,
          communeInsee: z.site.communeInsee,
          communeName,
          address: `${z.site.name}, ${communeName} (adresse fictive)`,
          source: "Démonstration Communa (établissement fictif)",
          geocoding: "localisation à la parcelle",
          points: { type: "MultiPoint", coordinates: [[round(z.pole.point[0] + first.at[0]), round(z.pole.point[1] + first.at[1])]] },
        })
        .returning({ id: schema.economyEstablishments.id });
      establishments.set(e.siret, { id: row.id, name: e.name });
      await tx
        .insert(schema.economyEstablishmentTerrains)
        .values(e.units.map((code) => ({ tenantId, establishmentId: row.id, terrainId: unitIds.get(code)! })));
    }
    for (const u of z.units) {
      if (!u.occupancy) continue;
      const est = u.occupancy.establishment ? establishments.get(u.occupancy.establishment) : undefined;
      await tx.insert(schema.economyOccupancies).values({
        tenantId,
        terrainId: unitIds.get(u.code)!,
        establishmentId: est?.id ?? null,
        occupant: est?.name ?? u.occupancy.occupant ?? "",
        cfeLiable: true,
        startedOn: yearsAgo(u.occupancy.startedYearsAgo),
        endedOn: u.occupancy.endedYearsAgo === undefined ? null : yearsAgo(u.occupancy.endedYearsAgo),
      });
    }
  }
}
