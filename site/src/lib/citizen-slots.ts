/**
 * The slot picker of the appointment pages: no canvas calendar, two groups of radio buttons — the
 * days that have a free slot, then that day's times — which a keyboard walks with the arrow keys
 * and a screen reader reads as « Jour, lundi 7 décembre (4 créneaux), bouton radio 1 sur 9 ». The
 * days and times are read in Paris, whatever the browser's zone.
 */
import { c } from "../i18n/rendez-vous.fr.ts";
import { el } from "./dom.ts";
import { parisDay, parisFormat } from "@communa/core/time";

export interface Slot {
  start: string;
  end: string;
  placeId: string;
}

const dayFmt = parisFormat({ weekday: "long", day: "numeric", month: "long", year: "numeric" });
const timeFmt = parisFormat({ hour: "2-digit", minute: "2-digit" });
export const longDay = (at: string | Date) => dayFmt.format(new Date(at));
export const hour = (at: string | Date) => timeFmt.format(new Date(at));
export const longWhen = (at: string | Date) => `${longDay(at)} à ${hour(at)}`;

let counter = 0;

/**
 * Fills `root` with the picker for `slots` (already in time order) and returns what is chosen. The
 * first day is chosen at the start (its times shown), no time is: the person picks one.
 */
export function slotPicker(root: HTMLElement, slots: Slot[], status?: HTMLElement) {
  const n = ++counter;
  const byDay = new Map<string, Slot[]>();
  for (const s of slots) {
    const d = parisDay(s.start);
    byDay.set(d, [...(byDay.get(d) ?? []), s]);
  }
  const days = el("fieldset", undefined, { class: "choix" });
  days.append(el("legend", c.dayLegend));
  const times = el("fieldset", undefined, { class: "choix" });
  const timesLegend = el("legend");
  let chosen: Slot | null = null;

  function showTimes(day: string) {
    chosen = null;
    const list = byDay.get(day) ?? [];
    timesLegend.textContent = c.timeLegend(longDay(list[0].start));
    times.replaceChildren(timesLegend);
    list.forEach((s, i) => {
      const id = `creneau-${n}-${day}-${i}`;
      const input = el("input", undefined, { type: "radio", name: `heure-${n}`, id, value: s.start });
      input.addEventListener("change", () => {
        if (input.checked) chosen = s;
      });
      const span = el("span");
      span.append(input, " ", el("label", hour(s.start), { for: id }));
      times.append(span);
    });
  }

  [...byDay.entries()].forEach(([day, list], i) => {
    const id = `jour-${n}-${day}`;
    const input = el("input", undefined, { type: "radio", name: `jour-${n}`, id, value: day });
    if (i === 0) input.checked = true;
    input.addEventListener("change", () => {
      if (input.checked) showTimes(day);
    });
    const span = el("span");
    span.append(input, " ", el("label", c.daySlots(longDay(list[0].start), list.length), { for: id }));
    days.append(span);
  });
  root.replaceChildren(days, times);
  if (byDay.size) showTimes([...byDay.keys()][0]);
  if (status) status.textContent = byDay.size ? c.slotsFound(byDay.size) : c.noSlot;
  return { selected: () => chosen, empty: byDay.size === 0 };
}
