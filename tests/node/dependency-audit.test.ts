/**
 * The dependency audit (scripts/lib/dependency-audit.ts, `npm run audit:deps`): the licence check on
 * the real lockfile (offline, so here in every run), and both judges failing on broken fixtures. The
 * advisory check itself needs the registry's advisory service: `.ci/run` runs it as its own step.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { advisoriesOf, advisoryVerdict, licenceFailures, spdxAccepted, type LicencePolicy } from "../../scripts/lib/dependency-audit.ts";

const root = path.resolve(import.meta.dirname, "../..");
const read = <T>(p: string): T => JSON.parse(readFileSync(path.join(root, p), "utf8")) as T;
const policy = read<LicencePolicy>("scripts/audit/licences.json");

describe("licences of the production dependencies", () => {
  it("every production dependency in package-lock.json has an AGPL-3.0-compatible licence", () => {
    expect(licenceFailures(read("package-lock.json"), policy)).toEqual([]);
  });

  it("fails a GPL-2.0-only, an unlicensed, a missing licence; skips dev packages and workspaces", () => {
    const lock = {
      packages: {
        "": {},
        "workers/core": {},
        "node_modules/ok": { version: "1.0.0", license: "(MIT OR GPL-2.0-only)" },
        "node_modules/a/node_modules/@x/gpl2": { version: "2.0.0", license: "GPL-2.0-only" },
        "node_modules/closed": { version: "1.0.0", license: "UNLICENSED" },
        "node_modules/none": { version: "0.1.0" },
        "node_modules/dev-only": { version: "1.0.0", license: "SSPL-1.0", dev: true },
        "node_modules/@communa/core": { link: true },
      },
    };
    expect(licenceFailures(lock, policy)).toEqual([
      "@x/gpl2@2.0.0 : GPL-2.0-only n’est pas dans la liste compatible AGPL-3.0",
      "closed@1.0.0 : UNLICENSED n’est pas dans la liste compatible AGPL-3.0",
      "none@0.1.0 : aucune licence déclarée",
    ]);
  });

  it("reads SPDX expressions: OR needs one side, AND both", () => {
    expect(spdxAccepted("(MIT AND Zlib)", policy.compatible)).toBe(true);
    expect(spdxAccepted("MIT AND SSPL-1.0", policy.compatible)).toBe(false);
    expect(spdxAccepted("Apache-2.0 WITH LLVM-exception", policy.compatible)).toBe(true);
  });

  it("a correction applies to the version read by hand only", () => {
    const lock = { packages: { "node_modules/suncalc": { version: "3.0.0" } } };
    expect(licenceFailures(lock, policy)).toEqual(["suncalc@3.0.0 : aucune licence déclarée"]);
  });
});

describe("known advisories against the accepted list", () => {
  const report = {
    vulnerabilities: {
      undici: {
        via: [{ source: 1101, name: "undici", url: "https://github.com/advisories/GHSA-aaaa-bbbb-cccc", title: "Request smuggling", severity: "high" }],
      },
      hono: { via: ["undici"] },
    },
  };

  it("an advisory nobody accepted fails; one accepted with its reason passes", () => {
    const reported = advisoriesOf(report);
    expect(reported).toEqual([
      { package: "undici", id: "GHSA-aaaa-bbbb-cccc", url: "https://github.com/advisories/GHSA-aaaa-bbbb-cccc", title: "Request smuggling", severity: "high" },
    ]);
    expect(advisoryVerdict(reported, []).failures).toEqual([
      "undici : GHSA-aaaa-bbbb-cccc (high) Request smuggling https://github.com/advisories/GHSA-aaaa-bbbb-cccc",
    ]);
    const accepted = [{ advisory: "GHSA-aaaa-bbbb-cccc", package: "undici", reason: "Only the dev server uses undici's client; Workers use fetch." }];
    expect(advisoryVerdict(reported, accepted)).toEqual({ failures: [], stale: [] });
  });

  it("an acceptance without a reason does not count; one no longer reported is stale", () => {
    const reported = advisoriesOf(report);
    expect(advisoryVerdict(reported, [{ advisory: "GHSA-aaaa-bbbb-cccc", package: "undici", reason: "" }]).failures).toHaveLength(1);
    expect(advisoryVerdict([], [{ advisory: "GHSA-zzzz-zzzz-zzzz", package: "x", reason: "accepted for a reason" }]).stale).toEqual([
      "x : GHSA-zzzz-zzzz-zzzz",
    ]);
  });

  it("the accepted list in the tree gives a reason for each entry", () => {
    for (const a of read<{ accepted: Array<{ advisory: string; package: string; reason: string }> }>("scripts/audit/accepted-advisories.json").accepted) {
      expect(a.reason.trim().length, a.advisory).toBeGreaterThanOrEqual(10);
    }
  });
});
