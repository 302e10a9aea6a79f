/**
 * Secret ballots that nobody can link or fake (issue #15 §1, ADR 0036): exponential ElGamal on
 * ristretto255 with the group arithmetic of `@noble/curves` and the hashes of `@noble/hashes`.
 * Runtime-neutral (no Node, no DOM, no Workers API): the councillor's and the trustees' browsers,
 * the sitting's Durable Object and the command-line verifier run this same module.
 *
 * - A trustee's browser draws a key share x, publishes X = g^x with a Schnorr proof of knowledge
 *   (so no trustee can pick its share as a function of another's: no rogue key). The election key is
 *   h = Π X_i; x_i never leaves the browser.
 * - A ballot is one ciphertext (g^r, g^m·h^r) per option, m ∈ {0, 1}, each with a disjunctive
 *   Chaum–Pedersen proof that m is 0 or 1, and one proof that the product encrypts 1 (exactly one
 *   option chosen). Every Fiat–Shamir challenge hashes the election id, the ballot's nonce, the
 *   public key and the statement (strong Fiat–Shamir: a proof cannot be moved to another ballot).
 * - The tally is the component-wise product of the ciphertexts; each trustee posts D = A^x_i per
 *   option with a Chaum–Pedersen proof that it used the x_i of its published X_i; g^count = B / Π D,
 *   and count is found by a small search (at most the number of ballots).
 */
import { ristretto255 } from "@noble/curves/ed25519.js";
import { sha256, sha512 } from "@noble/hashes/sha2.js";
import { bytesToHex, randomBytes, utf8ToBytes } from "@noble/hashes/utils.js";

const Point = ristretto255.Point;
type Pt = InstanceType<typeof Point>;
const Fn = Point.Fn;
const q = Fn.ORDER;
const G = Point.BASE;

// ------------------------------------------------------------------ wire shapes (JSON, hex)

export interface Ciphertext {
  a: string;
  b: string;
}
/** A disjunctive Chaum–Pedersen proof: challenge and response of each branch (m = 0, m = 1). */
export interface ZeroOneProof {
  c0: string;
  s0: string;
  c1: string;
  s1: string;
}
/** A Schnorr / Chaum–Pedersen proof as (challenge, response). */
export interface SigmaProof {
  c: string;
  s: string;
}
export interface EncryptedBallot {
  /** The election it was cast in (sitting, vote, a random nonce drawn when the vote opened). */
  election: string;
  /** Drawn by the voter's browser: bound into every proof, so two ballots never share one. */
  nonce: string;
  choices: Ciphertext[];
  proofs: ZeroOneProof[];
  /** The product of the choices encrypts 1. */
  sum: SigmaProof;
}
export interface KeyShare {
  trustee: string;
  publicKey: string;
  proof: SigmaProof;
}
export interface PartialDecryption {
  trustee: string;
  /** D_k = A_k^x for each option k of the tally. */
  factors: string[];
  proofs: SigmaProof[];
}
/** What a trustee's browser keeps (the site keeps it in localStorage until its decryption is accepted); never sent. */
export interface TrusteeSecret {
  election: string;
  trustee: string;
  secret: string;
}
/** The published ballot box of one secret vote (exported as JSON, checked by `council:verify`). */
export interface BallotBox {
  version: 1;
  election: string;
  options: string[];
  trustees: KeyShare[];
  publicKey: string;
  /** Sorted by tracker (canonical order: neither casting order nor time). */
  ballots: EncryptedBallot[];
  /** How many principals the room marked as having voted. */
  voters: number;
  partials: PartialDecryption[];
  /** The counts the room proclaimed (absent until decrypted). */
  result?: Record<string, number>;
}

// ------------------------------------------------------------------ primitives

const scalarHex = (n: bigint) => n.toString(16).padStart(64, "0");
function scalarFrom(hex: string): bigint {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new BallotError("badScalar");
  const n = BigInt(`0x${hex}`);
  if (n >= q) throw new BallotError("badScalar");
  return n;
}
function pointFrom(hex: string): Pt {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new BallotError("badPoint");
  try {
    return Point.fromHex(hex);
  } catch {
    throw new BallotError("badPoint");
  }
}
const hexOf = (p: Pt) => p.toHex();
/** p^k for any k in [0, q), constant time (secrets, and the simulated branch of a proof). */
const mul = (p: Pt, k: bigint): Pt => (k === 0n ? Point.ZERO : p.multiply(k));
/** p^k on public values only (checking proofs): variable time, faster. */
const mulPub = (p: Pt, k: bigint): Pt => p.multiplyUnsafe(k);
const randomScalar = (): bigint => Fn.create(bytesToNumberLE(sha512(randomBytes(64))));
function bytesToNumberLE(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}
/** The Fiat–Shamir challenge: SHA-512 of a domain tag and the statement, reduced mod q. */
function challenge(tag: string, ...parts: string[]): bigint {
  return Fn.create(bytesToNumberLE(sha512(utf8ToBytes(JSON.stringify(["communa-ballot-v1", tag, ...parts])))));
}

export class BallotError extends Error {
  readonly code: string;
  constructor(code: string) {
    super(code);
    this.code = code;
  }
}

// ------------------------------------------------------------------ trustees

/** A trustee's browser: a new key share and its public part with a proof of knowledge. */
export function trusteeKeygen(election: string, trustee: string): { secret: TrusteeSecret; share: KeyShare } {
  const x = randomScalar() || 1n;
  const X = G.multiply(x);
  const w = randomScalar() || 1n;
  const t = G.multiply(w);
  const c = challenge("key", election, trustee, hexOf(X), hexOf(t));
  const s = Fn.add(w, Fn.mul(c, x));
  return {
    secret: { election, trustee, secret: scalarHex(x) },
    share: { trustee, publicKey: hexOf(X), proof: { c: scalarHex(c), s: scalarHex(s) } },
  };
}

export function verifyKeyShare(election: string, share: KeyShare): boolean {
  try {
    const X = pointFrom(share.publicKey);
    if (X.equals(Point.ZERO)) return false;
    const c = scalarFrom(share.proof.c);
    const s = scalarFrom(share.proof.s);
    const t = mulPub(G, s).subtract(mulPub(X, c));
    return challenge("key", election, share.trustee, hexOf(X), hexOf(t)) === c;
  } catch {
    return false;
  }
}

/** The election key: the product of the trustees' shares (each one checked first). */
export function electionKey(election: string, shares: KeyShare[]): string {
  if (shares.length < 2) throw new BallotError("tooFewTrustees");
  if (new Set(shares.map((s) => s.trustee)).size !== shares.length) throw new BallotError("duplicateTrustee");
  let h = Point.ZERO;
  for (const s of shares) {
    if (!verifyKeyShare(election, s)) throw new BallotError("badKeyShare");
    h = h.add(pointFrom(s.publicKey));
  }
  return hexOf(h);
}

// ------------------------------------------------------------------ ballots

/** The councillor's browser: a one-hot vector over `options` (the index chosen), encrypted, with proofs. */
export function encryptBallot(election: string, publicKey: string, optionCount: number, chosen: number): EncryptedBallot {
  if (!Number.isInteger(chosen) || chosen < 0 || chosen >= optionCount) throw new BallotError("badChoice");
  const h = pointFrom(publicKey);
  const nonce = bytesToHex(randomBytes(16));
  const choices: Ciphertext[] = [];
  const proofs: ZeroOneProof[] = [];
  let R = 0n;
  for (let k = 0; k < optionCount; k++) {
    const m = k === chosen ? 1 : 0;
    const r = randomScalar() || 1n;
    R = Fn.add(R, r);
    const a = G.multiply(r);
    const b = mul(G, BigInt(m)).add(h.multiply(r));
    choices.push({ a: hexOf(a), b: hexOf(b) });
    proofs.push(proveZeroOne(election, nonce, h, k, a, b, m, r));
  }
  // The product encrypts 1 with randomness R: prove log_g A = log_h (B / g).
  const { A, B } = product(choices);
  const w = randomScalar() || 1n;
  const t1 = G.multiply(w);
  const t2 = h.multiply(w);
  const c = challenge("sum", election, nonce, hexOf(h), hexOf(A), hexOf(B), hexOf(t1), hexOf(t2));
  const sum = { c: scalarHex(c), s: scalarHex(Fn.add(w, Fn.mul(c, R))) };
  return { election, nonce, choices, proofs, sum };
}

function proveZeroOne(election: string, nonce: string, h: Pt, k: number, a: Pt, b: Pt, m: number, r: bigint): ZeroOneProof {
  // Branch j states: a = g^r and b / g^j = h^r. The real branch is m; the other is simulated.
  const fake = 1 - m;
  const cf = randomScalar();
  const sf = randomScalar();
  const bj = (j: number) => (j === 0 ? b : b.subtract(G));
  const t: Array<[Pt, Pt]> = [
    [Point.ZERO, Point.ZERO],
    [Point.ZERO, Point.ZERO],
  ];
  t[fake] = [mul(G, sf).subtract(mul(a, cf)), mul(h, sf).subtract(mul(bj(fake), cf))];
  const w = randomScalar() || 1n;
  t[m] = [G.multiply(w), h.multiply(w)];
  const c = challenge("01", election, nonce, String(k), hexOf(h), hexOf(a), hexOf(b), ...t.flat().map(hexOf));
  const cr = Fn.sub(c, cf);
  const sr = Fn.add(w, Fn.mul(cr, r));
  const [c0, s0, c1, s1] = m === 0 ? [cr, sr, cf, sf] : [cf, sf, cr, sr];
  return { c0: scalarHex(c0), s0: scalarHex(s0), c1: scalarHex(c1), s1: scalarHex(s1) };
}

function product(choices: Ciphertext[]): { A: Pt; B: Pt } {
  let A = Point.ZERO;
  let B = Point.ZERO;
  for (const e of choices) {
    A = A.add(pointFrom(e.a));
    B = B.add(pointFrom(e.b));
  }
  return { A, B };
}

/** Why a ballot is refused, or null: it is well formed for this election and proves a valid choice. */
export function checkBallot(
  ballot: EncryptedBallot,
  election: string,
  publicKey: string,
  optionCount: number,
): null | "wrongElection" | "malformed" | "badProof" {
  if (ballot.election !== election) return "wrongElection";
  if (!/^[0-9a-f]{32}$/.test(ballot.nonce) || ballot.choices.length !== optionCount || ballot.proofs.length !== optionCount) return "malformed";
  try {
    const h = pointFrom(publicKey);
    for (let k = 0; k < optionCount; k++) {
      const a = pointFrom(ballot.choices[k]!.a);
      const b = pointFrom(ballot.choices[k]!.b);
      const p = ballot.proofs[k]!;
      const [c0, s0, c1, s1] = [scalarFrom(p.c0), scalarFrom(p.s0), scalarFrom(p.c1), scalarFrom(p.s1)];
      const t00 = mulPub(G, s0).subtract(mulPub(a, c0));
      const t01 = mulPub(h, s0).subtract(mulPub(b, c0));
      const t10 = mulPub(G, s1).subtract(mulPub(a, c1));
      const t11 = mulPub(h, s1).subtract(mulPub(b.subtract(G), c1));
      const c = challenge("01", ballot.election, ballot.nonce, String(k), hexOf(h), hexOf(a), hexOf(b), ...[t00, t01, t10, t11].map(hexOf));
      if (Fn.add(c0, c1) !== c) return "badProof";
    }
    const { A, B } = product(ballot.choices);
    const c = scalarFrom(ballot.sum.c);
    const s = scalarFrom(ballot.sum.s);
    const t1 = mulPub(G, s).subtract(mulPub(A, c));
    const t2 = mulPub(h, s).subtract(mulPub(B.subtract(G), c));
    if (challenge("sum", ballot.election, ballot.nonce, hexOf(h), hexOf(A), hexOf(B), hexOf(t1), hexOf(t2)) !== c) return "badProof";
    return null;
  } catch (err) {
    if (err instanceof BallotError) return "malformed";
    throw err;
  }
}

/** The ballot tracker: SHA-256 of the ballot's canonical JSON, shown to the voter and sorting the box. */
export function ballotTracker(ballot: EncryptedBallot): string {
  const canonical = JSON.stringify({
    election: ballot.election,
    nonce: ballot.nonce,
    choices: ballot.choices.map((e) => ({ a: e.a, b: e.b })),
    proofs: ballot.proofs.map((p) => ({ c0: p.c0, s0: p.s0, c1: p.c1, s1: p.s1 })),
    sum: { c: ballot.sum.c, s: ballot.sum.s },
  });
  return bytesToHex(sha256(utf8ToBytes(canonical)));
}

// ------------------------------------------------------------------ tally

/** The homomorphic sum of the ballots, option by option. */
export function homomorphicTally(ballots: EncryptedBallot[], optionCount: number): Ciphertext[] {
  const out: Ciphertext[] = [];
  for (let k = 0; k < optionCount; k++) {
    const { A, B } = product(ballots.map((b) => b.choices[k]!));
    out.push({ a: hexOf(A), b: hexOf(B) });
  }
  return out;
}

/** A trustee's browser: its partial decryption of the tally, with a proof per option. */
export function partialDecrypt(election: string, secret: TrusteeSecret, tally: Ciphertext[]): PartialDecryption {
  if (secret.election !== election) throw new BallotError("wrongElection");
  const x = scalarFrom(secret.secret);
  const X = G.multiply(x);
  const factors: string[] = [];
  const proofs: SigmaProof[] = [];
  for (const e of tally) {
    const A = pointFrom(e.a);
    const D = mul(A, x);
    const w = randomScalar() || 1n;
    const t1 = G.multiply(w);
    const t2 = mul(A, w);
    const c = challenge("dec", election, secret.trustee, hexOf(X), hexOf(A), hexOf(D), hexOf(t1), hexOf(t2));
    factors.push(hexOf(D));
    proofs.push({ c: scalarHex(c), s: scalarHex(Fn.add(w, Fn.mul(c, x))) });
  }
  return { trustee: secret.trustee, factors, proofs };
}

export function verifyPartial(election: string, share: KeyShare, tally: Ciphertext[], partial: PartialDecryption): boolean {
  if (partial.trustee !== share.trustee || partial.factors.length !== tally.length || partial.proofs.length !== tally.length) return false;
  try {
    const X = pointFrom(share.publicKey);
    return tally.every((e, k) => {
      const A = pointFrom(e.a);
      const D = pointFrom(partial.factors[k]!);
      const c = scalarFrom(partial.proofs[k]!.c);
      const s = scalarFrom(partial.proofs[k]!.s);
      const t1 = mulPub(G, s).subtract(mulPub(X, c));
      const t2 = mulPub(A, s).subtract(mulPub(D, c));
      return challenge("dec", election, share.trustee, hexOf(X), hexOf(A), hexOf(D), hexOf(t1), hexOf(t2)) === c;
    });
  } catch {
    return false;
  }
}

/**
 * The counts, once every trustee's partial decryption is in and checked; throws `missingTrustee`
 * if one is missing (the vote cannot be decrypted: there is no threshold below all trustees).
 */
export function combine(election: string, shares: KeyShare[], tally: Ciphertext[], partials: PartialDecryption[], maxCount: number): number[] {
  for (const share of shares) {
    const p = partials.find((x) => x.trustee === share.trustee);
    if (!p) throw new BallotError("missingTrustee");
    if (!verifyPartial(election, share, tally, p)) throw new BallotError("badPartial");
  }
  return tally.map((e, k) => {
    let gm = pointFrom(e.b);
    for (const share of shares) gm = gm.subtract(pointFrom(partials.find((x) => x.trustee === share.trustee)!.factors[k]!));
    let acc = Point.ZERO;
    for (let n = 0; n <= maxCount; n++) {
      if (acc.equals(gm)) return n;
      acc = acc.add(G);
    }
    throw new BallotError("countOutOfRange");
  });
}

// ------------------------------------------------------------------ the published box

export interface BoxCheck {
  ok: boolean;
  /** Recomputed counts per option (null if the box cannot be decrypted). */
  counts: Record<string, number> | null;
  problems: string[];
}

/** Universal verifiability: everything a published ballot box claims, recomputed from its contents. */
export function verifyBallotBox(box: BallotBox): BoxCheck {
  const problems: string[] = [];
  let publicKey: string | null = null;
  try {
    publicKey = electionKey(box.election, box.trustees);
    if (publicKey !== box.publicKey) problems.push("publicKey: la clé publiée n’est pas le produit des parts des garants");
  } catch (err) {
    problems.push(`trustees: ${(err as Error).message}`);
  }
  const trackers = box.ballots.map(ballotTracker);
  const seen = new Set<string>();
  box.ballots.forEach((b, i) => {
    const why = publicKey ? checkBallot(b, box.election, publicKey, box.options.length) : "badProof";
    if (why) problems.push(`ballots[${i}] (${trackers[i]}): ${why}`);
    for (const e of b.choices) {
      if (seen.has(e.a)) problems.push(`ballots[${i}] (${trackers[i]}): chiffré déjà présent dans l’urne (bulletin copié)`);
      seen.add(e.a);
    }
  });
  if (trackers.some((t, i) => i > 0 && trackers[i - 1]! >= t)) problems.push("ballots: pas dans l’ordre canonique (empreintes croissantes)");
  if (box.ballots.length !== box.voters) problems.push(`ballots: ${box.ballots.length} bulletins pour ${box.voters} votants émargés`);
  let counts: Record<string, number> | null = null;
  if (publicKey) {
    try {
      const tally = homomorphicTally(box.ballots, box.options.length);
      const n = combine(box.election, box.trustees, tally, box.partials, box.ballots.length);
      counts = Object.fromEntries(box.options.map((o, k) => [o, n[k]!]));
    } catch (err) {
      problems.push(`tally: ${(err as Error).message}`);
    }
  }
  if (counts && box.result && box.options.some((o) => box.result![o] !== counts![o]))
    problems.push("result: le résultat proclamé n’est pas celui que donne le déchiffrement");
  return { ok: problems.length === 0, counts, problems };
}
