/**
 * The back-office kit's pure parts (ADR 0026): the problem reader (RFC 9457 bodies, which control
 * owns an error's path), a list's state in the address, Paris date and time inputs, the boundary
 * check of a point picked on a map.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ownerOf, toProblem } from "../../site/src/lib/kit/problem.ts";
import { listStateQuery, readListState } from "../../site/src/lib/kit/url-state.ts";
import { fromParisInput, toParisInput } from "../../site/src/lib/kit/paris-time.ts";
import { insideBoundary } from "../../site/src/lib/kit/map-point.ts";

describe("problem reader", () => {
  it("reads a problem+json body, keeps only well-formed field errors, falls back to French", () => {
    const p = toProblem(
      {
        type: "urn:x",
        title: "Requête invalide",
        status: 400,
        detail: "2 champs refusés.",
        errors: [{ path: "body/name", message: "Nom obligatoire." }, { path: 3 }, null],
      },
      400,
    );
    expect(p).toEqual({ status: 400, title: "Requête invalide", detail: "2 champs refusés.", errors: [{ path: "body/name", message: "Nom obligatoire." }] });
    expect(toProblem("<html>Bad gateway</html>", 502)).toEqual({ status: 502, title: "L’opération a échoué.", detail: "L’opération a échoué.", errors: [] });
    expect(toProblem({ title: "Interdit" }, 403).detail).toBe("Interdit");
  });

  it("gives an error to the control that owns its path, the most specific one", () => {
    const keys = ["body/name", "body/geometry", "body/properties/type", "body/properties"];
    expect(ownerOf(keys, "body/name")).toBe("body/name");
    expect(ownerOf(keys, "body/geometry/coordinates/0")).toBe("body/geometry");
    expect(ownerOf(keys, "body/properties/type")).toBe("body/properties/type");
    expect(ownerOf(keys, "body/properties/inconnu")).toBe("body/properties");
    // A prefix counts at a segment boundary only.
    expect(ownerOf(keys, "body/names")).toBeUndefined();
    expect(ownerOf(keys, "query/limit")).toBeUndefined();
  });
});

describe("list state in the address", () => {
  const spec = { filters: ["q", "commune"] as const, sorts: ["name", "date"] };
  it("reads page, sort and filters, ignoring what is malformed", () => {
    expect(readListState("?q=boulangerie&tri=-date&page=3&autre=1", spec)).toEqual({ page: 3, sort: "date", descending: true, filters: { q: "boulangerie" } });
    expect(readListState("?page=0&tri=secret&q=%20", spec)).toEqual({ page: 1, sort: null, descending: false, filters: {} });
    expect(readListState("?page=2.5&tri=-", spec).page).toBe(1);
  });
  it("writes one canonical address per state, which reads back to the same state", () => {
    expect(listStateQuery({ page: 1, sort: null, descending: false, filters: {} }, spec)).toBe("");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.option(fc.constantFrom("name", "date"), { nil: null }),
        fc.boolean(),
        fc.record(
          {
            q: fc.option(
              fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s !== ""),
              { nil: undefined },
            ),
          },
          { requiredKeys: [] },
        ),
        (page, sort, descending, f) => {
          const filters = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as { q?: string };
          const state = { page, sort, descending: sort !== null && descending, filters };
          expect(readListState(listStateQuery(state, spec), spec)).toEqual(state);
        },
      ),
    );
  });
});

describe("Paris date and time inputs", () => {
  it("read a wall-clock time in Paris, in winter and in summer", () => {
    expect(fromParisInput("2026-12-14T09:30")).toBe("2026-12-14T08:30:00.000Z");
    expect(fromParisInput("2026-07-14T09:30")).toBe("2026-07-14T07:30:00.000Z");
    expect(toParisInput("2026-07-14T07:30:00.000Z")).toBe("2026-07-14T09:30");
    expect(toParisInput(null)).toBe("");
  });
  it("refuse what is not a date and time", () => {
    for (const v of ["", "2026-13-01T10:00", "14/12/2026 10:00", "2026-12-14", "2026-12-14T25:00"]) expect(fromParisInput(v), v).toBeNull();
  });
  it("round-trip the Paris reading of any minute (the autumn’s repeated hour names two instants)", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T23:59:00Z"), noInvalidDate: true }), (d) => {
        const minute = new Date(Math.floor(d.getTime() / 60_000) * 60_000);
        const shown = toParisInput(minute);
        // In the autumn's repeated hour a wall-clock reading names two instants: either is right.
        const back = new Date(fromParisInput(shown)!).getTime();
        expect([0, 3_600_000]).toContain(Math.abs(back - minute.getTime()));
        expect(toParisInput(new Date(back))).toBe(shown);
      }),
    );
  });
});

describe("a point picked on a map", () => {
  const square: GeoJSON.FeatureCollection = {
    type: "FeatureCollection",
    features: [
      {
        type: "Feature",
        properties: {},
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [2.4, 49.3],
              [2.5, 49.3],
              [2.5, 49.4],
              [2.4, 49.4],
              [2.4, 49.3],
            ],
          ],
        },
      },
    ],
  };
  it("is inside the territory or not", () => {
    expect(insideBoundary([2.45, 49.33], square)).toBe(true);
    expect(insideBoundary([4.83, 45.76], square)).toBe(false);
  });
});
