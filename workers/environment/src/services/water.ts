/**
 * The public view of a commune's drinking water (ADR 0035): the network(s) serving it this year,
 * the latest sample and what its conformity flags mean, and the history of the key parameters with
 * their quality limit. Read with the caller's tenant: the EPCI's data is 'shared', so a member
 * commune's site shows it too.
 */
import { and, asc, desc, eq, inArray, lte } from "drizzle-orm";
import { communes, envWaterNetworks, envWaterResults, envWaterSamples } from "@communa/db";
import { notFound, parisDay, parisYear, type Db, type TrustedContext } from "@communa/core";
import { CONFORMITY, m } from "../messages.fr.ts";
import { KEY_PARAMETERS, inForce } from "../parameters.ts";

const flag = (code: string | null) => (code ? { code, label: CONFORMITY[code] ?? `code ${code}` } : null);

/** The number in a Hub'Eau limit text ("<=50 mg/L", "0 n/100mL"), if any. */
export function limitValue(text: string | null): number | null {
  const match = text ? /-?\d+(?:[.,]\d+)?/.exec(text) : null;
  return match ? Number(match[0].replace(",", ".")) : null;
}

export async function communeWater({ db, ctx, insee, now = new Date() }: { db: Db; ctx: TrustedContext; insee: string; now?: Date }) {
  const year = parisYear(now);
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const links = await tx
      .select()
      .from(envWaterNetworks)
      .where(and(eq(envWaterNetworks.communeInsee, insee), lte(envWaterNetworks.year, year)))
      .orderBy(desc(envWaterNetworks.year));
    const samples = await tx.select().from(envWaterSamples).where(eq(envWaterSamples.communeInsee, insee)).orderBy(desc(envWaterSamples.sampledAt)).limit(2000);
    if (!links.length && !samples.length) throw notFound(m.noCommune(insee));
    const networkYear = links[0]?.year ?? null;
    const networks = links.filter((l) => l.year === networkYear).map((l) => ({ code: l.networkCode, name: l.networkName }));
    const latest = samples.find((s) => s.source === "ars") ?? null;
    // The service's own latest self-check, shown beside (never instead of) the ARS's.
    const latestOwn = samples.find((s) => s.source === "own") ?? null;
    const codes = KEY_PARAMETERS.flatMap((p) => [...p.codes]);
    const ids = samples.map((s) => s.id);
    const results = ids.length
      ? await tx
          .select({
            sampleId: envWaterResults.sampleId,
            code: envWaterResults.parameterCode,
            label: envWaterResults.parameterLabel,
            value: envWaterResults.value,
            valueText: envWaterResults.valueText,
            unit: envWaterResults.unit,
            limit: envWaterResults.qualityLimit,
          })
          .from(envWaterResults)
          .where(and(inArray(envWaterResults.sampleId, ids), inArray(envWaterResults.parameterCode, codes)))
          .orderBy(asc(envWaterResults.parameterCode))
      : [];
    const byId = new Map(samples.map((s) => [s.id, s]));
    const day = parisDay(now);
    const history = KEY_PARAMETERS.map((p) => {
      const points = results
        .filter((r) => (p.codes as readonly string[]).includes(r.code))
        .map((r) => {
          const s = byId.get(r.sampleId)!;
          return { at: new Date(s.sampledAt).toISOString(), source: s.source, parameter: r.label, value: r.value, valueText: r.valueText, unit: r.unit };
        })
        .sort((a, b) => (a.at < b.at ? -1 : 1));
      const imported = results.find((r) => (p.codes as readonly string[]).includes(r.code) && limitValue(r.limit) !== null);
      const dated = inForce(p.limits, day);
      return {
        key: p.key,
        unit: imported?.unit ?? p.unit,
        limit: imported ? limitValue(imported.limit) : (dated?.value ?? null),
        limitSource: imported ? `Hub'Eau : ${imported.limit}` : (dated?.source ?? null),
        points,
      };
    });
    return {
      insee,
      year,
      networkYear,
      networks,
      latest: latest && {
        sampleCode: latest.sampleCode,
        sampledAt: new Date(latest.sampledAt).toISOString(),
        conclusion: latest.conclusion,
        bacteriologicalLimits: flag(latest.bacteriologicalLimits),
        chemicalLimits: flag(latest.chemicalLimits),
        bacteriologicalReferences: flag(latest.bacteriologicalReferences),
        chemicalReferences: flag(latest.chemicalReferences),
        distributor: latest.distributor,
      },
      latestOwn: latestOwn && {
        sampledAt: new Date(latestOwn.sampledAt).toISOString(),
        conclusion: latestOwn.conclusion,
        results: KEY_PARAMETERS.flatMap((p) =>
          results
            .filter((r) => r.sampleId === latestOwn.id && (p.codes as readonly string[]).includes(r.code))
            .map((r) => ({ key: p.key, value: r.value, unit: r.unit ?? p.unit })),
        ),
      },
      conformityCodes: Object.entries(CONFORMITY).map(([code, label]) => ({ code, label })),
      history,
      samples: samples.length,
    };
  });
}

/** The communes of the caller's territory: an EPCI's members, or the commune itself. */
export async function territoryCommunes(db: Db, ctx: TrustedContext): Promise<string[]> {
  if (ctx.tenant.insee) return [ctx.tenant.insee];
  if (!ctx.tenant.siren) return [];
  const rows = await db.reference((tx) => tx.select({ insee: communes.insee }).from(communes).where(eq(communes.epciSiren, ctx.tenant.siren!)));
  return rows.map((r) => r.insee);
}
