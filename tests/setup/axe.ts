/**
 * The accessibility check every browser test runs: axe-core on the page, WCAG 2.1 A and AA rules
 * (RGAA's reference), one line per violation (rule, impact, help, the nodes it found).
 *
 * Two options make one check ~3× cheaper (219 ms against 739 ms a page, mean of 15 checks side by
 * side on five built pages in Debian's Chromium; the violations found are the same):
 * - legacy mode: axe runs in the page and its same-origin frames, without opening a blank page of
 *   its own to merge the frames' results (what the default mode does on every call, for
 *   cross-origin frames and `srcdoc` ones; the site embeds neither, its only frame is its own map on
 *   /carte/integrer/, same origin: tests/browser/axe-check.test.ts checks such a frame is covered);
 * - only the violations are gathered: the passes and the inapplicable rules, which nobody reads,
 *   are not serialised node by node.
 */
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export async function axe(page: Page): Promise<string[]> {
  // `options()` replaces every option set before it (the rules `withTags` chose among them): first.
  const result = await new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] })
    .withTags(WCAG_TAGS)
    .setLegacyMode(true)
    .analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
