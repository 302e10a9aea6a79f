/**
 * Notices read out as they change: a `role="status"` region (polite) for what went well, the same
 * region marked as an error for what did not. The region is in the page from the start (Notice.astro):
 * a live region added with its text is not announced. A success, warning or error notice starts
 * with a text prefix ("Erreur : " …, kit.css draws it from `data-prefix`), so its tone is not carried
 * by colour alone.
 */
import { kit } from "../../i18n/kit.fr.ts";

export type Tone = "info" | "success" | "warning" | "error";

export function notify(region: HTMLElement, text: string, tone: Tone = "info") {
  region.dataset.tone = tone;
  const prefix = kit.tonePrefix[tone];
  if (prefix && text) region.dataset.prefix = prefix;
  else delete region.dataset.prefix;
  // The same text twice in a row must be read twice: empty the region first.
  region.textContent = "";
  region.textContent = text;
}
