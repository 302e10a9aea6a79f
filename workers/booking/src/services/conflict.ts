/**
 * The 409 of a booking that cannot hold its slot: a problem+json (RFC 9457) whose extension
 * members name what is in the way (periods and states, never who booked) and propose alternatives
 * (other free slots of the same resource, similar resources free at the time asked).
 */
import { AppError, sqlState } from "@communa/core";

export interface Period {
  startsAt: string;
  endsAt: string;
}

export interface ConflictDetails {
  /** What holds the slot: periods and states only, no renter. */
  conflicts: Array<Period & { state: string }>;
  /** Dates of a series that collide (Paris days). */
  dates?: string[];
  alternatives: {
    slots: Period[];
    resources: Array<{ id: string; name: string; kind: string; capacity: number | null }>;
  };
}

export class BookingConflict extends AppError {
  readonly details: ConflictDetails;
  constructor(detail: string, details: ConflictDetails) {
    super("conflict", detail);
    this.details = details;
  }
}

/** A driver error from the exclusion constraint (SQLSTATE 23P01), possibly wrapped by drizzle. */
export const isExclusionViolation = (err: unknown): boolean => sqlState(err) === "23P01";
