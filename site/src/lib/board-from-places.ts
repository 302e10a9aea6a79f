/**
 * The display board's desks and permanences taken from France services' places (issue #18): the
 * desk's own reception places become « services et horaires » lines, each permanence's weekly
 * slots become dated lines for the coming days. The agent reviews them in the editor and
 * publishes; the board stays the one thing the screen reads (ADR 0046).
 */
import type { Board } from "@communa/contracts/signage";
import { addDays } from "@communa/core/time";

export interface PlaceForBoard {
  name: string;
  kind: string;
  address: string;
  communeName: string | null;
  slots: Array<{ weekday: number; start: string; end: string }>;
  active: boolean;
}

/** The words the lines are made of (the editor's i18n). */
export interface BoardWords {
  weekdays: readonly string[];
  /** "09:00–12:00" */
  range: (start: string, end: string) => string;
}

/** ISO weekday (1 = Monday) of a Paris calendar day "YYYY-MM-DD". */
const weekdayOf = (day: string) => ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export function boardFromPlaces(
  places: readonly PlaceForBoard[],
  { from, days = 14, words }: { from: string; days?: number; words: BoardWords },
): Pick<Board, "desks" | "permanences"> {
  const open = places.filter((p) => p.active && p.slots.length);
  const sorted = (p: PlaceForBoard) => [...p.slots].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  const desks = open
    .filter((p) => p.kind === "accueil")
    .slice(0, 12)
    .map((p) => {
      const byDay = new Map<number, string[]>();
      for (const s of sorted(p)) byDay.set(s.weekday, [...(byDay.get(s.weekday) ?? []), words.range(s.start, s.end)]);
      const hours = [...byDay].map(([d, ranges]) => `${words.weekdays[d - 1]} ${ranges.join(", ")}`).join(" ; ");
      return { name: clip(p.name, 80), hours: clip(hours, 160) };
    });
  const permanences: Board["permanences"] = [];
  for (let i = 0; i < days; i++) {
    const on = addDays(from, i);
    const weekday = weekdayOf(on);
    for (const p of open.filter((x) => x.kind !== "accueil"))
      for (const s of sorted(p).filter((s) => s.weekday === weekday))
        permanences.push({
          on,
          hours: words.range(s.start, s.end),
          who: clip(p.name, 80),
          place: clip(p.communeName ? `${p.address} (${p.communeName})` : p.address, 80),
        });
  }
  // The board holds 30 permanences at most: the nearest ones.
  return { desks, permanences: permanences.slice(0, 30) };
}
