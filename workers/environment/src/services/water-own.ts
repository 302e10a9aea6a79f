/**
 * The water service's own monitoring (issue #22, « autosurveillance »): the operator's self-checks
 * on the key parameters, entered one sample at a time or imported as a CSV, stored beside the ARS
 * results with source `own` — never mixed with them: the public page labels each point by its
 * source and the latest sanitary conformity stays the ARS's. A sample is known by the service's
 * own reference: sending it again corrects it (idempotent), and every write is journalled.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { envWaterResults, envWaterSamples } from "@communa/db";
import { invalid, uuidv7, type Db, type FieldError, type TrustedContext } from "@communa/core";
import { readCsv } from "@communa/core/csv";
import { fromParisWallClock } from "@communa/core/time";
import { KEY_PARAMETERS, type KeyParameter } from "../parameters.ts";
import { m, OWN_PARAMETER_LABELS } from "../messages.fr.ts";

export interface OwnSample {
  reference: string;
  communeInsee: string;
  sampledAt: string;
  results: Array<{ parameter: KeyParameter; value: number }>;
  conclusion?: string | null;
  /** The CSV line it was first read from (problems found later are named by it). */
  line?: number;
}

/** How a problem of sample `i`'s `field` is named: a form's field, or a CSV's line. */
export type ProblemOf = (i: number, field: string, message: string) => FieldError;

/** Columns of the self-checks CSV (one line per parameter of a sample; documented in ADR 0035). */
export const OWN_COLUMNS = ["reference", "commune", "date", "parametre", "valeur"] as const;
export const OWN_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$/;

const parameterOf = (key: string) => KEY_PARAMETERS.find((p) => p.key === key);

/** Checks what no schema can (the territory, the clock); throws the French field errors. */
function check(samples: OwnSample[], communes: ReadonlySet<string>, now: Date, problemOf: ProblemOf) {
  const errors: FieldError[] = [];
  samples.forEach((s, i) => {
    if (!communes.has(s.communeInsee)) errors.push(problemOf(i, "communeInsee", m.noCommune(s.communeInsee)));
    if (Date.parse(s.sampledAt) > now.getTime() + 5 * 60_000) errors.push(problemOf(i, "sampledAt", m.ownFuture));
  });
  if (errors.length) throw invalid(undefined, errors.slice(0, 50));
}

/** Stores the samples (all or nothing); how many samples and results were written (new or corrected). */
export async function storeOwnSamples(
  db: Db,
  ctx: TrustedContext,
  samples: OwnSample[],
  {
    communes,
    now = new Date(),
    problemOf = (_i, field, message) => ({ path: `body/${field}`, message }),
  }: { communes: ReadonlySet<string>; now?: Date; problemOf?: ProblemOf },
) {
  check(samples, communes, now, problemOf);
  return db.write(ctx, async (tx, journal) => {
    let changedSamples = 0;
    let changedResults = 0;
    for (const s of samples) {
      const values = { communeInsee: s.communeInsee, sampledAt: new Date(s.sampledAt), conclusion: s.conclusion ?? null, importedAt: new Date() };
      const [row] = await tx
        .insert(envWaterSamples)
        .values({ id: uuidv7(), tenantId: ctx.tenant.id, source: "own", sampleCode: s.reference, ...values })
        .onConflictDoUpdate({ target: [envWaterSamples.tenantId, envWaterSamples.source, envWaterSamples.sampleCode], set: values })
        .returning({ id: envWaterSamples.id });
      changedSamples += 1;
      for (const r of s.results) {
        const p = parameterOf(r.parameter)!;
        const result = {
          parameterLabel: OWN_PARAMETER_LABELS[p.key],
          value: r.value,
          valueText: null,
          unit: p.unit,
          qualityLimit: null,
          qualityReference: null,
        };
        const written = await tx
          .insert(envWaterResults)
          .values({ id: uuidv7(), tenantId: ctx.tenant.id, sampleId: row.id, parameterCode: p.codes[0], ...result })
          .onConflictDoUpdate({ target: [envWaterResults.sampleId, envWaterResults.parameterCode], set: result })
          .returning({ id: envWaterResults.id });
        changedResults += written.length;
      }
    }
    await journal({
      action: "environment.water.own",
      target: "env_water_samples",
      summary: { samples: samples.length, references: samples.slice(0, 20).map((s) => s.reference) },
    });
    return { samples: changedSamples, results: changedResults };
  });
}

/** A real instant: an ISO date (the day's start, Paris time: a check of today is never « to come ») or a date-time with its offset. */
function instantOf(value: string): string | null {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T12:00:00Z`).toISOString().slice(0, 10) === v ? fromParisWallClock(`${v}T00:00`) : null;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : null;
}

/**
 * The self-checks CSV into samples: lines of one reference make one sample (the same commune and
 * date on each). Every line's problems are named (`body/csv/<line>`), all at once.
 */
export function ownSamplesFromCsv(csv: string): OwnSample[] {
  const parsed = readCsv(csv);
  const missing = OWN_COLUMNS.filter((c) => !parsed.meta.fields?.includes(c));
  if (missing.length) throw invalid(undefined, [{ path: "body/csv", message: m.csvColumns(missing.join(", ")) }]);
  const errors: FieldError[] = [];
  const byReference = new Map<string, OwnSample & { line: number }>();
  parsed.data.forEach((r, i) => {
    const line = i + 2;
    const reference = (r.reference ?? "").trim();
    const communeInsee = (r.commune ?? "").trim();
    const sampledAt = instantOf(r.date ?? "");
    const parameter = (r.parametre ?? "").trim().toLowerCase();
    const value = Number(
      String(r.valeur ?? "")
        .replace(/\s/g, "")
        .replace(",", "."),
    );
    const problems = [
      !OWN_REFERENCE.test(reference) && m.ownReference,
      !/^[0-9][0-9AB][0-9]{3}$/.test(communeInsee) && m.ownCommune,
      !sampledAt && m.ownDate,
      !parameterOf(parameter) && m.ownParameter(parameter),
      !(String(r.valeur ?? "").trim() !== "" && Number.isFinite(value) && value >= 0) && m.badNumber("valeur"),
    ].filter((p): p is string => typeof p === "string");
    const known = byReference.get(reference);
    if (!problems.length && known && (known.communeInsee !== communeInsee || Date.parse(known.sampledAt) !== Date.parse(sampledAt!)))
      problems.push(m.ownSameSample(known.line));
    if (!problems.length && known?.results.some((x) => x.parameter === parameter)) problems.push(m.ownTwice(parameter));
    for (const p of problems) errors.push({ path: `body/csv/${line}`, message: m.csvLine(line, p) });
    if (problems.length) return;
    const conclusion = (r.conclusion ?? "").trim().slice(0, 500) || null;
    if (known) {
      known.results.push({ parameter: parameter as KeyParameter, value });
      known.conclusion ??= conclusion;
    } else
      byReference.set(reference, {
        line,
        reference,
        communeInsee,
        sampledAt: sampledAt!,
        conclusion,
        results: [{ parameter: parameter as KeyParameter, value }],
      });
  });
  if (errors.length) throw invalid(undefined, errors.slice(0, 50));
  if (!byReference.size) throw invalid(undefined, [{ path: "body/csv", message: m.ownEmpty }]);
  return [...byReference.values()];
}

/** The service's self-checks, newest first (the back office's list), with their key results. */
export async function listOwnSamples(db: Db, ctx: TrustedContext, communeInsee?: string) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const samples = await tx
      .select()
      .from(envWaterSamples)
      .where(
        and(
          eq(envWaterSamples.tenantId, ctx.tenant.id),
          eq(envWaterSamples.source, "own"),
          communeInsee ? eq(envWaterSamples.communeInsee, communeInsee) : undefined,
        ),
      )
      .orderBy(desc(envWaterSamples.sampledAt))
      .limit(200);
    const results = samples.length
      ? await tx
          .select()
          .from(envWaterResults)
          .where(
            inArray(
              envWaterResults.sampleId,
              samples.map((s) => s.id),
            ),
          )
      : [];
    // In the page's order of the key parameters (nitrates, pesticides, bacteriology).
    const order = (key: string) => KEY_PARAMETERS.findIndex((p) => p.key === key);
    const keyOf = (code: string) => KEY_PARAMETERS.find((p) => (p.codes as readonly string[]).includes(code))?.key ?? code;
    return samples.map((s) => ({
      reference: s.sampleCode,
      communeInsee: s.communeInsee,
      sampledAt: new Date(s.sampledAt).toISOString(),
      conclusion: s.conclusion,
      results: results
        .filter((r) => r.sampleId === s.id)
        .map((r) => ({ parameter: keyOf(r.parameterCode), value: r.value, unit: r.unit }))
        .sort((a, b) => order(a.parameter) - order(b.parameter)),
    }));
  });
}
