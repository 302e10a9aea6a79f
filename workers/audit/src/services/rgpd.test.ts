/**
 * The register of processing activities lists every table holding personal data: read from the
 * database itself (every column the register's rule calls personal, db/src/retention.ts), not from
 * the list the register is made of — a new table with a personal column and no line fails here.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminQuery, type TestEnv } from "@communa/core/testing";
import { NOT_PERSONAL, PERSONAL_COLUMNS, RETENTION_REGISTER } from "@communa/db/retention";
import { TABLE_OWNERS } from "@communa/db/ownership";
import { processingRegister } from "./rgpd.ts";

const e = env as unknown as TestEnv;

describe("register of processing activities", () => {
  const register = processingRegister();
  const listed = register.flatMap((p) => p.tables.map((t) => t.table));

  it("names every table of the database that has a personal column, under the module that owns it", async () => {
    const cols = await adminQuery<{ table_name: string; column_name: string }>(
      e,
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
    );
    const personal = [...new Set(cols.filter((c) => PERSONAL_COLUMNS.test(c.column_name)).map((c) => c.table_name))].filter((t) => !(t in NOT_PERSONAL));
    expect(personal.length).toBeGreaterThan(20);
    expect(personal.filter((t) => !listed.includes(t))).toEqual([]);
    for (const p of register) for (const t of p.tables) expect(TABLE_OWNERS[t.table].owner, t.table).toBe(p.module);
  });

  it("lists each declared table once, with what it holds, why, its basis and its period", () => {
    expect([...listed].sort()).toEqual(RETENTION_REGISTER.map((r) => r.table).sort());
    for (const p of register)
      for (const t of p.tables)
        expect(
          [t.holds, t.purpose, t.basis, t.period].every((s) => s.length > 0),
          t.table,
        ).toBe(true);
  });

  it("keeps the tenant's own words beside what the code says", () => {
    const withNote = processingRegister(new Map([["waste", { purpose: "Facturer la redevance", recipients: "Trésorerie", legalBasis: "CGCT L2333-76" }]]));
    const waste = withNote.find((p) => p.module === "waste")!;
    expect(waste.note).toEqual({ purpose: "Facturer la redevance", recipients: "Trésorerie", legalBasis: "CGCT L2333-76" });
    expect(waste.tables.length).toBeGreaterThan(0);
    expect(withNote.find((p) => p.module === "identity")!.note).toBeNull();
  });
});
