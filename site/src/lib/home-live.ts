/**
 * What a static tenant home updates when it is read: today's hours on the card (the reader's day,
 * in Paris), the "open now" badge, and the next council sitting (one listed at build time whose
 * date has passed is dropped; the next one still to come shows in its place).
 */
import { parisFormat } from "@communa/core/time";
import { fillBadges } from "../scripts/open-now.ts";

const weekday = parisFormat({ weekday: "long" });

/** "Aujourd'hui : mercredi 09:00 – 12:00, 14:00 – 17:30", from the card's week table. */
export function fillToday(now = new Date()) {
  const slot = document.querySelector<HTMLElement>("[data-today]");
  if (!slot) return;
  const day = weekday.format(now);
  const cell = document.querySelector<HTMLElement>(`.fiche-collectivite tr[data-day="${day}"] td`);
  slot.textContent = `${day} ${cell?.textContent ?? slot.dataset.closed ?? ""}`;
}

/** Drops the listed sittings already begun; the section goes when none is left. */
export function showNextSitting(now = Date.now()) {
  const section = document.getElementById("prochaine-seance");
  if (!section) return;
  const items = Array.from(section.querySelectorAll<HTMLElement>("li[data-starts]"));
  const coming = items.filter((li) => new Date(li.dataset.starts!).getTime() > now);
  for (const li of items) if (!coming.includes(li)) li.remove();
  if (!coming.length) return section.remove();
  coming.forEach((li, i) => (li.hidden = i > 0));
}

export function startHome() {
  fillToday();
  fillBadges();
  showNextSitting();
}
