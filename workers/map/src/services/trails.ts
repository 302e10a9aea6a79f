/**
 * Hiking-trail figures computed from a line's geometry (WGS84, optional altitude as the third
 * coordinate): length, elevation gain and loss, altitude range, a walking-time estimate, whether
 * it is a loop, and an elevation profile small enough to draw on a trail's page.
 */
import length from "@turf/length";
import { feature, lineString } from "@turf/helpers";
import { layerText } from "../messages.fr.ts";

export interface TrailFigures {
  /** Length in km, 2 decimals, measured on the geometry (turf length). */
  lengthKm: number;
  /** Cumulative positive elevation gain in whole metres; null if the geometry has no altitudes. */
  ascentM: number | null;
  /** Cumulative elevation loss in whole metres; null if the geometry has no altitudes. */
  descentM: number | null;
  minAltitudeM: number | null;
  maxAltitudeM: number | null;
  /** Walking estimate: 4 km/h on the flat + 1 h per 300 m of ascent, rounded to 5 min. */
  durationMinutes: number;
  /** Start and end within LOOP_TOLERANCE_KM of each other. */
  loop: boolean;
  /** [lon, lat] of the first point. */
  start: [number, number];
  /** [lon, lat] of the last point. */
  end: [number, number];
  /** [distance from start in km (2 decimals), altitude in m]: at most PROFILE_MAX_POINTS, evenly spaced along the trail; [] without altitudes. */
  profile: Array<[number, number]>;
}

export type Difficulty = "très facile" | "facile" | "moyenne" | "difficile";

/**
 * Altitude changes below this are GPS (or DEM) noise: a recorded track wobbles by a metre or two
 * around the true altitude, and summing every wobble on a flat 10 km walk would announce a
 * hundred metres of climbing that nobody did.
 */
export const ELEVATION_HYSTERESIS_M = 3;
/** A trail whose end is this close to its start is a loop (GPS tracks rarely close exactly). */
export const LOOP_TOLERANCE_KM = 0.15;
/** Enough points for a page-wide chart, few enough to ship with every trail. */
export const PROFILE_MAX_POINTS = 200;
/** Walking pace on the flat (km/h) and climbing rate (m/h): the usual French rando estimate. */
const FLAT_SPEED_KMH = 4;
const CLIMB_RATE_MH = 300;

const round = (n: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
};

/** The parts of a line geometry, in order (a LineString has one). */
function partsOf(geometry: GeoJSON.LineString | GeoJSON.MultiLineString): GeoJSON.Position[][] {
  return geometry.type === "LineString" ? [geometry.coordinates] : geometry.coordinates;
}

/** Distance in km between two positions, with turf's measure (great circle, mean Earth radius). */
function distanceKm(a: GeoJSON.Position, b: GeoJSON.Position): number {
  return length(lineString([a.slice(0, 2), b.slice(0, 2)]));
}

const hasAltitude = (p: GeoJSON.Position) => typeof p[2] === "number" && Number.isFinite(p[2]);

/**
 * Gain and loss along one sequence of altitudes, with a hysteresis (a Schmitt trigger): a change
 * of direction is only believed once the altitude has moved ELEVATION_HYSTERESIS_M away from the
 * last turning point; while the direction holds, every further metre counts. So a steady climb is
 * counted in full (0 → 100 m in 1 m steps gives 100 m, not 99), while ±1 m wobbles give nothing.
 */
export function elevationChange(altitudes: number[]): { ascent: number; descent: number } {
  let ascent = 0;
  let descent = 0;
  if (altitudes.length === 0) return { ascent, descent };
  let ref = altitudes[0];
  let trend: "up" | "down" | null = null;
  for (const a of altitudes.slice(1)) {
    const change = a - ref;
    if (trend === "up" ? change > 0 : change >= ELEVATION_HYSTERESIS_M) {
      ascent += change;
      ref = a;
      trend = "up";
    } else if (trend === "down" ? change < 0 : -change >= ELEVATION_HYSTERESIS_M) {
      descent -= change;
      ref = a;
      trend = "down";
    }
  }
  return { ascent, descent };
}

/**
 * At most `max` points of a profile, spread evenly along the distance: for each of `max` evenly
 * spaced distances, the recorded point nearest to it (never an invented altitude); first and last
 * points always kept.
 */
function sampleProfile(points: Array<[number, number]>, max: number): Array<[number, number]> {
  if (points.length <= max) return points;
  const total = points[points.length - 1][0];
  const chosen: number[] = [];
  let j = 0;
  for (let i = 0; i < max; i++) {
    const target = (total * i) / (max - 1);
    while (j < points.length - 1 && Math.abs(points[j + 1][0] - target) <= Math.abs(points[j][0] - target)) j++;
    if (chosen[chosen.length - 1] !== j) chosen.push(j);
  }
  return chosen.map((k) => points[k]);
}

/** Walking time in minutes, rounded to 5 min (at least 5). */
function walkingMinutes(km: number, ascentM: number): number {
  const minutes = (km / FLAT_SPEED_KMH) * 60 + (ascentM / CLIMB_RATE_MH) * 60;
  return Math.max(5, Math.round(minutes / 5) * 5);
}

/**
 * Every figure of a trail from its geometry. A MultiLineString's parts are summed (the gap between
 * two parts is neither walked nor climbed) and its profile follows the parts in order. Points
 * without an altitude are skipped for the altitude figures.
 */
export function trailFigures(geometry: GeoJSON.LineString | GeoJSON.MultiLineString): TrailFigures {
  const parts = partsOf(geometry).filter((p) => p.length > 0);
  if (parts.length === 0) throw new RangeError(layerText.trailEmpty);
  const lengthKm = length(feature(geometry));

  let ascent = 0;
  let descent = 0;
  let withAltitude = false;
  let walked = 0;
  const fullProfile: Array<[number, number]> = [];
  for (const part of parts) {
    const altitudes: number[] = [];
    part.forEach((p, i) => {
      if (i > 0) walked += distanceKm(part[i - 1], p);
      if (!hasAltitude(p)) return;
      withAltitude = true;
      altitudes.push(p[2]);
      fullProfile.push([walked, p[2]]);
    });
    const change = elevationChange(altitudes);
    ascent += change.ascent;
    descent += change.descent;
  }

  // reduce, not Math.min(...): a long GPS track would overflow the argument list.
  const altitudes = fullProfile.map(([, a]) => a);
  const first = parts[0][0];
  const lastPart = parts[parts.length - 1];
  const last = lastPart[lastPart.length - 1];
  return {
    lengthKm: round(lengthKm, 2),
    ascentM: withAltitude ? Math.round(ascent) : null,
    descentM: withAltitude ? Math.round(descent) : null,
    minAltitudeM: withAltitude ? Math.round(altitudes.reduce((m, a) => Math.min(m, a))) : null,
    maxAltitudeM: withAltitude ? Math.round(altitudes.reduce((m, a) => Math.max(m, a))) : null,
    durationMinutes: walkingMinutes(lengthKm, ascent),
    loop: distanceKm(first, last) <= LOOP_TOLERANCE_KM,
    start: [first[0], first[1]],
    end: [last[0], last[1]],
    profile: sampleProfile(fullProfile, PROFILE_MAX_POINTS).map(([d, a]) => [round(d, 2), round(a, 1)]),
  };
}

/**
 * Difficulty levels, each an upper bound on both walking time and ascent (the harder of the two
 * decides), close to what French trail guides print for family walks up to day hikes:
 * - très facile: under 1 h 30 and under 100 m of ascent;
 * - facile: under 3 h and under 300 m;
 * - moyenne: under 5 h and under 600 m;
 * - difficile: anything longer or steeper.
 * Without altitudes, only the walking time decides.
 */
export const DIFFICULTY_LEVELS: ReadonlyArray<{ level: Difficulty; maxMinutes: number; maxAscentM: number }> = [
  { level: "très facile", maxMinutes: 90, maxAscentM: 100 },
  { level: "facile", maxMinutes: 180, maxAscentM: 300 },
  { level: "moyenne", maxMinutes: 300, maxAscentM: 600 },
];

/** The difficulty shown to walkers, from the trail's duration and ascent (thresholds above). */
export function difficultyOf(f: TrailFigures): Difficulty {
  const ascent = f.ascentM ?? 0;
  const fit = DIFFICULTY_LEVELS.find((l) => f.durationMinutes < l.maxMinutes && ascent < l.maxAscentM);
  return fit ? fit.level : "difficile";
}
