/**
 * Slot computation (ADR 0031), pure and runtime-neutral: from the agents' weekly rules, the days
 * closed (computed holidays and the tenant's exceptions), absences and the ranges existing
 * appointments hold, the start times a motif can be booked at. Start times lie on the motif's
 * interval grid counted from midnight Paris time (so the first slot of a day is rounded up to it);
 * the buffers widen what a booking holds, never the slot shown; the minimum and maximum booking
 * delays count from `now`. Two agents free at one start at one place give one slot naming both.
 * Property-tested in slots.test.ts; the booking re-checks its slot with `isFree` (the same rule).
 */
import { fromParisWallClock, parisDateTimeLocal } from "@communa/core/time";

export interface MotifTiming {
  durationMinutes: number;
  intervalMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minDelayMinutes: number;
  maxDelayDays: number;
}

export interface OpeningRule {
  agentId: string;
  placeId: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  startMinute: number;
  endMinute: number;
  validFrom: string;
  validUntil: string | null;
}

/** A range an agent is not free in (an appointment's held range, an absence), in epoch ms, [from, until). */
export interface Busy {
  agentId: string;
  from: number;
  until: number;
}

export interface SlotQuery {
  motif: MotifTiming;
  rules: readonly OpeningRule[];
  busy: readonly Busy[];
  closed: ReadonlySet<string>;
  /** Paris days, inclusive. */
  from: string;
  to: string;
  now: number;
  placeId?: string;
}

export interface Slot {
  start: string;
  end: string;
  placeId: string;
  agentIds: string[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** ISO weekday of a calendar day. */
export const weekdayOf = (day: string): number => new Date(`${day}T12:00:00Z`).getUTCDay() || 7;

const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + DAY).toISOString().slice(0, 10);

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** Does this Paris wall-clock time exist (not in the hour skipped when summer time starts)? */
export const wallClockExists = (day: string, minute: number): boolean => parisDateTimeLocal(parisInstant(day, minute)) === `${day}T${hhmm(minute)}`;

/** The instant of a Paris day's minute, in epoch ms. */
export const parisInstant = (day: string, minute: number): number => Date.parse(fromParisWallClock(`${day}T${hhmm(minute)}`));

/** What a booking starting at `start` holds of its agent's time: the slot widened by the buffers. */
export function heldRange(motif: MotifTiming, start: number): { from: number; until: number } {
  return { from: start - motif.bufferBeforeMinutes * MINUTE, until: start + (motif.durationMinutes + motif.bufferAfterMinutes) * MINUTE };
}

/** Is the agent free for the whole held range of a booking at `start`? */
export function isFree(motif: MotifTiming, busy: readonly Busy[], agentId: string, start: number): boolean {
  const h = heldRange(motif, start);
  return !busy.some((b) => b.agentId === agentId && b.from < h.until && h.from < b.until);
}

/** Is `start` within the motif's booking delays as seen at `now`? */
export function withinDelays(motif: MotifTiming, start: number, now: number): boolean {
  return start >= now + motif.minDelayMinutes * MINUTE && start <= now + motif.maxDelayDays * DAY;
}

/** Every bookable slot between two Paris days, sorted by start then place. */
export function computeSlots(q: SlotQuery): Slot[] {
  const { motif } = q;
  const found = new Map<string, Slot>();
  for (let day = q.from; day <= q.to; day = nextDay(day)) {
    if (q.closed.has(day)) continue;
    const wd = weekdayOf(day);
    for (const r of q.rules) {
      if (r.weekday !== wd || day < r.validFrom || (r.validUntil !== null && day > r.validUntil)) continue;
      if (q.placeId && r.placeId !== q.placeId) continue;
      const first = Math.ceil(r.startMinute / motif.intervalMinutes) * motif.intervalMinutes;
      for (let m = first; m + motif.durationMinutes <= r.endMinute; m += motif.intervalMinutes) {
        const start = parisInstant(day, m);
        // The hour skipped in March offers nothing; the hour repeated in October is offered once.
        if (!wallClockExists(day, m)) continue;
        if (!withinDelays(motif, start, q.now) || !isFree(motif, q.busy, r.agentId, start)) continue;
        const key = `${start}|${r.placeId}`;
        const slot = found.get(key);
        if (slot) {
          if (!slot.agentIds.includes(r.agentId)) slot.agentIds.push(r.agentId);
        } else {
          found.set(key, {
            start: new Date(start).toISOString(),
            end: new Date(start + motif.durationMinutes * MINUTE).toISOString(),
            placeId: r.placeId,
            agentIds: [r.agentId],
          });
        }
      }
    }
  }
  return [...found.values()].sort((a, b) => a.start.localeCompare(b.start) || a.placeId.localeCompare(b.placeId));
}
