import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { readCsv, toCsv } from "./csv.ts";

/** The tax role's former hand-written writer, kept here to prove the output did not change. */
const formerCell = (v: string | number | null) => {
  const s = v === null ? "" : String(v);
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const formerRole = (header: string[], rows: (string | number | null)[][]) =>
  `\uFEFF${[header.join(";"), ...rows.map((r) => r.map(formerCell).join(";"))].join("\r\n")}\r\n`;

describe("CSV", () => {
  it("writes RFC 4180 with ; and a BOM: quotes only what needs it, doubles quotes, CRLF between lines", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x;y", 'dit "oui"'],
          [null, 3],
          ["ligne\nsuite", "12,50"],
        ],
      ),
    ).toBe('\uFEFFa;b\r\n"x;y";"dit ""oui"""\r\n;3\r\n"ligne\nsuite";12,50');
    expect(toCsv(["a"], [{ a: "-1,00" }], { bom: false, finalNewline: true })).toBe("a\r\n-1,00\r\n");
    expect(toCsv(["a", "b"], [], { bom: false })).toBe("a;b");
  });

  it("takes records by column name, in the columns' order, missing ones empty", () => {
    expect(toCsv(["b", "a", "c"], [{ a: 1, b: 2 }], { bom: false })).toBe("b;a;c\r\n2;1;");
  });

  it("gives the tax role byte for byte what its former writer gave (values without edge spaces)", () => {
    const cell = fc.oneof(
      fc.constant(null),
      fc.integer(),
      fc
        .string()
        .map((s) => s.trim())
        .filter((s) => !s.includes("\uFEFF")),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 20 }), (rows) => {
        expect(toCsv(["x", "y", "z"], rows, { finalNewline: true })).toBe(formerRole(["x", "y", "z"], rows));
      }),
    );
  });

  it("gives the map and directory exports what papaparse gave them", () => {
    const rows = [{ nom: "Café « Le Cœur »", lon: 2.41, lat: 49.3, note: " espace " }];
    expect(toCsv(["nom", "lon", "lat", "note"], rows)).toBe(`\uFEFF${Papa.unparse(rows, { delimiter: ";", columns: ["nom", "lon", "lat", "note"] })}`);
  });

  it("reads back what it writes, whatever the values", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { minLength: 1, maxLength: 20 }), (pairs) => {
        const rows = pairs.map(([a, b]) => ({ a: `v${a}`, b: `w${b}` }));
        const parsed = readCsv(toCsv(["a", "b"], rows), { delimiter: ";" });
        expect(parsed.errors).toEqual([]);
        expect(parsed.data).toEqual(rows);
      }),
    );
  });

  it("reads a comma file with its header, a BOM and blank lines, and reports a broken line", () => {
    expect(readCsv("\uFEFFcode,nom\r\n60001,Agnetz\r\n\r\n60002,Airion\r\n").data).toEqual([
      { code: "60001", nom: "Agnetz" },
      { code: "60002", nom: "Airion" },
    ]);
    expect(readCsv('code,nom\n60001,"Agnetz\n', { delimiter: "," }).errors.length).toBeGreaterThan(0);
  });
});
