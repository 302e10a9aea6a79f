const LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
/** An 8-letter tracking code (no I or O, which read as digits). */
export function trackingCode(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => LETTERS[b % LETTERS.length]).join("");
}
