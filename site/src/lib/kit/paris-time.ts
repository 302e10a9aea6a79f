/**
 * Date and time inputs read and written in Paris time whatever the agent's computer says
 * (`<input type="datetime-local">` has no zone): through @communa/core/time, the one time module.
 */
import { fromParisWallClock, parisDateTimeLocal } from "@communa/core/time";

const LOCAL = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/;

/** An instant as the value of a datetime-local input, in Paris ("" for none). */
export const toParisInput = (at: string | Date | null | undefined): string => (at ? parisDateTimeLocal(at) : "");

/** The instant (ISO, UTC) of a datetime-local value read in Paris; null when empty or malformed. */
export function fromParisInput(value: string): string | null {
  const v = value.trim();
  if (!LOCAL.test(v)) return null;
  const at = new Date(fromParisWallClock(v));
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}
