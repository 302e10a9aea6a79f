/**
 * Trail figures against hand-computed values. Distances: along a meridian, 0.01° of latitude is
 * 0.01 × π/180 × 6371.0088 km (turf's mean Earth radius) = 1.11195 km.
 */
import { describe, expect, it } from "vitest";
import { difficultyOf, elevationChange, trailFigures, type TrailFigures } from "./trails.ts";

const LON = 2.45;
const LAT = 49.3;
const KM_PER_HUNDREDTH_DEGREE = 1.11195;

/** A line going north from (LON, LAT), one point every `step` degrees, with the given altitudes. */
function northward(altitudes: number[], step = 0.001, lat0 = LAT): GeoJSON.LineString {
  return { type: "LineString", coordinates: altitudes.map((a, i) => [LON, lat0 + i * step, a]) };
}

describe("trailFigures", () => {
  it("measures a straight line along a meridian, without altitudes", () => {
    const f = trailFigures({
      type: "LineString",
      coordinates: [
        [LON, LAT],
        [LON, LAT + 0.01],
      ],
    });
    expect(f.lengthKm).toBe(1.11);
    expect(f.ascentM).toBeNull();
    expect(f.descentM).toBeNull();
    expect(f.minAltitudeM).toBeNull();
    expect(f.maxAltitudeM).toBeNull();
    expect(f.profile).toEqual([]);
    // 1.11195 km at 4 km/h = 16.7 min → 15 min.
    expect(f.durationMinutes).toBe(15);
    expect(f.loop).toBe(false);
    expect(f.start).toEqual([LON, LAT]);
    expect(f.end).toEqual([LON, LAT + 0.01]);
  });

  it("estimates the walking time from length and ascent, rounded to 5 min", () => {
    // 11.1195 km → 166.8 min on the flat → 165.
    expect(
      trailFigures({
        type: "LineString",
        coordinates: [
          [LON, LAT, 0],
          [LON, LAT + 0.1, 0],
        ],
      }).durationMinutes,
    ).toBe(165);
    // The same with 300 m of ascent: 166.8 + 60 = 226.8 → 225.
    const climb = trailFigures({
      type: "LineString",
      coordinates: [
        [LON, LAT, 0],
        [LON, LAT + 0.1, 300],
      ],
    });
    expect(climb.ascentM).toBe(300);
    expect(climb.durationMinutes).toBe(225);
  });

  it("ignores GPS noise of ±1 m", () => {
    const f = trailFigures(northward([100, 101, 99, 100, 101, 99, 100, 99, 101, 100]));
    expect(f.ascentM).toBe(0);
    expect(f.descentM).toBe(0);
    expect(f.minAltitudeM).toBe(99);
    expect(f.maxAltitudeM).toBe(101);
  });

  it("counts a climb of 0 → 100 → 50 m as 100 m up and 50 m down", () => {
    const f = trailFigures(northward([0, 100, 50]));
    expect(f.ascentM).toBe(100);
    expect(f.descentM).toBe(50);
    expect(f.minAltitudeM).toBe(0);
    expect(f.maxAltitudeM).toBe(100);
  });

  it("counts a steady climb in 1 m steps in full", () => {
    const up = Array.from({ length: 101 }, (_, i) => i);
    const f = trailFigures(northward([...up, ...up.slice(0, -1).reverse()]));
    expect(f.ascentM).toBe(100);
    expect(f.descentM).toBe(100);
  });

  it("counts real changes of at least 3 m, including on the way back", () => {
    // 10 → 13 (+3), 13 → 10 (−3), 10 → 12 (below the threshold), 12 → 20 (+10 from the 10 m low).
    expect(elevationChange([10, 13, 10, 12, 20])).toEqual({ ascent: 13, descent: 3 });
    expect(elevationChange([10, 12, 10, 12])).toEqual({ ascent: 0, descent: 0 });
    expect(elevationChange([])).toEqual({ ascent: 0, descent: 0 });
  });

  it("sees a loop when the end is within 150 m of the start", () => {
    const out: GeoJSON.Position[] = [
      [LON, LAT],
      [LON + 0.01, LAT],
      [LON + 0.01, LAT + 0.01],
      [LON, LAT + 0.01],
    ];
    // 0.001° of latitude ≈ 111 m from the start: a loop.
    expect(trailFigures({ type: "LineString", coordinates: [...out, [LON, LAT + 0.001]] }).loop).toBe(true);
    // 0.0015° ≈ 167 m: not a loop.
    expect(trailFigures({ type: "LineString", coordinates: [...out, [LON, LAT + 0.0015]] }).loop).toBe(false);
  });

  it("caps the profile at 200 points, evenly spaced, keeping both ends", () => {
    const altitudes = Array.from({ length: 1000 }, (_, i) => i);
    const f = trailFigures(northward(altitudes, 0.0001));
    // 999 steps of 0.0001° = 0.0999° → 11.108 km.
    expect(f.lengthKm).toBe(11.11);
    expect(f.profile).toHaveLength(200);
    expect(f.profile[0]).toEqual([0, 0]);
    expect(f.profile[199]).toEqual([11.11, 999]);
    // Evenly spaced: consecutive distances differ by 11.108 / 199 ≈ 0.056 km (to the 2-decimal rounding and point spacing).
    for (let i = 1; i < 200; i++) expect(f.profile[i][0] - f.profile[i - 1][0]).toBeCloseTo(0.0558, 1);
    // Short profiles are kept whole.
    expect(trailFigures(northward([1, 2, 3])).profile).toHaveLength(3);
  });

  it("sums the parts of a MultiLineString, not the gap between them", () => {
    const f = trailFigures({
      type: "MultiLineString",
      coordinates: [
        [
          [LON, LAT, 0],
          [LON, LAT + 0.01, 100],
        ],
        // 0.05° further north and 200 m higher: that jump is neither walked nor climbed.
        [
          [LON, LAT + 0.06, 300],
          [LON, LAT + 0.07, 350],
        ],
      ],
    });
    expect(f.lengthKm).toBe(2.22);
    expect(f.ascentM).toBe(150);
    expect(f.descentM).toBe(0);
    expect(f.minAltitudeM).toBe(0);
    expect(f.maxAltitudeM).toBe(350);
    expect(f.profile).toEqual([
      [0, 0],
      [1.11, 100],
      [1.11, 300],
      [2.22, 350],
    ]);
    expect(f.start).toEqual([LON, LAT]);
    expect(f.end).toEqual([LON, LAT + 0.07]);
    expect(f.profile[1][0]).toBeCloseTo(KM_PER_HUNDREDTH_DEGREE, 2);
  });

  it("refuses an empty geometry", () => {
    expect(() => trailFigures({ type: "MultiLineString", coordinates: [] })).toThrow(/Tracé vide/);
  });
});

describe("difficultyOf", () => {
  const figures = (durationMinutes: number, ascentM: number | null): TrailFigures => ({
    lengthKm: 0,
    ascentM,
    descentM: ascentM,
    minAltitudeM: null,
    maxAltitudeM: null,
    durationMinutes,
    loop: false,
    start: [0, 0],
    end: [0, 0],
    profile: [],
  });

  it("grades by the harder of duration and ascent", () => {
    expect(difficultyOf(figures(85, 90))).toBe("très facile");
    expect(difficultyOf(figures(90, 0))).toBe("facile");
    expect(difficultyOf(figures(60, 100))).toBe("facile");
    expect(difficultyOf(figures(175, 290))).toBe("facile");
    expect(difficultyOf(figures(180, 0))).toBe("moyenne");
    expect(difficultyOf(figures(60, 450))).toBe("moyenne");
    expect(difficultyOf(figures(300, 0))).toBe("difficile");
    expect(difficultyOf(figures(120, 600))).toBe("difficile");
  });

  it("uses the duration alone without altitudes", () => {
    expect(difficultyOf(figures(60, null))).toBe("très facile");
    expect(difficultyOf(figures(240, null))).toBe("moyenne");
  });

  it("grades a computed trail", () => {
    // 11.1 km with 300 m of ascent: 225 min → moyenne.
    expect(
      difficultyOf(
        trailFigures({
          type: "LineString",
          coordinates: [
            [LON, LAT, 0],
            [LON, LAT + 0.1, 300],
          ],
        }),
      ),
    ).toBe("moyenne");
  });
});
