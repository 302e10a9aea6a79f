/**
 * The waste module's demonstration data (db/seed/data/waste-demo.json): premises and bins of the
 * CCLVD, collective bins of an apartment building, tariffs, a depot's stock, and generated weekly
 * lifts over last year and this year so far (a fixed pseudo-random sequence: the same data on
 * every machine). Loaded only when the tenant has no premises yet, so what agents change survives
 * later seeds.
 */
import { readFileSync } from "node:fs";
import { count, eq, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import * as schema from "../schema/index.ts";

type Tx = Parameters<Parameters<NodePgDatabase<typeof schema>["transaction"]>[0]>[0];
type Stream = (typeof schema.WASTE_STREAMS)[number];

interface DemoFile {
  tenant: string;
  tariffs: Array<{
    yearOffset: number;
    regime: "teomi" | "reomi";
    basis: "lifts" | "volume" | "weight";
    fixedRateMillionths?: number;
    fixedFeeCents?: number;
    rates: Partial<Record<Stream, number>>;
    deliberation: string;
  }>;
  premises: Array<{
    reference: string;
    address: string;
    postcode: string;
    communeInsee: string;
    rentalValueCents: number;
    firstOccupiedYear?: number;
    bins: Array<{ chipId: string; stream: Stream; volumeLitres: number }>;
  }>;
  collective: Array<{ chipId: string; stream: Stream; volumeLitres: number; sharedBy: string[] }>;
  depots: Array<{
    name: string;
    address: string;
    stock: Array<{ code: string; label: string; kind: "container" | "lid" | "wheel" | "chip" | "other"; quantity: number; reorderThreshold: number }>;
  }>;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEMO_DEVICE = "00000000-0000-7000-8000-00000000d3e0";
/** How often each stream is put out: share of weeks (collective bins: every week). */
const PUT_OUT: Record<Stream, number> = { residual: 0.55, biowaste: 0.7, packaging: 0.5, glass: 0.2 };

export async function seedWasteDemo(tx: Tx): Promise<void> {
  const data = JSON.parse(readFileSync(new URL("../../seed/data/waste-demo.json", import.meta.url), "utf8")) as DemoFile;
  const [tenant] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, data.tenant)).limit(1);
  if (!tenant) throw new Error(`Données de démonstration déchets : collectivité inconnue « ${data.tenant} »`);
  const tenantId = tenant.id;
  await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenantId}, true)`);
  const [{ n }] = await tx.select({ n: count() }).from(schema.wastePremises).where(eq(schema.wastePremises.tenantId, tenantId));
  if (n > 0) return;

  // The year as billing counts it: in Paris (at 00:30 on 1 January, UTC still says last year).
  const {
    rows: [{ year: thisYear }],
  } = await tx.execute<{ year: number }>(sql`SELECT extract(year FROM now() AT TIME ZONE 'Europe/Paris')::int AS year`);
  for (const t of data.tariffs) {
    const [row] = await tx
      .insert(schema.wasteTariffs)
      .values({
        tenantId,
        year: thisYear + t.yearOffset,
        regime: t.regime,
        basis: t.basis,
        fixedRateMillionths: t.fixedRateMillionths ?? null,
        fixedFeeCents: t.fixedFeeCents ?? null,
        deliberation: t.deliberation,
      })
      .returning({ id: schema.wasteTariffs.id });
    const rates = Object.entries(t.rates).map(([stream, unitPriceMicros]) => ({
      tenantId,
      tariffId: row.id,
      stream: stream as Stream,
      unitPriceMicros: unitPriceMicros!,
    }));
    if (rates.length) await tx.insert(schema.wasteTariffRates).values(rates);
  }

  const ids = new Map<string, string>();
  const bins: Array<{ id: string; chipId: string; stream: Stream; collective: boolean; round: string }> = [];
  for (const p of data.premises) {
    const { bins: own, ...fields } = p;
    const [row] = await tx
      .insert(schema.wastePremises)
      .values({ tenantId, ...fields, firstOccupiedYear: fields.firstOccupiedYear ?? null })
      .returning({ id: schema.wastePremises.id });
    ids.set(p.reference, row.id);
    for (const b of own) {
      const [bin] = await tx
        .insert(schema.wasteBins)
        .values({ tenantId, ...b, status: "in_service", premisesId: row.id })
        .returning({ id: schema.wasteBins.id });
      bins.push({ id: bin.id, chipId: b.chipId, stream: b.stream, collective: false, round: `Tournée ${p.communeInsee}` });
    }
  }
  for (const c of data.collective) {
    const [bin] = await tx
      .insert(schema.wasteBins)
      .values({ tenantId, chipId: c.chipId, stream: c.stream, volumeLitres: c.volumeLitres, status: "in_service", collective: true })
      .returning({ id: schema.wasteBins.id });
    await tx.insert(schema.wasteBinShares).values(c.sharedBy.map((ref) => ({ tenantId, binId: bin.id, premisesId: ids.get(ref)! })));
    bins.push({ id: bin.id, chipId: c.chipId, stream: c.stream, collective: true, round: "Tournée 60360" });
  }
  await tx
    .insert(schema.wasteChipAssignments)
    .values(bins.map((b) => ({ tenantId, chipId: b.chipId, binId: b.id, reason: "mise en service (démonstration)", byActor: "seed" })));

  for (const d of data.depots) {
    const [depot] = await tx.insert(schema.wasteDepots).values({ tenantId, name: d.name, address: d.address }).returning({ id: schema.wasteDepots.id });
    for (const s of d.stock) {
      const [item] = await tx
        .insert(schema.wasteStockItems)
        .values({ tenantId, code: s.code, label: s.label, kind: s.kind })
        .returning({ id: schema.wasteStockItems.id });
      await tx
        .insert(schema.wasteStockLevels)
        .values({ tenantId, depotId: depot.id, itemId: item.id, quantity: s.quantity, reorderThreshold: s.reorderThreshold });
    }
  }

  // Weekly collections (Tuesday 06:00 UTC) from 1 January of last year until last week.
  const now = Date.now();
  const start = Date.UTC(thisYear - 1, 0, 1);
  const firstTuesday = start + ((2 - new Date(start).getUTCDay() + 7) % 7) * 86_400_000 + 6 * 3_600_000;
  const lifts: Array<typeof schema.wasteLifts.$inferInsert> = [];
  bins.forEach((b, i) => {
    const next = random(1000 + i);
    for (let at = firstTuesday; at < now - 86_400_000; at += 7 * 86_400_000) {
      if (!b.collective && next() > PUT_OUT[b.stream]) continue;
      const liftedAt = new Date(at + Math.floor(next() * 4 * 3_600_000));
      lifts.push({
        tenantId,
        eventId: `demo:${b.chipId}:${liftedAt.toISOString()}`,
        deviceId: DEMO_DEVICE,
        chipId: b.chipId,
        binId: b.id,
        truck: "BOM-DEMO-1",
        round: b.round,
        liftedAt,
        lon: 2.46 + next() * 0.02,
        lat: 49.32 + next() * 0.02,
        weightKg: (4 + next() * (b.collective ? 60 : 20)).toFixed(2),
        stream: b.stream,
      });
    }
  });
  for (let i = 0; i < lifts.length; i += 500) await tx.insert(schema.wasteLifts).values(lifts.slice(i, i + 500));
}
