/**
 * The tenant's boundary as a static drawing, computed at build time from the same GeoJSON the
 * interactive map uses: a tenant's home shows it on arrival and loads MapLibre only when the reader
 * asks for the map (issue #13 §6). Projected with d3-geo (a transverse Mercator centred on the
 * territory: true shapes at a commune's scale, anywhere in France and overseas), simplified with
 * turf to about half a pixel of the drawing, coordinates rounded to a tenth of a pixel.
 */
import { geoArea, geoCentroid, geoPath, geoTransverseMercator } from "d3-geo";
import simplify from "@turf/simplify";

export interface OutlineShape {
  insee: string;
  name: string;
  /** SVG path data in the drawing's own units. */
  d: string;
  /** The page's own commune, drawn stronger than its neighbours. */
  focus: boolean;
}

export interface Outline {
  width: number;
  height: number;
  shapes: OutlineShape[];
}

type Area = GeoJSON.Polygon | GeoJSON.MultiPolygon;
type Commune = GeoJSON.Feature<Area, { insee: string; name: string }>;

/**
 * d3-geo reads rings on the sphere and takes a ring wound the other way as "everything but this
 * commune"; GeoJSON files wind either way (RFC 7946 asks counter-clockwise, d3 clockwise).
 */
function windForD3(geometry: Area): Area {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const fixed = polygons.map((rings) => (geoArea({ type: "Polygon", coordinates: rings }) > 2 * Math.PI ? rings.map((r) => [...r].reverse()) : rings));
  return geometry.type === "Polygon" ? { type: "Polygon", coordinates: fixed[0] } : { type: "MultiPolygon", coordinates: fixed };
}

/**
 * The drawing of `data` (each feature a commune with `insee` and `name`), `width` units wide, its
 * height following the territory's shape.
 */
export function outlineOf(data: GeoJSON.FeatureCollection, focus: string | null, { width = 640, margin = 8, digits = 1 } = {}): Outline {
  const features = (data.features as Commune[])
    .filter((f) => f.geometry && (f.geometry.type === "Polygon" || f.geometry.type === "MultiPolygon"))
    .map((f) => ({ ...f, geometry: windForD3(f.geometry) }));
  const all: GeoJSON.FeatureCollection<Area> = { type: "FeatureCollection", features };
  if (!features.length) return { width, height: 0, shapes: [] };
  const [lon, lat] = geoCentroid(all);
  const projection = geoTransverseMercator()
    .rotate([-lon, -lat])
    .fitWidth(width - 2 * margin, all);
  const [[, top], [, bottom]] = geoPath(projection).bounds(all);
  projection.translate([projection.translate()[0] + margin, projection.translate()[1] - top + margin]);
  const height = Math.ceil(bottom - top + 2 * margin);
  // Half a drawing unit, in degrees: finer detail than that is not seen.
  const unitInDegrees = 1 / (projection.scale() * (Math.PI / 180));
  const path = geoPath(projection).digits(digits);
  const shapes = features.map((f) => {
    const simple = simplify(f, { tolerance: unitInDegrees / 2, highQuality: true });
    return { insee: f.properties.insee, name: f.properties.name, d: path(simple) ?? "", focus: f.properties.insee === focus };
  });
  // The page's commune last, so its outline is drawn over its neighbours'.
  shapes.sort((a, b) => Number(a.focus) - Number(b.focus));
  return { width, height, shapes };
}
