/** Fills every `.ouvert` badge: open now, and when that changes (Paris time). */
import { parisFormat } from "@communa/core/time";
const time = parisFormat({ hour: "2-digit", minute: "2-digit" });
const day = parisFormat({ weekday: "long", hour: "2-digit", minute: "2-digit" });

/**
 * Open at `now`, and when that changes; `horizon` is where the computed intervals end (see
 * lib/directory.ts): an interval reaching it has no known end (open around the clock).
 */
export function openAt(intervals: Array<[number, number]>, now: number, horizon = Number.POSITIVE_INFINITY): { open: boolean; change: number | null } {
  const current = intervals.find(([a, b]) => now >= a && now < b);
  if (current) return { open: true, change: current[1] >= horizon ? null : current[1] };
  const next = intervals.find(([a]) => a > now);
  return { open: false, change: next ? next[0] : null };
}

export function fillBadges(now = Date.now()) {
  for (const el of Array.from(document.querySelectorAll<HTMLElement>(".ouvert[data-intervals]"))) {
    if (now >= Number(el.dataset.horizon)) continue;
    const { open, change } = openAt(JSON.parse(el.dataset.intervals ?? "[]"), now, Number(el.dataset.horizon));
    const when = change === null ? "" : change - now < 86_400_000 ? time.format(change) : day.format(change);
    const detail = change === null ? "" : ` — ${(open ? el.dataset.closes : el.dataset.opens)!.replace("{t}", when)}`;
    el.textContent = `${open ? el.dataset.open : el.dataset.closed}${detail}`;
    el.classList.toggle("est-ouvert", open);
    el.dataset.state = open ? "ouvert" : "ferme";
  }
}
