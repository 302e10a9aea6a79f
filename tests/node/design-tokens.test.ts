/**
 * The design tokens of site/src/styles/global.css (ADR 0029): every colour role declared in light
 * and in dark mode, each text/background pair at WCAG 2.1 AA contrast (4.5:1 for text, 3:1 for the
 * focus ring and the borders of controls), no colour written outside the tokens (else dark mode
 * misses it), focus, reduced motion and print rules present, and the whole site's CSS within its
 * budget (≤ 25 KB gzip). The contrast is @communa/contracts/colour's, the one the territory API checks a
 * tenant's accent with; the backgrounds that check assumes are these tokens.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { contrast, NON_TEXT_CONTRAST, TEXT_CONTRAST, THEMES } from "@communa/contracts/colour";

const root = path.join(import.meta.dirname, "..", "..");
const CSS_FILE = path.join(root, "site", "src", "styles", "global.css");
const css = readFileSync(CSS_FILE, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");

type Tokens = Map<string, string>;

/** The body of the block that opens at `start` (the index of its `{`), braces balanced. */
function blockAt(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(start + 1, i);
  }
  throw new Error(`bloc non fermé à ${start}`);
}

/** The body of the at-rule whose prelude matches, e.g. `@media (prefers-color-scheme: dark)`. */
function atRule(text: string, prelude: RegExp): string {
  const m = prelude.exec(text);
  if (!m) throw new Error(`règle ${prelude} absente`);
  return blockAt(text, text.indexOf("{", m.index));
}

function declarations(body: string): Tokens {
  const tokens: Tokens = new Map();
  for (const m of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) tokens.set(m[1], m[2].trim());
  return tokens;
}

/** The custom properties of the first `:root { … }` found in `text` (not one nested deeper). */
function rootTokens(text: string): Tokens {
  const i = text.search(/(^|[}\s]):root\s*\{/);
  if (i < 0) throw new Error(":root absent");
  return declarations(blockAt(text, text.indexOf("{", i)));
}

/** [foreground role, background role, minimum ratio]: every pair the stylesheet draws. */
const TEXT = TEXT_CONTRAST;
const NON_TEXT = NON_TEXT_CONTRAST;
const PAIRS: Array<[string, string, number]> = [
  ...["--c-bg", "--c-surface", "--c-info-bg", "--c-warning-bg", "--c-success-bg", "--c-error-bg"].map((bg): [string, string, number] => ["--c-text", bg, TEXT]),
  ["--c-muted", "--c-bg", TEXT],
  ["--c-muted", "--c-surface", TEXT],
  ["--c-primary", "--c-bg", TEXT],
  ["--c-primary", "--c-surface", TEXT],
  ["--c-accent", "--c-bg", TEXT],
  ["--c-on-primary", "--c-primary", TEXT],
  ["--c-on-success", "--c-success", TEXT],
  ["--c-on-error", "--c-error-strong", TEXT],
  ["--c-success", "--c-bg", TEXT],
  ["--c-success", "--c-success-bg", TEXT],
  ["--c-warning", "--c-bg", TEXT],
  ["--c-warning", "--c-warning-bg", TEXT],
  ["--c-error", "--c-bg", TEXT],
  ["--c-error", "--c-error-bg", TEXT],
  ["--c-info", "--c-bg", TEXT],
  ["--c-info", "--c-info-bg", TEXT],
  ["--c-focus", "--c-bg", NON_TEXT],
  ["--c-focus", "--c-surface", NON_TEXT],
  ["--c-control", "--c-bg", NON_TEXT],
  ["--c-control", "--c-surface", NON_TEXT],
  ["--c-warning", "--c-warning-bg", NON_TEXT],
];

/** The pairs below their minimum, as readable lines (empty when all hold). */
function failures(tokens: Tokens, pairs: Array<[string, string, number]>): string[] {
  const out: string[] = [];
  for (const [fg, bg, min] of pairs) {
    const a = tokens.get(fg);
    const b = tokens.get(bg);
    if (!a || !b) {
      out.push(`${fg} sur ${bg} : jeton absent`);
      continue;
    }
    const ratio = contrast(a, b);
    if (ratio < min) out.push(`${fg} (${a}) sur ${bg} (${b}) : ${ratio.toFixed(2)} < ${min}`);
  }
  return out;
}

const light = rootTokens(css);
const dark = rootTokens(atRule(css, /@media\s*\(prefers-color-scheme:\s*dark\)/));
const colourRoles = (t: Tokens) => [...t.keys()].filter((k) => k.startsWith("--c-")).sort();

describe("design tokens (global.css)", () => {
  it("declares every semantic colour role, and dark mode redefines each of them", () => {
    const roles = colourRoles(light);
    for (const role of ["text", "muted", "bg", "surface", "border", "primary", "accent", "focus", "success", "warning", "error", "info"]) {
      expect(roles).toContain(`--c-${role}`);
    }
    expect(colourRoles(dark)).toEqual(roles);
  });

  it("the backgrounds a tenant's accent is checked on are the stylesheet's own (@communa/contracts/colour)", () => {
    for (const [theme, tokens] of [
      ["light", light],
      ["dark", dark],
    ] as const) {
      expect({ bg: tokens.get("--c-bg"), surface: tokens.get("--c-surface"), onPrimary: tokens.get("--c-on-primary") }, theme).toEqual(THEMES[theme]);
    }
  });

  it("declares a type scale, a spacing scale and radii", () => {
    const names = [...light.keys()];
    expect(names.filter((n) => n.startsWith("--t-")).length).toBeGreaterThanOrEqual(5);
    expect(names.filter((n) => n.startsWith("--s-")).length).toBeGreaterThanOrEqual(5);
    expect(names.filter((n) => n.startsWith("--r-")).length).toBeGreaterThanOrEqual(2);
    expect(light.get("--font")).toMatch(/^system-ui/);
  });

  it.each([
    ["clair", light],
    ["sombre", dark],
  ])("every pair holds WCAG AA contrast in the %s theme", (_name, tokens) => {
    expect(failures(tokens, PAIRS)).toEqual([]);
  });

  it("the check catches a failing pair (planted)", () => {
    const planted: Tokens = new Map([...light, ["--c-muted", "#8a8a8a"]]);
    const out = failures(planted, PAIRS);
    expect(out.some((line) => line.startsWith("--c-muted (#8a8a8a) sur --c-bg"))).toBe(true);
    expect(contrast("#767676", "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrast("#777777", "#ffffff")).toBeLessThan(4.5);
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
  });

  it("writes no colour outside the tokens and the print rules (else dark mode would miss it)", () => {
    const printAt = css.search(/@media\s+print/);
    const outside = css
      .replace(blockAt(css, css.indexOf("{", css.search(/:root\s*\{/))), "")
      .replace(atRule(css, /@media\s*\(prefers-color-scheme:\s*dark\)/), "")
      .replace(printAt >= 0 ? css.slice(printAt) : "", "");
    expect(outside.match(/#[0-9a-f]{3,8}\b|rgba?\(/gi) ?? []).toEqual([]);
  });

  it("the other stylesheets (kit.css, which the kit's components import) write no colour either (only its tokens)", () => {
    const dataTable = readFileSync(path.join(root, "site", "src", "components", "kit", "DataTable.astro"), "utf8");
    expect(dataTable).toContain('import "../../styles/kit.css";');
    for (const file of readdirSync(path.dirname(CSS_FILE)).filter((f) => f.endsWith(".css") && f !== "global.css")) {
      const sheet = readFileSync(path.join(path.dirname(CSS_FILE), file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
      expect(sheet.match(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/gi) ?? [], file).toEqual([]);
    }
  });

  it("shows focus on every interactive element, honours reduced motion, prints the document only", () => {
    expect(css).toMatch(/(^|\n):focus-visible\s*\{[^}]*outline:[^}]*var\(--c-focus\)/);
    expect(atRule(css, /@media\s*\(prefers-reduced-motion:\s*reduce\)/)).toMatch(/transition:\s*none/);
    const print = atRule(css, /@media\s+print/);
    expect(print).toMatch(/header,\s*nav,\s*footer[^{]*\{[^}]*display:\s*none/);
    expect(print).toContain("attr(href)");
    expect(print).toMatch(/tr,[^{]*\{[^}]*break-inside:\s*avoid/);
  });
});

describe("CSS budget", () => {
  it("the whole site's CSS weighs at most 25 KB gzip", () => {
    // The site's own CSS: every stylesheet and every component <style> under site/src (Astro's
    // build only minifies and bundles them, so their sum bounds what site/dist serves).
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith(".css")) sources.push(readFileSync(p, "utf8"));
        else if (p.endsWith(".astro")) for (const m of readFileSync(p, "utf8").matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) sources.push(m[1]);
      }
    };
    walk(path.join(root, "site", "src"));
    expect(sources.length).toBeGreaterThan(0);
    const bytes = gzipSync(sources.join("\n")).length;
    expect(bytes).toBeLessThanOrEqual(25 * 1024);
  });
});
