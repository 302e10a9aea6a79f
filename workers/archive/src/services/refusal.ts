/**
 * The database refuses what the archive rules forbid (triggers raising `restrict_violation`, ADR
 * 0015). Those refusals reach the caller as 409 problems carrying the database's French reason,
 * not as internal errors.
 */
import { AppError } from "@communa/core";
import { m } from "../messages.fr.ts";

export function refusalOf(err: unknown): AppError | null {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    if (typeof e === "object" && e !== null && "code" in e && (e as { code: unknown }).code === "23001") {
      return new AppError("conflict", String((e as { message?: unknown }).message ?? m.refusedByDatabaseNoReason));
    }
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** Runs `fn`, turning a database refusal into a 409 problem. */
export async function refusing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw refusalOf(err) ?? err;
  }
}
