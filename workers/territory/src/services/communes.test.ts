import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import area from "@turf/area";
import intersect from "@turf/intersect";
import { featureCollection, feature } from "@turf/helpers";
import { withDb } from "@communa/core/testing";
import type { Db } from "@communa/core";
import { boundary, listCommunes } from "./communes.ts";
import { tenantBySlug } from "./tenants.ts";
import referenceText from "../../../../db/seed/data/epci-cclvd.geojson?raw";

const reference = JSON.parse(referenceText) as GeoJSON.FeatureCollection;

const e = env as unknown as { DATABASE_URL: string; NEON_WS_PROXY: string };

const use = <T>(fn: (db: Db) => Promise<T>) => withDb(e, fn);

describe("communes and boundaries", () => {
  it("the EPCI's boundary is the union of its members, matching the upstream union", async () => {
    const cclvd = (await use((db) => tenantBySlug({ db, slug: "cclvd" })))!;
    const ours = await use((db) => boundary({ db, tenant: cclvd }));
    expect(ours.properties).toMatchObject({ tenant: "cclvd" });
    const theirs = feature(reference.features[0].geometry as GeoJSON.Polygon);
    const overlap = intersect(featureCollection([ours as GeoJSON.Feature<GeoJSON.Polygon>, theirs]));
    // Same shape within 0.1 % of area (different union algorithms, same input polygons).
    expect(Math.abs(area(ours) - area(theirs)) / area(theirs)).toBeLessThan(0.001);
    expect(area(overlap!) / area(theirs)).toBeGreaterThan(0.999);
    const members = await use((db) => listCommunes({ db, tenant: cclvd }));
    const sum = members.reduce((n, m) => n + area(feature(m.boundary!)), 0);
    expect(Math.abs(sum - area(ours)) / sum).toBeLessThan(0.01);
  });

  it("a commune's boundary is its own polygon", async () => {
    const rosoy = (await use((db) => tenantBySlug({ db, slug: "rosoy" })))!;
    const b = await use((db) => boundary({ db, tenant: rosoy }));
    expect(b.geometry.type).toBe("Polygon");
    expect(b.properties).toMatchObject({ communes: ["60547"] });
  });
});
