/**
 * The open CNIG « sites économiques » v1.0.1 export: four CSV (`;`, UTF-8, the standard's columns
 * in its order), a datapackage.json carrying the four Table Schemas inline, and a GeoJSON of the
 * zones. NO personal data: owners never, establishments only when SIRENE lets them be published
 * (statutDiffusion « O »), no acquirer's name, no contact of an establishment.
 *
 * Coordinates: `geojson` fields (perimeters, establishment points) in Lambert-93 (EPSG:2154, the
 * standard's SQL type), `geopoint` fields « lon, lat » in WGS84 (Frictionless geopoint), the GeoJSON
 * file in WGS84 (RFC 7946). Jobs: Communa only knows SIRENE bands, so the standard's job counts
 * stay empty rather than be invented; the band code and its label are exported per establishment.
 */
import { asc } from "drizzle-orm";
import { economyPoles, economySites } from "@communa/db";
import { WORKFORCE_BANDS, type WorkforceBand } from "@communa/contracts/economy";
import { parisDay, type Db, type TrustedContext } from "@communa/core";
import { toCsv } from "@communa/core/csv";
import { availableHa, zoneFacts, zoneVacancy, type ZoneFacts } from "./zones.ts";
import { asMultiPolygon, centroid, LAMBERT_93_URN, projectGeometry } from "./lambert93.ts";
import { CNIG_SCHEMAS, RESOURCES, type ResourceName } from "./cnig-validate.ts";
import datapackage from "../cnig/datapackage.json" with { type: "json" };

type Geometry = { type: string; coordinates: unknown };
const yesNo = (b: boolean | null | undefined) => (b === null || b === undefined ? "" : b ? "oui" : "non");
const point = ([lon, lat]: readonly number[]) => `${lon}, ${lat}`;
const l93 = (g: unknown) => JSON.stringify(projectGeometry(asMultiPolygon(g as Geometry)));
const BUILT = new Set(["bâti productif", "bâti résidentiel"]);

export interface CnigPackage {
  csv: Record<ResourceName, string>;
  geojson: { type: "FeatureCollection"; features: unknown[] };
}

function siteRow(ctx: TrustedContext, f: ZoneFacts, on: string) {
  const s = f.site;
  const vac = zoneVacancy(f, Number(on.slice(0, 4)));
  return {
    site_id: s.code,
    pole_id: f.pole.code,
    site_nom: s.name,
    site_type: s.type,
    site_vocadomi: s.vocation,
    site_etat: s.state,
    site_surf_brute: s.grossHa,
    site_surf_utile: s.usefulHa,
    site_creation_date: s.creationYear ?? "",
    site_identif_date: s.identifiedOn,
    site_actu_date: s.updatedOn,
    source_producteur: ctx.tenant.name,
    site_description: s.description,
    site_evol_urba: s.urbanEvolution ?? "",
    site_epci_nom: ctx.tenant.name,
    site_epci_siren: ctx.tenant.siren,
    site_comm_nom: s.communeName,
    site_comm_insee: s.communeInsee,
    site_moa_type: s.moaType,
    site_moa_nom: s.moaName,
    site_uf_nbre: vac.total,
    site_uf_vacant_nbre: vac.vacant,
    site_taux_vacance: vac.ratePercent ?? "",
    site_uf_bati_nbre: f.units.filter((u) => BUILT.has(u.use)).length,
    site_nb_etab: f.establishments.filter((e) => !e.closedOn).length,
    site_geomsurf: l93(s.geometry),
    site_geompoint: point(centroid(s.geometry as Geometry)),
    site_surf_comm_dispo: availableHa(f.units),
    ...s.flags,
    desserte_route_nom: s.access.route ?? "",
    autoroute_nom: s.access.motorway ?? "",
    autoroute_echang_dist: s.access.motorwayKm ?? "",
    gare_nom: s.access.station ?? "",
    gare_dist: s.access.stationKm ?? "",
  };
}

function terrainRows(f: ZoneFacts) {
  return f.units.map((u) => ({
    terr_id: u.code,
    site_id: f.site.code,
    terr_refcad: u.parcels.join("|"),
    terr_surf_brute: u.grossHa,
    terr_utile: yesNo(u.useful),
    terr_identif_date: u.identifiedOn,
    terr_actu_date: u.updatedOn,
    terr_maitrise_fonc: u.landControl,
    terr_stade_amngt: u.developmentStage,
    terr_stade_comm: u.saleStage,
    terr_etat_occup: u.occupancyState,
    terr_usage: u.use,
    terr_url_cartofriches: u.cartofrichesUrl ?? "",
    terr_geomsurf: l93(u.geometry),
    terr_cle_en_main: yesNo(u.turnkey),
    terr_m2_prix: u.priceM2Cents === null ? "" : u.priceM2Cents / 100,
  }));
}

function establishmentRows(ctx: TrustedContext, f: ZoneFacts) {
  const codeOf = new Map(f.units.map((u) => [u.id, u.code]));
  return f.establishments
    .filter((e) => e.publicDiffusion)
    .map((e) => ({
      SIRET: e.siret,
      SIREN: e.siret.slice(0, 9),
      terr_id: f.links
        .filter((l) => l.establishmentId === e.id)
        .map((l) => codeOf.get(l.terrainId))
        .sort()
        .join("|"),
      etab_adresse: e.address,
      etab_raison_sociale: e.legalName,
      etab_nat_juridique: e.legalCategory,
      etab_nom: e.name,
      epci_nom: ctx.tenant.name,
      epci_siren: ctx.tenant.siren,
      comm_nom: e.communeName,
      comm_insee: e.communeInsee,
      etab_siege: yesNo(e.headOffice),
      etab_creation_date: e.createdOn,
      etab_identif_date: e.identifiedOn,
      etab_actu_date: e.updatedOn,
      etab_actif: yesNo(!e.closedOn),
      etab_fermeture_date: e.closedOn ?? "",
      etab_activite_code: e.nafCode.replace(".", ""),
      etab_activite_libelle: e.nafLabel,
      etab_effectif_code: e.workforceCode,
      etab_effectif_libelle: WORKFORCE_BANDS[e.workforceCode as WorkforceBand].label,
      etab_effectif_annee: String(e.workforceYear),
      etab_source_info: e.source,
      geocodage_qualite: e.geocoding,
      etab_geompoint: JSON.stringify(projectGeometry(e.points as Geometry)),
    }));
}

const csvOf = (resource: ResourceName, rows: Record<string, unknown>[]) =>
  toCsv(
    CNIG_SCHEMAS[resource].fields.map((f) => f.name),
    rows,
    { delimiter: ";", bom: false },
  );

/** The tenant's package, as of day `on`. */
export async function cnigPackage({ db, ctx, on = parisDay() }: { db: Db; ctx: TrustedContext; on?: string }): Promise<CnigPackage> {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const poles = await tx.select().from(economyPoles).orderBy(asc(economyPoles.code));
    const sites = await tx.select({ id: economySites.id }).from(economySites).orderBy(asc(economySites.code));
    const facts: ZoneFacts[] = [];
    for (const s of sites) facts.push(await zoneFacts(tx, s.id));
    const poleRows = poles.map((p) => {
      const mine = facts.filter((f) => f.pole.id === p.id);
      return {
        pole_id: p.code,
        pole_nom: p.name,
        pole_vocadomi: p.vocation,
        pole_identif_date: p.identifiedOn,
        pole_actu_date: p.updatedOn,
        pole_nb_site: mine.length,
        pole_nb_etab: mine.reduce((n, f) => n + f.establishments.filter((e) => !e.closedOn).length, 0),
        pole_surface: Math.round(mine.reduce((n, f) => n + f.site.grossHa, 0) * 10_000) / 10_000,
        pole_geompoint: point(p.point),
        pole_rayonnement: p.reach ?? "",
      };
    });
    const csv = {
      "pole-eco": csvOf("pole-eco", poleRows),
      "site-eco": csvOf(
        "site-eco",
        facts.map((f) => siteRow(ctx, f, on)),
      ),
      "terrain-eco": csvOf("terrain-eco", facts.flatMap(terrainRows)),
      etablissement: csvOf(
        "etablissement",
        facts.flatMap((f) => establishmentRows(ctx, f)),
      ),
    };
    const geojson = {
      type: "FeatureCollection" as const,
      features: facts.map((f) => ({
        type: "Feature",
        id: f.site.code,
        geometry: f.site.geometry,
        properties: {
          site_id: f.site.code,
          pole_id: f.pole.code,
          site_nom: f.site.name,
          site_vocadomi: f.site.vocation,
          site_comm_nom: f.site.communeName,
          site_surf_brute: f.site.grossHa,
        },
      })),
    };
    return { csv, geojson };
  });
}

/** datapackage.json: the standard's descriptor with the four schemas inline and Communa's paths. */
export function datapackageJson(ctx: TrustedContext, on: string) {
  return {
    name: `sites-economiques-${ctx.tenant.slug}`,
    title: `Sites économiques — ${ctx.tenant.name}`,
    description: `Inventaire des zones d’activité économique au standard CNIG « sites économiques » v1.0.1. Géométries GeoJSON des CSV en Lambert-93 (${LAMBERT_93_URN}) ; points « longitude, latitude » en WGS84 ; fichier GeoJSON en WGS84. Aucune donnée personnelle.`,
    profile: "tabular-data-package",
    version: "1.0.1",
    created: on,
    licenses: [{ name: "etalab-2.0", path: "https://www.etalab.gouv.fr/licence-ouverte-open-licence", title: "Licence Ouverte / Open Licence 2.0" }],
    sources: [{ title: datapackage.title, path: "https://github.com/cnigfr/schema-sites-economiques" }],
    resources: [
      ...RESOURCES.map((name) => ({
        name,
        path: `${name}.csv`,
        profile: "tabular-data-resource",
        format: "csv",
        mediatype: "text/csv",
        encoding: "utf-8",
        dialect: { delimiter: ";" },
        schema: CNIG_SCHEMAS[name],
      })),
      { name: "sites-geojson", path: "sites.geojson", format: "geojson", mediatype: "application/geo+json", encoding: "utf-8" },
    ],
  };
}
