/**
 * The boundary drawing of the home pages (site/src/lib/outline-svg.ts), from the repository's own
 * territory data: one shape per commune inside the drawing, the page's commune drawn last, either
 * winding of a ring read the same, detail below half a unit dropped, a few KB in all.
 */
import { describe, expect, it } from "vitest";
import { outlineOf } from "../../site/src/lib/outline-svg.ts";
import { outlineData, pagesFrom } from "../../site/src/lib/territory.ts";
import { loadTerritoryData } from "@communa/db/territory-data";
import type { TenantDirectory } from "@communa/contracts/rpc";

const NO_IDENTITY = { accent: null, accentDark: null, logo: null };

/** The repository's territory data in the shape GET /api/tenants answers (what the seed loads). */
function seedDirectory(): TenantDirectory {
  const data = loadTerritoryData();
  const epciSlug = new Map(data.epcis.map((e) => [e.siren, e.slug]));
  return {
    tenants: [
      ...data.epcis.map((e) => ({
        slug: e.slug,
        kind: "epci" as const,
        name: e.usageName,
        legalName: e.legalName,
        shortName: e.shortName,
        siren: e.siren,
        insee: null,
        parent: null,
        ...NO_IDENTITY,
      })),
      ...data.communes.map((c) => ({
        slug: c.slug,
        kind: "commune" as const,
        name: c.name,
        legalName: c.name,
        shortName: null,
        siren: c.siren,
        insee: c.insee,
        parent: epciSlug.get(c.epciSiren) ?? null,
        ...NO_IDENTITY,
      })),
    ],
    communes: data.communes.map((c) => ({
      insee: c.insee,
      name: c.name,
      tenant: c.slug,
      postcode: c.postcode,
      siren: c.siren,
      epciSiren: c.epciSiren,
      population: c.population,
      populationTotal: c.populationTotal,
      populationYear: 2023,
      boundary: c.boundary,
    })),
  };
}

/** Every coordinate pair of an SVG path made of M/L/Z commands. */
const points = (d: string) => [...d.matchAll(/(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g)].map((m) => [Number(m[1]), Number(m[2])]);

const square = (ring: number[][]): GeoJSON.FeatureCollection => ({
  type: "FeatureCollection",
  features: [{ type: "Feature", properties: { insee: "00001", name: "Carré" }, geometry: { type: "Polygon", coordinates: [ring] } }],
});

describe("outline drawing", () => {
  const { pages } = pagesFrom(seedDirectory());
  const cclvd = pages.find((p) => p.slug === "cclvd")!;
  const liancourt = pages.find((p) => p.slug === "liancourt")!;

  it("draws each member of the EPCI inside the drawing, coordinates to a tenth, in a few KB", () => {
    const { data, focus } = outlineData(cclvd);
    const outline = outlineOf(data, focus);
    expect(cclvd.kind).toBe("epci");
    expect(outline.shapes.map((s) => s.name).sort()).toEqual(data.features.map((f) => String(f.properties?.name)).sort());
    expect(outline.width).toBe(640);
    expect(outline.height).toBeGreaterThan(100);
    for (const s of outline.shapes) {
      const xy = points(s.d);
      expect(xy.length).toBeGreaterThan(3);
      for (const [x, y] of xy) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(outline.width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(outline.height);
      }
      expect(s.d).not.toMatch(/\.\d\d/);
    }
    // The territory fills the drawing's width (margins of 8 units).
    const xs = outline.shapes.flatMap((s) => points(s.d).map(([x]) => x));
    expect(Math.min(...xs)).toBeLessThan(10);
    expect(Math.max(...xs)).toBeGreaterThan(630);
    expect(outline.shapes.reduce((n, s) => n + s.d.length, 0)).toBeLessThan(8 * 1024);
  });

  it("draws a commune among the other members of its EPCI, its own shape flagged and drawn last", () => {
    const { data, focus } = outlineData(liancourt);
    const outline = outlineOf(data, focus);
    expect(liancourt.kind === "commune" && liancourt.siblings.length).toBe(outline.shapes.length - 1);
    expect(outline.shapes.filter((s) => s.focus).map((s) => s.name)).toEqual(["Liancourt"]);
    expect(outline.shapes.at(-1)?.name).toBe("Liancourt");
  });

  it("reads a ring wound either way as the same commune, not as the rest of the globe", () => {
    const ring = [
      [2.4, 49.3],
      [2.45, 49.3],
      [2.45, 49.35],
      [2.4, 49.35],
      [2.4, 49.3],
    ];
    const counter = outlineOf(square(ring), null);
    const clockwise = outlineOf(square([...ring].reverse()), null);
    expect(clockwise.height).toBe(counter.height);
    const box = (d: string) => {
      const xy = points(d);
      return [Math.min(...xy.map((p) => p[0])), Math.max(...xy.map((p) => p[0])), Math.min(...xy.map((p) => p[1])), Math.max(...xy.map((p) => p[1]))];
    };
    expect(box(clockwise.shapes[0].d)).toEqual(box(counter.shapes[0].d));
    // About 3.6 km by 5.6 km: a drawing taller than wide, not a band across the world.
    expect(counter.height).toBeGreaterThan(counter.width);
    expect(points(counter.shapes[0].d).length).toBe(4);
  });

  it("drops detail finer than half a unit of the drawing", () => {
    // A square whose edges carry 200 points each, a few centimetres off the straight line.
    const edge = (from: number[], to: number[]) =>
      Array.from({ length: 200 }, (_, i) => [from[0] + ((to[0] - from[0]) * i) / 200 + (i % 2) * 1e-7, from[1] + ((to[1] - from[1]) * i) / 200]);
    const corners = [
      [2.4, 49.3],
      [2.45, 49.3],
      [2.45, 49.35],
      [2.4, 49.35],
    ];
    const ring = [...corners.flatMap((c, i) => edge(c, corners[(i + 1) % 4])), corners[0]];
    const outline = outlineOf(square(ring), null);
    expect(points(outline.shapes[0].d).length).toBeLessThanOrEqual(8);
  });
});
