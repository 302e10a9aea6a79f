/**
 * Import of drinking-water quality from Hub'Eau `qualite_eau_potable` (ADR 0035): the commune ↔
 * network links of a year (`communes_udi`) and the results at the tap (`resultats_dis`) of a period,
 * for the territory's communes. One Hub'Eau row is one parameter of one sample; rows are grouped by
 * `code_prelevement` into a sample and its results. Idempotent: a sample is keyed by its code, a
 * result by its sample and parameter; importing a period again writes nothing new (a result the
 * ARS corrected since is updated). The whole import and its journal entry commit together.
 */
import { sql } from "drizzle-orm";
import { uuidv7, type Db, type TrustedContext } from "@communa/core";
import { HubeauClient, HubeauError, type HubeauDeps, type HubeauLimits } from "./hubeau.ts";
import { m } from "../messages.fr.ts";

/** A `communes_udi` row (the fields used). */
export interface HubeauCommuneUdi {
  code_commune: string;
  nom_commune: string;
  code_reseau: string;
  nom_reseau: string;
  annee: string | number;
}

/** A `resultats_dis` row (the fields used). */
export interface HubeauResult {
  code_prelevement: string;
  code_commune: string;
  nom_commune?: string;
  date_prelevement: string;
  code_parametre: string | number;
  libelle_parametre: string;
  resultat_numerique?: number | null;
  resultat_alphanumerique?: string | null;
  libelle_unite?: string | null;
  limite_qualite_parametre?: string | null;
  reference_qualite_parametre?: string | null;
  conclusion_conformite_prelevement?: string | null;
  conformite_limites_bact_prelevement?: string | null;
  conformite_limites_pc_prelevement?: string | null;
  conformite_references_bact_prelevement?: string | null;
  conformite_references_pc_prelevement?: string | null;
  nom_distributeur?: string | null;
  reseaux?: { code: string; nom?: string }[] | null;
}

export interface WaterImportInput {
  communes: readonly string[];
  year: number;
  /** Period of samples, inclusive days (yyyy-MM-dd). */
  from: string;
  to: string;
}

export interface WaterImportReport {
  networks: number;
  samples: { inserted: number; updated: number };
  results: { inserted: number; updated: number };
  requests: number;
}

/** Hub'Eau caps multi-valued filters of drinking water at 20 values. */
const COMMUNES_PER_REQUEST = 20;
const chunks = <T>(list: readonly T[], n: number): T[][] => Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, i * n + n));

/** Fetches what an import needs from Hub'Eau (no database): networks of the year, results of the period. */
export async function fetchWater(client: HubeauClient, input: WaterImportInput): Promise<{ networks: HubeauCommuneUdi[]; results: HubeauResult[] }> {
  const networks: HubeauCommuneUdi[] = [];
  const results: HubeauResult[] = [];
  for (const group of chunks(input.communes, COMMUNES_PER_REQUEST)) {
    const udi = await client.all<HubeauCommuneUdi>("v1/qualite_eau_potable/communes_udi", { code_commune: group, annee: input.year });
    if (udi.count > client.limits.maxDepth) throw new HubeauError(m.hubeauUdiTooDeep(udi.count), 400);
    networks.push(...udi.data);
    results.push(
      ...(await client.byDateRange<HubeauResult>(
        "v1/qualite_eau_potable/resultats_dis",
        { code_commune: group, sort: "asc" },
        { from: input.from, to: input.to },
        ["date_min_prelevement", "date_max_prelevement"],
      )),
    );
  }
  return { networks, results };
}

const text = (v: unknown): string | null => (v === undefined || v === null || v === "" ? null : String(v));

/** Groups Hub'Eau rows into samples (first row's sample fields) and their results (one per parameter). */
export function toSamples(rows: readonly HubeauResult[]) {
  const samples = new Map<string, { sample: Record<string, unknown>; results: Map<string, Record<string, unknown>> }>();
  for (const r of rows) {
    let s = samples.get(r.code_prelevement);
    if (!s) {
      s = {
        sample: {
          id: uuidv7(),
          sample_code: r.code_prelevement,
          commune_insee: r.code_commune,
          network_code: r.reseaux?.[0]?.code ?? null,
          sampled_at: new Date(r.date_prelevement).toISOString(),
          bact_limits: text(r.conformite_limites_bact_prelevement),
          pc_limits: text(r.conformite_limites_pc_prelevement),
          bact_refs: text(r.conformite_references_bact_prelevement),
          pc_refs: text(r.conformite_references_pc_prelevement),
          conclusion: text(r.conclusion_conformite_prelevement),
          distributor: text(r.nom_distributeur),
        },
        results: new Map(),
      };
      samples.set(r.code_prelevement, s);
    }
    s.results.set(String(r.code_parametre), {
      id: uuidv7(),
      sample_code: r.code_prelevement,
      parameter_code: String(r.code_parametre),
      parameter_label: r.libelle_parametre,
      value: typeof r.resultat_numerique === "number" && Number.isFinite(r.resultat_numerique) ? r.resultat_numerique : null,
      value_text: text(r.resultat_alphanumerique),
      unit: text(r.libelle_unite),
      quality_limit: text(r.limite_qualite_parametre),
      quality_reference: text(r.reference_qualite_parametre),
    });
  }
  return [...samples.values()];
}

const BATCH = 500;
const tally = (rows: { inserted: boolean }[]) => ({ inserted: rows.filter((r) => r.inserted).length, updated: rows.filter((r) => !r.inserted).length });
const add = (a: { inserted: number; updated: number }, b: { inserted: number; updated: number }) => ({
  inserted: a.inserted + b.inserted,
  updated: a.updated + b.updated,
});

/** Writes fetched Hub'Eau data for the caller's tenant, with one journal entry. */
export async function storeWater(
  db: Db,
  ctx: TrustedContext,
  year: number,
  data: { networks: HubeauCommuneUdi[]; results: HubeauResult[] },
  requests = 0,
): Promise<WaterImportReport> {
  const samples = toSamples(data.results);
  return db.write(ctx, async (tx, journal) => {
    const networks = data.networks.map((n) => ({
      id: uuidv7(),
      year,
      insee: n.code_commune,
      commune: n.nom_commune,
      code: n.code_reseau,
      name: n.nom_reseau,
    }));
    for (const part of chunks(networks, BATCH))
      await tx.execute(sql`
        INSERT INTO env_water_networks (id, tenant_id, year, commune_insee, commune_name, network_code, network_name)
        SELECT id, app.current_tenant(), year, insee, commune, code, name
        FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS x(id uuid, year int, insee text, commune text, code text, name text)
        ON CONFLICT (tenant_id, year, commune_insee, network_code) DO UPDATE SET network_name = excluded.network_name, commune_name = excluded.commune_name, imported_at = now()`);
    let sampleCounts = { inserted: 0, updated: 0 };
    for (const part of chunks(samples, BATCH)) {
      const res = await tx.execute<{ inserted: boolean }>(sql`
        INSERT INTO env_water_samples (id, tenant_id, source, sample_code, commune_insee, network_code, sampled_at,
          conformite_limites_bact, conformite_limites_pc, conformite_references_bact, conformite_references_pc, conclusion, distributor)
        SELECT id, app.current_tenant(), 'ars', sample_code, commune_insee, network_code, sampled_at, bact_limits, pc_limits, bact_refs, pc_refs, conclusion, distributor
        FROM jsonb_to_recordset(${JSON.stringify(part.map((p) => p.sample))}::jsonb) AS x(id uuid, sample_code text, commune_insee text,
          network_code text, sampled_at timestamptz, bact_limits text, pc_limits text, bact_refs text, pc_refs text, conclusion text, distributor text)
        ON CONFLICT (tenant_id, source, sample_code) DO UPDATE SET conclusion = excluded.conclusion,
          conformite_limites_bact = excluded.conformite_limites_bact, conformite_limites_pc = excluded.conformite_limites_pc,
          conformite_references_bact = excluded.conformite_references_bact, conformite_references_pc = excluded.conformite_references_pc, imported_at = now()
        WHERE (env_water_samples.conclusion, env_water_samples.conformite_limites_bact, env_water_samples.conformite_limites_pc,
               env_water_samples.conformite_references_bact, env_water_samples.conformite_references_pc)
          IS DISTINCT FROM (excluded.conclusion, excluded.conformite_limites_bact, excluded.conformite_limites_pc,
               excluded.conformite_references_bact, excluded.conformite_references_pc)
        RETURNING (xmax = 0) AS inserted`);
      sampleCounts = add(sampleCounts, tally(res.rows));
    }
    let resultCounts = { inserted: 0, updated: 0 };
    const results = samples.flatMap((s) => [...s.results.values()]);
    for (const part of chunks(results, BATCH)) {
      const res = await tx.execute<{ inserted: boolean }>(sql`
        INSERT INTO env_water_results (id, tenant_id, sample_id, parameter_code, parameter_label, value, value_text, unit, quality_limit, quality_reference)
        SELECT x.id, app.current_tenant(), s.id, x.parameter_code, x.parameter_label, x.value, x.value_text, x.unit, x.quality_limit, x.quality_reference
        FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS x(id uuid, sample_code text, parameter_code text, parameter_label text,
          value double precision, value_text text, unit text, quality_limit text, quality_reference text)
        JOIN env_water_samples s ON s.tenant_id = app.current_tenant() AND s.source = 'ars' AND s.sample_code = x.sample_code
        ON CONFLICT (sample_id, parameter_code) DO UPDATE SET value = excluded.value, value_text = excluded.value_text, unit = excluded.unit,
          quality_limit = excluded.quality_limit, quality_reference = excluded.quality_reference, parameter_label = excluded.parameter_label
        WHERE (env_water_results.value, env_water_results.value_text, env_water_results.unit, env_water_results.quality_limit, env_water_results.quality_reference)
          IS DISTINCT FROM (excluded.value, excluded.value_text, excluded.unit, excluded.quality_limit, excluded.quality_reference)
        RETURNING (xmax = 0) AS inserted`);
      resultCounts = add(resultCounts, tally(res.rows));
    }
    const report: WaterImportReport = { networks: networks.length, samples: sampleCounts, results: resultCounts, requests };
    await journal({ action: "environment.water.import", target: "env_water_samples", summary: { year, ...report } });
    return report;
  });
}

/** Fetches from Hub'Eau and stores: the import an agent starts. */
export async function importWater(
  { db, ctx, hubeau, limits }: { db: Db; ctx: TrustedContext; hubeau: HubeauDeps; limits?: HubeauLimits },
  input: WaterImportInput,
): Promise<WaterImportReport> {
  const client = new HubeauClient(hubeau, limits);
  const data = await fetchWater(client, input);
  return storeWater(db, ctx, input.year, data, client.requests);
}
