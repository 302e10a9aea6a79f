/**
 * Notices read out as they change: a `role="status"` region (polite) for what went well, the same
 * region marked as an error for what did not. The region is in the page from the start (Notice.astro):
 * a live region added with its text is not announced.
 */
export function notify(region: HTMLElement, text: string, tone: "info" | "error" = "info") {
  region.dataset.tone = tone;
  // The same text twice in a row must be read twice: empty the region first.
  region.textContent = "";
  region.textContent = text;
}
