/**
 * Incentive billing rules (TEOMi / REOMi, CGI art. 1522 bis; ADR 0017), as pure functions.
 * Everything is integer arithmetic on bigint: quantities in lifts, litres or grams, money in cents,
 * unit tariffs in micro-euros, shares in millionths. No floating point reaches a bill.
 */

export const STREAMS = ["residual", "packaging", "biowaste", "glass"] as const;
export type Stream = (typeof STREAMS)[number];
export type Basis = "lifts" | "volume" | "weight";
export type Regime = "teomi" | "reomi";

/** Incentive share limits of the total product: 10 % to 45 % (art. 1522 bis, I). */
export const SHARE_MIN_MILLIONTHS = 100_000;
export const SHARE_MAX_MILLIONTHS = 450_000;

export interface Tariff {
  year: number;
  regime: Regime;
  basis: Basis;
  /** TEOMi: rate on the tax base (half the rental value), in millionths. */
  fixedRateMillionths?: number | null;
  /** REOMi: fixed fee per premises, in cents. */
  fixedFeeCents?: number | null;
  /** Unit price per stream in micro-euros per lift, per litre or per kilogram. */
  rates: Partial<Record<Stream, number>>;
}

export interface PremisesInput {
  id: string;
  rentalValueCents: number;
  firstOccupiedYear?: number | null;
}

export interface BinInput {
  id: string;
  stream: Stream;
  volumeLitres: number;
  /** One premises for an individual bin; the sharing premises for a collective bin. */
  premisesIds: string[];
  chipId?: string | null;
}

export interface LiftInput {
  id: string;
  binId: string;
  liftedAt: string;
  /** Weight in grams, when the truck weighed the bin. */
  weightGrams?: number | null;
}

/** A bin's lifts over the year, aggregated (what the database returns for a whole registry). */
export interface BinUsage {
  binId: string;
  lifts: number;
  /** Sum of the weighed lifts' weights, in grams. */
  weighedGrams: number;
  /** Lifts without a weight. */
  unweighed: number;
}

/** Aggregates single lifts into per-bin usage. */
export function usageFromLifts(lifts: readonly LiftInput[]): BinUsage[] {
  const byBin = new Map<string, BinUsage>();
  for (const l of lifts) {
    const u = byBin.get(l.binId) ?? { binId: l.binId, lifts: 0, weighedGrams: 0, unweighed: 0 };
    u.lifts++;
    if (l.weightGrams == null) u.unweighed++;
    else u.weighedGrams += l.weightGrams;
    byBin.set(l.binId, u);
  }
  return [...byBin.values()];
}

export interface BinDetail {
  binId: string;
  chipId: string | null;
  stream: Stream;
  lifts: number;
  /** Lifts without a weight (weight basis only: they count 0, and are listed). */
  unweighed: number;
  /** The bin's quantity in base units (lifts, litres, grams). */
  quantity: number;
  collective: boolean;
  /** Share key: this premises' rental value over the sum of the sharing premises'. */
  shareNumerator: number;
  shareDenominator: number;
  allocated: number;
}

export interface StreamLine {
  quantity: number;
  unitPriceMicros: number;
  cents: number;
}

export interface BillLine {
  premisesId: string;
  fixedCents: number;
  incentiveCents: number;
  exempt: boolean;
  bins: BinDetail[];
  streams: Partial<Record<Stream, StreamLine>>;
}

export interface ShareCheck {
  fixedTotalCents: number;
  incentiveTotalCents: number;
  shareMillionths: number;
  withinLimits: boolean;
}

export interface BillingResult {
  lines: BillLine[];
  check: ShareCheck;
}

/**
 * Splits the integer `total` among `weights` pro rata, exactly: the parts are integers summing to
 * `total` (largest-remainder method; ties go to the earlier index). All-zero weights split evenly.
 */
export function splitProRata(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError("total must be a non-negative integer");
  if (weights.length === 0) {
    if (total === 0) return [];
    throw new RangeError("nothing to split among");
  }
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError("weights must be non-negative integers");
  const ws = weights.every((w) => w === 0) ? weights.map(() => 1n) : weights.map(BigInt);
  const sum = ws.reduce((a, b) => a + b, 0n);
  const t = BigInt(total);
  const floors = ws.map((w) => (t * w) / sum);
  const remainders = ws.map((w, i) => ({ i, r: (t * w) % sum }));
  let left = Number(t - floors.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const parts = floors.map(Number);
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i]++;
    left--;
  }
  return parts;
}

/** a × b / d rounded half up, on non-negative integers. */
export function mulDivRound(a: bigint, b: bigint, d: bigint): bigint {
  return (a * b * 2n + d) / (2n * d);
}

/** Is the incentive part between 10 % and 45 % of the total product? Exact, in integers. */
export function checkIncentiveShare(fixedTotalCents: number, incentiveTotalCents: number): ShareCheck {
  const fixed = BigInt(fixedTotalCents);
  const incentive = BigInt(incentiveTotalCents);
  const total = fixed + incentive;
  const shareMillionths = total === 0n ? 0 : Number((incentive * 1_000_000n) / total);
  const withinLimits =
    total > 0n && incentive * 1_000_000n >= BigInt(SHARE_MIN_MILLIONTHS) * total && incentive * 1_000_000n <= BigInt(SHARE_MAX_MILLIONTHS) * total;
  return { fixedTotalCents, incentiveTotalCents, shareMillionths, withinLimits };
}

/**
 * New buildings are exempt from the incentive part in their first tax year: the one after they
 * were first occupied (there is no full year N-1 to measure), and any year before.
 */
export function isNewBuildingExempt(firstOccupiedYear: number | null | undefined, taxYear: number): boolean {
  return firstOccupiedYear != null && firstOccupiedYear >= taxYear - 1;
}

/** Fixed part: TEOMi rate × tax base (half the rental value, CGI art. 1388), or the REOMi fee. */
export function fixedPart(tariff: Tariff, rentalValueCents: number): number {
  if (tariff.regime === "reomi") return tariff.fixedFeeCents ?? 0;
  const base = BigInt(rentalValueCents) / 2n;
  return Number(mulDivRound(base, BigInt(tariff.fixedRateMillionths ?? 0), 1_000_000n));
}

/** A bin's quantity in base units for the basis (weight: grams; lifts without weight count 0). */
function binQuantity(basis: Basis, bin: BinInput, usage: BinUsage): number {
  if (basis === "lifts") return usage.lifts;
  if (basis === "volume") return usage.lifts * bin.volumeLitres;
  return usage.weighedGrams;
}

/** Price of a quantity in cents: litres and lifts at the unit price, grams at the price per kg. */
export function priceCents(basis: Basis, quantity: number, unitPriceMicros: number): number {
  const divisor = basis === "weight" ? 1000n * 10_000n : 10_000n;
  return Number(mulDivRound(BigInt(quantity), BigInt(unitPriceMicros), divisor));
}

/**
 * Bills every premises for `tariff.year` from the lifts of year N-1: fixed part, incentive part
 * (each bin's quantity, a collective bin's split pro rata to rental value), new-building exemption,
 * and the 10–45 % check on the totals. Lines carry what explains each figure.
 */
export function computeBilling(input: { tariff: Tariff; premises: PremisesInput[]; bins: BinInput[]; usage: BinUsage[] }): BillingResult {
  const { tariff } = input;
  const premisesById = new Map(input.premises.map((p) => [p.id, p]));
  const lines = new Map<string, BillLine>();
  for (const p of input.premises) {
    const exempt = isNewBuildingExempt(p.firstOccupiedYear, tariff.year);
    lines.set(p.id, { premisesId: p.id, fixedCents: fixedPart(tariff, p.rentalValueCents), incentiveCents: 0, exempt, bins: [], streams: {} });
  }
  const usageByBin = new Map(input.usage.map((u) => [u.binId, u]));
  for (const bin of input.bins) {
    const owners = bin.premisesIds.filter((id) => premisesById.has(id));
    if (owners.length === 0) continue;
    const usage = usageByBin.get(bin.id) ?? { binId: bin.id, lifts: 0, weighedGrams: 0, unweighed: 0 };
    const quantity = binQuantity(tariff.basis, bin, usage);
    const unweighed = tariff.basis === "weight" ? usage.unweighed : 0;
    const weights = owners.map((id) => premisesById.get(id)!.rentalValueCents);
    const parts = splitProRata(quantity, weights);
    const denominator = weights.every((w) => w === 0) ? owners.length : weights.reduce((a, b) => a + b, 0);
    owners.forEach((id, i) => {
      lines.get(id)!.bins.push({
        binId: bin.id,
        chipId: bin.chipId ?? null,
        stream: bin.stream,
        lifts: usage.lifts,
        unweighed,
        quantity,
        collective: owners.length > 1,
        shareNumerator: weights.every((w) => w === 0) ? 1 : weights[i],
        shareDenominator: denominator,
        allocated: parts[i],
      });
    });
  }
  let fixedTotal = 0;
  let incentiveTotal = 0;
  for (const line of lines.values()) {
    for (const b of line.bins) {
      const s = (line.streams[b.stream] ??= { quantity: 0, unitPriceMicros: tariff.rates[b.stream] ?? 0, cents: 0 });
      s.quantity += b.allocated;
    }
    for (const s of Object.values(line.streams)) s.cents = line.exempt ? 0 : priceCents(tariff.basis, s.quantity, s.unitPriceMicros);
    line.incentiveCents = Object.values(line.streams).reduce((a, s) => a + s.cents, 0);
    fixedTotal += line.fixedCents;
    incentiveTotal += line.incentiveCents;
  }
  return { lines: [...lines.values()], check: checkIncentiveShare(fixedTotal, incentiveTotal) };
}

/** Formats cents as French euros ("1 234,56 €"), without floating point. */
export function euros(cents: number): string {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  return `${neg ? "-" : ""}${units},${String(abs % 100).padStart(2, "0")} €`;
}
