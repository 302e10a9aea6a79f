/**
 * French texts live in each package's `messages.fr.ts` (issue #13 §2), not inline where an error
 * is thrown: one file per package to proof-read, and the code refers to a named entry.
 *
 * The check is a heuristic over the source of `workers/*\/src` (tests, test helpers and the
 * `messages.fr.ts` files themselves left out): inside a `throw …`, a `new …Error(…)` or
 * `new AppError(…)`, a call to one of core's problem shorthands (`invalid(`, `notFound(`,
 * `problem(`…) or a field error (`{ path, message }`), a string literal or template that reads
 * as French — a letter only French uses (é, è, à, ç, œ, the typographic apostrophe…), a word
 * only French error texts use ("invalide", "obligatoire"…) or two common French words — is a
 * violation. English developer texts (assertions that never reach a person) pass. The scan
 * functions also run on planted sources, so the test proves it catches a violation.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/** Core's shorthands (workers/core/src/errors.ts) and the problem helpers that build an answer from a text. */
const PROBLEM_CALLS = new Set(["invalid", "notFound", "forbidden", "unauthenticated", "conflict", "unavailable", "problem", "appError"]);

const FRENCH_LETTER = /[àâçéèêëîïôûùüÿœæÀÂÇÉÈÊËÎÏÔÛÙÜŸŒÆ’«»]/;
const FRENCH_WORD =
  /\b(le|la|les|un|une|des|du|de|est|sont|pas|ne|aucun|aucune|ce|cette|ces|cet|pour|avec|sans|doit|peut|dans|sur|par|au|aux|votre|vos|nous|vous|il|elle|qui|que|ou|et)\b/gi;

/** Words of error texts that only French writes: one is enough ("Format invalide."). */
const FRENCH_ERROR_WORD = /\b(invalides?|obligatoires?|inconnue?s?|introuvables?|attendue?s?|refusée?s?|manquante?s?|requise?s?|valeurs?|champs?|fichiers?)\b/i;

/** True when a text reads as French: a French letter, a French error word, or two French function words. */
function looksFrench(text: string): boolean {
  if (FRENCH_LETTER.test(text) || FRENCH_ERROR_WORD.test(text)) return true;
  return (text.match(FRENCH_WORD) ?? []).length >= 2;
}

function calleeName(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** The node is a place where a thrown or answered error text is written. */
function isErrorSite(node: ts.Node): boolean {
  if (ts.isThrowStatement(node)) return true;
  if (ts.isNewExpression(node)) {
    const name = calleeName(node.expression);
    return name !== undefined && /Error$/.test(name);
  }
  if (ts.isCallExpression(node)) {
    const name = calleeName(node.expression);
    return name !== undefined && PROBLEM_CALLS.has(name);
  }
  // A field error built apart from its throw: `errors.push({ path, message: "…" })`.
  if (ts.isObjectLiteralExpression(node)) {
    const names = node.properties.map((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : ""));
    return names.includes("path") && names.includes("message");
  }
  return false;
}

/** One lowercase word ("inconnu", "fichier"): a code or a key, not a sentence. */
const CODE = /^[a-z][a-z0-9_-]*$/;

/** A literal that names a field (`path: "body/fichier"`), a problem kind or a reason code is not a text. */
function isNotText(node: ts.Node): boolean {
  if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && CODE.test(node.text)) return true;
  const parent = node.parent;
  if (ts.isPropertyAssignment(parent) && parent.initializer === node && ts.isIdentifier(parent.name) && parent.name.text === "path") return true;
  if (ts.isTemplateSpan(parent)) return isNotText(parent.parent);
  return ts.isNewExpression(parent) && parent.arguments?.[0] === node && calleeName(parent.expression) === "AppError";
}

/** The literal texts written directly in an error site (not inside a nested function). */
function literalTexts(node: ts.Node, out: { text: string; pos: number }[]): void {
  node.forEachChild(function visit(child) {
    if (ts.isFunctionLike(child)) return;
    if ((ts.isStringLiteral(child) || ts.isNoSubstitutionTemplateLiteral(child) || ts.isTemplateExpression(child)) && isNotText(child)) return;
    if (ts.isStringLiteral(child) || ts.isNoSubstitutionTemplateLiteral(child)) out.push({ text: child.text, pos: child.getStart() });
    else if (ts.isTemplateExpression(child)) {
      const text = [child.head.text, ...child.templateSpans.map((s) => s.literal.text)].join(" … ");
      out.push({ text, pos: child.getStart() });
      for (const span of child.templateSpans) visit(span.expression);
    } else child.forEachChild(visit);
  });
}

/** Inline French texts of one source file, as "file:line « text »". */
function inlineFrenchTexts(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = new Map<number, string>();
  const visit = (node: ts.Node) => {
    if (isErrorSite(node)) {
      const texts: { text: string; pos: number }[] = [];
      literalTexts(node, texts);
      for (const t of texts) {
        if (!looksFrench(t.text)) continue;
        const line = sf.getLineAndCharacterOfPosition(t.pos).line + 1;
        found.set(t.pos, `${file}:${line} « ${t.text.length > 70 ? `${t.text.slice(0, 70)}…` : t.text} »`);
      }
    }
    node.forEachChild(visit);
  };
  visit(sf);
  return [...found.values()];
}

/** Direct `console.*` calls of one source file, as "file:line console.x". */
function consoleCalls(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "console")
      out.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1} console.${node.name.text}`);
    node.forEachChild(visit);
  };
  visit(sf);
  return out;
}

/** Production sources of the Workers and core: no tests, no test helpers, no texts files. */
function workerSources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "node_modules" && e.name !== "testing" && !e.name.startsWith(".")) walk(p);
      } else if (/\.ts$/.test(e.name) && !/\.(test|spec)\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name) && !/^messages\..*\.ts$/.test(e.name)) out.push(p);
    }
  };
  for (const w of readdirSync(path.join(root, "workers"), { withFileTypes: true })) {
    // The contracts package is zod vocabularies whose French texts sit in the schemas they
    // explain (ADR 0025); it throws nothing at people. Its texts are not checked here.
    if (!w.isDirectory() || w.name === "contracts") continue;
    try {
      readdirSync(path.join(root, "workers", w.name, "src"));
    } catch {
      continue;
    }
    walk(path.join("workers", w.name, "src"));
  }
  return out.sort();
}

describe("French texts live in messages.fr.ts", () => {
  it("no Worker throws or answers a French text written inline", () => {
    const violations = workerSources().flatMap((f) => inlineFrenchTexts(f, readFileSync(path.join(root, f), "utf8")));
    expect(violations, "move these texts into the package's messages.fr.ts (a named entry, a function for a text with values)").toEqual([]);
  });

  it("catches a planted violation: a French text in a throw, an AppError, a shorthand and a field error", () => {
    const planted = [
      'import { AppError, invalid, notFound } from "@communa/core/errors";',
      "export function f(x: number) {",
      '  if (x < 0) throw new AppError("conflict", "Cette valeur est déjà prise.");',
      "  if (x === 0) throw notFound(`Aucune fiche ne porte le numéro ${x}.`);",
      '  if (x === 1) throw invalid(undefined, [{ path: "body/x", message: "Format invalide." }]);',
      '  if (x === 2) throw new Error("la valeur est hors des bornes");',
      '  if (x === 3) throw new Error("unreachable: x was checked above");',
      '  if (x === 4) throw invalid(m.somewhere, [{ path: "body/fichier", message: m.field }]);',
      "  if (x === 5) errors.push({ path: `body/items/${x}`, message: `Ce membre ne siège pas ici (${x}).` });",
      "}",
    ].join("\n");
    expect(inlineFrenchTexts("workers/planted/src/f.ts", planted)).toEqual([
      "workers/planted/src/f.ts:3 « Cette valeur est déjà prise. »",
      "workers/planted/src/f.ts:4 « Aucune fiche ne porte le numéro  … . »",
      "workers/planted/src/f.ts:5 « Format invalide. »",
      "workers/planted/src/f.ts:6 « la valeur est hors des bornes »",
      "workers/planted/src/f.ts:9 « Ce membre ne siège pas ici ( … ). »",
    ]);
  });

  it("Workers log through core's logger only (no console.* outside workers/core/src/log.ts)", () => {
    const direct = workerSources()
      .filter((f) => f !== path.join("workers", "core", "src", "log.ts"))
      .flatMap((f) => consoleCalls(f, readFileSync(path.join(root, f), "utf8")));
    expect(direct).toEqual([]);
    expect(consoleCalls("workers/planted/src/live.ts", 'export class Room {\n  onClose() {\n    console.warn("closed");\n  }\n}')).toEqual([
      "workers/planted/src/live.ts:3 console.warn",
    ]);
  });

  it("tells French from English developer texts", () => {
    expect(looksFrench("Le quorum n’est pas atteint.")).toBe(true);
    expect(looksFrench("la valeur est hors des bornes")).toBe(true);
    expect(looksFrench("DATABASE_URL is not set: the Worker cannot reach Postgres")).toBe(false);
    expect(looksFrench("unreachable: x was checked above")).toBe(false);
  });
});
