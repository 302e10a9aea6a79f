/**
 * (In core since issue #21: the economy Worker checks establishments too; the directory Worker still
 * has its own copy, workers/directory/src/services/siret.ts, to be pointed here.)
 *
 * SIREN (9 digits) and SIRET (14 digits) checks: the Luhn checksum INSEE uses. One exception:
 * La Poste's establishments (SIREN 356 000 000) share one SIREN, so their SIRET cannot all pass Luhn;
 * INSEE's rule for them is that the sum of the 14 digits is a multiple of 5.
 */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function isSiren(value: string): boolean {
  return /^[0-9]{9}$/.test(value) && luhn(value);
}

const LA_POSTE = "356000000";

export function isSiret(value: string): boolean {
  if (!/^[0-9]{14}$/.test(value)) return false;
  if (value.startsWith(LA_POSTE)) return [...value].reduce((n, c) => n + Number(c), 0) % 5 === 0;
  return luhn(value) && isSiren(value.slice(0, 9));
}

/** "123 456 789 00012" → "12345678900012" (spaces and dots people type are accepted). */
export const normaliseSiret = (value: string) => value.replace(/[\s.]/g, "");
