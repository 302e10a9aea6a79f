/**
 * WCAG 2.1 contrast, the one place it is computed: the design-tokens test checks the stylesheet's
 * pairs with it, and the territory API checks a tenant's accent colour with it (issue #26). Also
 * the backgrounds a tenant's accent is drawn on, light and dark (the design-tokens test checks they
 * are global.css' own tokens), and the rule that makes an accent's dark-mode variant.
 */

/** Minimum contrast for text (WCAG 2.1 AA, 1.4.3) and for the borders of controls (1.4.11). */
export const TEXT_CONTRAST = 4.5;
export const NON_TEXT_CONTRAST = 3;

/**
 * What an accent colour is drawn on and with, in each theme: global.css' `--c-bg`, `--c-surface` and
 * `--c-on-primary` (a button's text). tests/node/design-tokens.test.ts fails if they drift apart.
 */
export const THEMES = {
  light: { bg: "#ffffff", surface: "#f3f5f8", onPrimary: "#ffffff" },
  dark: { bg: "#15171a", surface: "#22262b", onPrimary: "#15171a" },
} as const;

/** `#rgb` or `#rrggbb` (any case) as `#rrggbb` in lower case; null for anything else. */
export function normaliseHex(value: string): string | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!m) return null;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return `#${h.toLowerCase()}`;
}

function channels(hex: string): [number, number, number] {
  const full = normaliseHex(hex);
  if (!full) throw new Error(`not a hexadecimal colour: ${hex}`);
  return [1, 3, 5].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2.1 relative luminance of a #rgb or #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio of two colours (1 to 21, order does not matter). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `hex` moved a fraction `t` (0–1) of the way to `target`, as #rrggbb. */
export function mix(hex: string, target: string, t: number): string {
  const a = channels(hex);
  const b = channels(target);
  return `#${a
    .map((c, i) =>
      Math.round(c + (b[i] - c) * t)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** The pairs an accent must hold in a theme: as text on the page and on a surface, under a button's text. */
const pairs = (theme: (typeof THEMES)["light" | "dark"]) =>
  [
    ["bg", theme.bg],
    ["surface", theme.surface],
    ["onPrimary", theme.onPrimary],
  ] as const;

export type AccentPair = "bg" | "surface" | "onPrimary";

/** The weakest pair of `accent` in `theme`, and its ratio. */
export function weakestPair(accent: string, theme: keyof typeof THEMES): { pair: AccentPair; ratio: number } {
  return pairs(THEMES[theme])
    .map(([pair, other]) => ({ pair, ratio: contrast(accent, other) }))
    .reduce((a, b) => (b.ratio < a.ratio ? b : a));
}

/**
 * Dark mode's variant of an accent that holds in light mode: the accent itself when it already
 * reads on the dark backgrounds (with dark text on it as a button), else the accent lightened
 * towards white in 5 % steps until it does. White holds on both dark backgrounds, so there is
 * always one.
 */
export function darkVariant(accent: string): string {
  for (let step = 0; step <= 20; step++) {
    const candidate = mix(accent, "#ffffff", step / 20);
    if (weakestPair(candidate, "dark").ratio >= TEXT_CONTRAST) return candidate;
  }
  return "#ffffff";
}

/**
 * The check of a tenant's accent colour: it must read as link text on the light page and surface,
 * and carry white button text, at 4.5:1 at least. When it does, its dark variant comes with it.
 */
export function checkAccent(value: string): { ok: true; accent: string; dark: string } | { ok: false; pair: AccentPair | "format"; ratio: number } {
  const accent = normaliseHex(value);
  if (!accent) return { ok: false, pair: "format", ratio: 0 };
  // In the order people are told: the white page first (the same ratio as white text on it), then the surface.
  for (const [pair, other] of pairs(THEMES.light)) {
    const ratio = contrast(accent, other);
    if (ratio < TEXT_CONTRAST) return { ok: false, pair, ratio };
  }
  return { ok: true, accent, dark: darkVariant(accent) };
}

/** A ratio as people read it, in French, never rounded up past a threshold: 4,49 → "4,4:1". */
export function ratioText(ratio: number): string {
  return `${(Math.floor(ratio * 10) / 10).toFixed(1).replace(".", ",")}:1`;
}
