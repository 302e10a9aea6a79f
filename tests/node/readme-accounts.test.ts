/** The README's table of demonstration accounts says what the seed gives each one (issue #13 §4). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../setup/bundle.ts";

interface Account {
  email: string;
  name: string;
  memberships: Array<{ tenant: string; roles: string[] }>;
}

describe("README: demonstration accounts", () => {
  it("lists every seeded account with its tenants and roles, and no other", () => {
    const { accounts } = JSON.parse(readFileSync(path.join(root, "db/seed/demo-accounts.json"), "utf8")) as { accounts: Account[] };
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const rows = readme
      .split("\n")
      .filter((l) => /^\| [^|]+ \| [^|\s]+@[^|\s]+ \| /.test(l))
      .map((l) =>
        l
          .split("|")
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    const expected = accounts.map((a) => [a.name, a.email, a.memberships.map((m) => `\`${m.tenant}\`: ${m.roles.join(", ")}`).join("; ")]);
    expect(rows).toEqual(expected);
  });
});
