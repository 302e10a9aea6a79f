/**
 * The archive's years are Paris years (issue #13): a deposit sealed at 00:30 in Paris on 1 January
 * (still 31 December in UTC) is numbered in the new year, and the yearly integrity report of the
 * new year counts an audit run then.
 */
import { env } from "cloudflare:workers";
import { afterEach, expect, it, vi } from "vitest";
import type { Db } from "@communa/core";
import { createTestTenant, person, testContext, withDb } from "@communa/core/testing";
import type { ArchiveBindings } from "../src/env.ts";
import { depositPackage } from "../src/services/deposits.ts";
import { auditUnit, yearlyReport } from "../src/services/audit.ts";

const e = env as unknown as ArchiveBindings & { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const use = <T>(fn: (db: Db) => Promise<T>) => withDb(e, fn);
const archivist = person("archives:read", "archives:write", "archives:restricted", "archives:dispose");
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

afterEach(() => {
  vi.useRealTimers();
});

it("numbers a deposit made at 00:30 on 1 January (Paris) in the new year, and reports its audit in that year", async () => {
  const t = await createTestTenant(e);
  const deps = (db: Db) => ({ db, ctx: testContext(t, archivist), env: e });
  const bytes = pdf(crypto.randomUUID());
  // Only the clock the services read is moved: the database driver keeps its real timers.
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-31T23:30:00Z") });
  const r = await use((db) =>
    depositPackage(deps(db), {
      source: "service",
      transferringAgency: "Secrétariat général",
      units: [
        {
          title: "Registre des arrêtés",
          originatingAgency: "Secrétariat général",
          appraisalRule: "APP-DELIB",
          accessRule: "ACC-00",
          files: [{ name: "registre.pdf", bytes, size: bytes.byteLength }],
        },
      ],
    }),
  );
  await use((db) => auditUnit(deps(db), r.units[0].id));
  vi.useRealTimers();
  expect(r.reference).toMatch(/^VERS-2027-\d{5}$/);
  expect(r.units[0].reference).toMatch(/^ARC-2027-\d{5}$/);
  // No end date given: the DUA starts today, in Paris.
  expect(r.units[0]).toMatchObject({ duaEnd: "2037-01-01" });
  expect(await use((db) => yearlyReport(deps(db), 2027))).toMatchObject({ audits: 1 });
  expect(await use((db) => yearlyReport(deps(db), 2026))).toMatchObject({ audits: 0 });
});
