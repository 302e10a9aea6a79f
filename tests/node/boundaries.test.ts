/**
 * The boundaries between domains (ADR 0025), checked over the code as it is:
 * - the import graph: no workspace package imports another's files by path (`../other/src/…`,
 *   `@communa/x/src/…`), and no package imports a domain package — Workers and the site share only
 *   @communa/contracts, @communa/core and @communa/db;
 * - the tables: every table of the drizzle schema has an owner (db/src/ownership.ts), and each
 *   domain Worker's code — the schema objects its drizzle queries name and the tables its raw SQL
 *   names — touches only its own tables, or a shared one in the way it is shared.
 * The scan functions are exported so the test can prove they catch a planted violation.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as schema from "@communa/db/schema";
import { TABLE_OWNERS, type Domain } from "@communa/db/ownership";

const root = path.resolve(import.meta.dirname, "../..");
const SHARED = new Set(["@communa/contracts", "@communa/core", "@communa/db"]);
const SOURCE = /\.(ts|mts|js|mjs|astro)$/;

interface Pkg {
  name: string;
  dir: string;
  exports: string[];
  dependencies: string[];
}

/** Workspace packages, from the root package.json's globs (one level: `workers/*`, `db`…). */
function workspacePackages(): Pkg[] {
  const globs: string[] = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).workspaces;
  const dirs = globs.flatMap((g) => (g.endsWith("/*") ? readdirSync(path.join(root, g.slice(0, -2))).map((d) => path.join(g.slice(0, -2), d)) : [g]));
  return dirs
    .filter((d) => statSync(path.join(root, d)).isDirectory() && safeRead(path.join(root, d, "package.json")) !== null)
    .map((d) => {
      const p = JSON.parse(readFileSync(path.join(root, d, "package.json"), "utf8"));
      return { name: p.name, dir: d, exports: p.exports ? Object.keys(p.exports) : [], dependencies: Object.keys({ ...p.dependencies, ...p.devDependencies }) };
    });
}

function safeRead(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(path.join(root, d), { withFileTypes: true })) {
      if (e.name.startsWith(".") || e.name === "node_modules" || e.name === "dist" || e.name === "results") continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (SOURCE.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Module specifiers of a file: static and dynamic imports, re-exports (also in .astro frontmatter and scripts). */
function specifiersOf(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)) found.push(m[1]);
  return found;
}

/** Domain packages: the Workers with their own wrangler.toml (the gateway is one too: nobody imports it). */
const isDomain = (p: Pkg) => p.dir.startsWith("workers/") && safeRead(path.join(root, p.dir, "wrangler.toml")) !== null;

/**
 * Narrow, named allowances. The ingest bench (a measuring harness, never deployed) runs the real
 * bin-lifts consumer inside a Worker of its own, made to crash: that is what it measures.
 */
const ALLOWED_IMPORTS: Record<string, string[]> = { "@communa/bench": ["@communa/waste/consumer"] };
const ALLOWED_EXPORTS: Record<string, string[]> = { "@communa/waste": [".", "./consumer"] };

/** What is wrong with `file`'s imports, for the package it belongs to. */
function importViolations(pkg: Pkg, file: string, text: string, packages: Pkg[]): string[] {
  const problems: string[] = [];
  const byName = new Map(packages.map((p) => [p.name, p]));
  for (const spec of specifiersOf(text)) {
    if (spec.startsWith(".")) {
      const target = path.relative(root, path.resolve(root, path.dirname(file), spec.replace(/\?.*$/, "")));
      // Code only: a test reading another package's data file (a GeoJSON fixture) shares no code.
      if (path.extname(target) && !SOURCE.test(target)) continue;
      const owner = packages.find((p) => target === p.dir || target.startsWith(p.dir + path.sep));
      if (owner && owner !== pkg) problems.push(`${file} : « ${spec} » atteint les fichiers de ${owner.name} par un chemin`);
      continue;
    }
    const m = /^(@communa\/[^/]+)(\/.*)?$/.exec(spec);
    if (!m || m[1] === pkg.name) continue;
    if ((ALLOWED_IMPORTS[pkg.name] ?? []).includes(spec)) continue;
    if (m[2]?.split("/").includes("src")) problems.push(`${file} : « ${spec} » entre dans le src/ de ${m[1]}`);
    const target = byName.get(m[1]);
    if (target && isDomain(target) && !SHARED.has(m[1]))
      problems.push(`${file} : « ${spec} » importe le domaine ${m[1]} (seuls ${[...SHARED].join(", ")} se partagent)`);
  }
  return problems;
}

type Access = "read" | "insert" | "update" | "delete";

/** Drizzle table objects by export name, and their SQL names. */
const tableOfExport = new Map<string, string>();
for (const [name, value] of Object.entries(schema)) if (is(value, PgTable)) tableOfExport.set(name, getTableName(value as PgTable));
const sqlTables = new Set(tableOfExport.values());

/**
 * The tables a file's code touches and how: schema objects imported from @communa/db (written
 * when passed to `.insert()`, `.update()` or `.delete()`, read otherwise), and table names in its
 * raw SQL strings (INSERT INTO, UPDATE, DELETE FROM; FROM and JOIN read).
 */
function tablesTouched(file: string, text: string): Array<{ table: string; access: Access }> {
  const found: Array<{ table: string; access: Access }> = [];
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const local = new Map<string, string>();
  const written = new Set<ts.Node>();
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && /^@communa\/db(\/schema)?$/.test(node.moduleSpecifier.text)) {
      const named = node.importClause?.namedBindings;
      if (named && ts.isNamedImports(named) && !node.importClause?.isTypeOnly) {
        for (const el of named.elements) {
          if (el.isTypeOnly) continue;
          const table = tableOfExport.get((el.propertyName ?? el.name).text);
          if (table) local.set(el.name.text, table);
        }
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ["insert", "update", "delete"].includes(node.expression.name.text)) {
      const arg = node.arguments[0];
      if (arg && ts.isIdentifier(arg) && local.has(arg.text)) {
        found.push({ table: local.get(arg.text)!, access: node.expression.name.text as Access });
        written.add(arg);
      }
    }
    if (ts.isIdentifier(node) && local.has(node.text) && !written.has(node) && !isNameOnly(node)) found.push({ table: local.get(node.text)!, access: "read" });
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      for (const m of node.text.matchAll(/\b(insert\s+into|update|delete\s+from|from|join)\s+(?:only\s+)?(?:public\.)?"?([a-z_][a-z0-9_]*)"?/gi)) {
        if (!sqlTables.has(m[2])) continue;
        const verb = m[1].toLowerCase().replace(/\s+/g, " ");
        found.push({ table: m[2], access: verb === "insert into" ? "insert" : verb === "update" ? "update" : verb === "delete from" ? "delete" : "read" });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return found;
}

/** An identifier that only names a property or an import, not the table object. */
function isNameOnly(node: ts.Identifier): boolean {
  const p = node.parent;
  if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) return true;
  if (
    (ts.isPropertyAccessExpression(p) || ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) &&
    p.name === node
  )
    return true;
  return false;
}

/** Whether `domain` may `access` `table`. */
function allowed(domain: string, table: string, access: Access): boolean {
  const o = TABLE_OWNERS[table];
  if (!o) return false;
  if (o.owner === domain) return true;
  if (o.shared === "reference") return access === "read";
  if (o.shared === "outbox") return access === "insert";
  return false;
}

/** Domain code: a domain Worker's src/, its tests and fixtures left out (they set up other domains' rows on purpose). */
const domainCode = (dir: string) => sourceFiles(path.join(dir, "src")).filter((f) => !/\.test\.ts$/.test(f));

function tableViolations(domain: string, file: string, text: string): string[] {
  const seen = new Set<string>();
  for (const t of tablesTouched(file, text))
    if (!allowed(domain, t.table, t.access)) seen.add(`${domain} : ${file} — ${t.access} ${t.table} (à ${TABLE_OWNERS[t.table]?.owner ?? "personne"})`);
  return [...seen];
}

const packages = workspacePackages();
const domains = packages.filter(isDomain);

describe("boundaries between packages", () => {
  it("no package reaches another's files or a domain package (only contracts, core and db are shared)", () => {
    const problems = packages.flatMap((p) => sourceFiles(p.dir).flatMap((f) => importViolations(p, f, readFileSync(path.join(root, f), "utf8"), packages)));
    expect(problems).toEqual([]);
  });

  it("no package depends on a domain package, and a domain exports its entrypoint only", () => {
    const byName = new Map(packages.map((p) => [p.name, p]));
    const deps = packages.flatMap((p) =>
      p.dependencies
        .filter((d) => d !== p.name && byName.has(d) && isDomain(byName.get(d)!) && !(ALLOWED_IMPORTS[p.name] ?? []).some((a) => a.startsWith(d)))
        .map((d) => `${p.name} → ${d}`),
    );
    expect(deps).toEqual([]);
    const exports = domains
      .filter((d) => d.exports.some((e) => e !== "." && !(ALLOWED_EXPORTS[d.name] ?? []).includes(e)))
      .map((d) => `${d.name} : ${d.exports.join(", ")}`);
    expect(exports).toEqual([]);
  });

  it("catches a planted violation: a path into another package's src/, and a domain package imported", () => {
    const site = packages.find((p) => p.name === "@communa/site")!;
    const planted = 'import { slugify } from "../../../workers/core/src/slug.ts";\nimport type { Snapshot } from "@communa/council";\n';
    expect(importViolations(site, "site/src/lib/planted.ts", planted, packages)).toHaveLength(2);
  });
});

describe("each domain owns its tables", () => {
  it("every table of the schema has a declared owner, and every declared table exists", () => {
    expect([...sqlTables].filter((t) => !TABLE_OWNERS[t]).sort()).toEqual([]);
    expect(
      Object.keys(TABLE_OWNERS)
        .filter((t) => !sqlTables.has(t))
        .sort(),
    ).toEqual([]);
  });

  it("a domain's code names only its own tables (or reads reference data, or queues an e-mail)", () => {
    const found = domains.flatMap((d) => {
      const domain = path.basename(d.dir) as Domain;
      return domainCode(d.dir).flatMap((f) => tableViolations(domain, f, readFileSync(path.join(root, f), "utf8")));
    });
    // Nothing is tolerated: council and waste ask identity's doors (ADR 0025, amended), no read is listed any more.
    expect(found).toEqual([]);
  });

  it("catches a planted violation, in drizzle and in raw SQL, and tells reads of reference data from writes", () => {
    const drizzle = 'import { memberships, tenants } from "@communa/db";\nawait tx.insert(memberships).values(row);\nawait tx.select().from(tenants);\n';
    expect(tableViolations("directory", "workers/directory/src/planted.ts", drizzle)).toEqual([
      "directory : workers/directory/src/planted.ts — insert memberships (à identity)",
    ]);
    const raw =
      'await tx.execute(sql`UPDATE tenants SET name = ${n}`); await q("SELECT * FROM waste_bins JOIN communes ON true");\nawait tx.execute(sql`INSERT INTO outbox (recipient) VALUES (${r})`);\n';
    expect(tableViolations("council", "workers/council/src/planted.ts", raw)).toEqual([
      "council : workers/council/src/planted.ts — update tenants (à territory)",
      "council : workers/council/src/planted.ts — read waste_bins (à waste)",
    ]);
  });
});
