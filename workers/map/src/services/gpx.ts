/**
 * GPX in and out. Import: a walker's or agent's GPX file (1.1 or 1.0) becomes one line geometry
 * (its tracks, else its routes) with its waypoints, or a GpxError saying in French what is wrong
 * and where. Export: a GPX 1.1 document that validates against TopoGrafix's XSD, so GPS devices
 * and apps that check it accept it. Only points and lines: polygons have no GPX form, the caller
 * refuses them before calling.
 */
import { DOMParser, type Document as XmlDocument, type Element as XmlElement } from "@xmldom/xmldom";
import { gpx as gpxToGeoJson } from "@tmcw/togeojson";
import { create } from "xmlbuilder2";
import { gpxText } from "../messages.fr.ts";

/** An unusable GPX file; the message (French) says what is wrong and where. */
export class GpxError extends Error {
  override name = "GpxError";
}

export interface GpxWaypoint {
  name: string;
  lon: number;
  lat: number;
  ele?: number;
  description?: string;
}

export interface GpxTrail {
  name: string | null;
  description: string | null;
  /** Tracks (every trk/trkseg, in order) if there are any, else the routes (rte); [lon, lat, ele?]. */
  geometry: GeoJSON.LineString | GeoJSON.MultiLineString;
  waypoints: GpxWaypoint[];
}

export interface GpxExport {
  name: string;
  description?: string;
  creator: string;
  link?: string;
  time?: Date;
  tracks: Array<{ name: string; description?: string; geometry: GeoJSON.LineString | GeoJSON.MultiLineString }>;
  waypoints: GpxWaypoint[];
}

export const GPX_NAMESPACE = "http://www.topografix.com/GPX/1/1";
const XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance";
const GPX_SCHEMA_LOCATION = `${GPX_NAMESPACE} http://www.topografix.com/GPX/1/1/gpx.xsd`;

const POINT_KIND = gpxText.pointKind;

const at = (node: { lineNumber?: number }) => gpxText.atLine(node.lineNumber);

/**
 * The XML document, or a GpxError with the parser's line and column: xmldom reports problems
 * through a callback and keeps going on some of them, so the first error stops it here (its
 * warnings, such as an unquoted attribute, are tolerated like a browser would).
 */
function parseXml(xml: string): XmlDocument {
  const seen: { first?: { message: string; line?: number; column?: number } } = {};
  const parser = new DOMParser({
    onError(level, message, context) {
      if (level === "warning") return;
      const locator = (context as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator;
      seen.first ??= { message, line: locator?.lineNumber, column: locator?.columnNumber };
      throw new Error(message);
    },
  });
  try {
    // A byte-order mark left by a Windows editor is not content: xmldom would refuse it.
    return parser.parseFromString(xml.replace(/^\uFEFF/, ""), "text/xml");
  } catch (err) {
    const p = seen.first ?? { message: (err as Error).message };
    if (p.message === "missing root element") throw new GpxError(gpxText.empty);
    throw new GpxError(gpxText.malformed(p.line, p.column, p.message));
  }
}

const elements = (parent: XmlDocument | XmlElement, tag: string) => Array.from(parent.getElementsByTagName(tag));

/** Direct children only: `metadata/author/name` must not be taken for `metadata/name`. */
function childText(parent: XmlElement | undefined, tag: string): string | null {
  if (!parent) return null;
  for (const child of Array.from(parent.childNodes)) {
    if (child.nodeType === 1 && (child as XmlElement).localName === tag) {
      const text = (child.textContent ?? "").trim();
      return text === "" ? null : text;
    }
  }
  return null;
}

function childElement(parent: XmlElement, tag: string): XmlElement | undefined {
  return Array.from(parent.childNodes).find((c): c is XmlElement => c.nodeType === 1 && (c as XmlElement).localName === tag);
}

/**
 * Every point's lat/lon present, numeric and in WGS84 range: togeojson silently drops a point it
 * cannot read, and a trail missing a point without anyone knowing is worse than a refusal.
 */
function checkCoordinates(doc: XmlDocument) {
  for (const tag of Object.keys(POINT_KIND)) {
    for (const pt of elements(doc, tag)) {
      for (const [attr, label, limit] of [
        ["lat", "latitude", 90],
        ["lon", "longitude", 180],
      ] as const) {
        const raw = pt.getAttribute(attr);
        const value = raw === null || raw.trim() === "" ? NaN : Number(raw);
        if (raw === null) throw new GpxError(gpxText.missingAttribute(POINT_KIND[tag], at(pt), attr));
        if (!Number.isFinite(value) || Math.abs(value) > limit) {
          throw new GpxError(gpxText.outOfRange(POINT_KIND[tag], at(pt), label, raw, limit));
        }
      }
    }
  }
}

/** Each track, or each route if there is no track, has at least two points: a line needs two. */
function checkLines(doc: XmlDocument): "trk" | "rte" {
  const tracks = elements(doc, "trk");
  const kind = tracks.length ? "trk" : "rte";
  const lines = tracks.length ? tracks : elements(doc, "rte");
  if (!lines.length) throw new GpxError(gpxText.noLines);
  lines.forEach((line, i) => {
    const count = elements(line, kind === "trk" ? "trkpt" : "rtept").length;
    if (count < 2) {
      const name = childText(line, "name");
      throw new GpxError(gpxText.tooFewPoints(kind, i + 1, name, at(line), count));
    }
  });
  return kind;
}

/**
 * A GPX document read into a trail: tracks first (all their segments, in order), a route if there
 * is no track. Name and description come from the metadata (GPX 1.1) or the root (GPX 1.0), else
 * from the first line. A track segment of fewer than two points inside an otherwise valid track
 * is left out (it draws nothing).
 */
export function parseGpx(xml: string): GpxTrail {
  const doc = parseXml(xml);
  const root = doc.documentElement;
  if (root?.localName !== "gpx") {
    throw new GpxError(gpxText.notGpx(root?.nodeName ?? "?"));
  }
  checkCoordinates(doc);
  const kind = checkLines(doc);

  const features = gpxToGeoJson(doc).features;
  const lines = features.filter((f) => (f.properties as { _gpxType?: string } | null)?._gpxType === kind);
  const parts = lines.flatMap((f) => {
    const g = f.geometry as GeoJSON.LineString | GeoJSON.MultiLineString;
    return g.type === "LineString" ? [g.coordinates] : g.coordinates;
  });
  const first = (lines[0]?.properties ?? {}) as { name?: string; desc?: string };
  const metadata = childElement(root, "metadata") ?? root;

  return {
    name: childText(metadata, "name") ?? (first.name?.trim() || null),
    description: childText(metadata, "desc") ?? (first.desc?.trim() || null),
    geometry: parts.length === 1 ? { type: "LineString", coordinates: parts[0] } : { type: "MultiLineString", coordinates: parts },
    waypoints: features
      .filter((f): f is GeoJSON.Feature<GeoJSON.Point> => f.geometry?.type === "Point")
      .map((f) => {
        const [lon, lat, ele] = f.geometry.coordinates;
        const p = (f.properties ?? {}) as { name?: string; desc?: string };
        return {
          name: p.name?.trim() ?? "",
          lon,
          lat,
          ...(ele !== undefined ? { ele } : {}),
          ...(p.desc?.trim() ? { description: p.desc.trim() } : {}),
        };
      }),
  };
}

/** Characters XML 1.0 cannot carry at all (control characters a copy-paste may bring). */
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const text = (s: string) => s.replace(NOT_XML_CHAR, "");

/**
 * A number as xsd:decimal, which has no exponent form (String(1e-7) is "1e-7"): fixed decimals,
 * trailing zeros dropped. 7 decimals of a degree is about 1 cm.
 */
function decimal(n: number, digits: number): string {
  const s = n.toFixed(digits);
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/** lat/lon attributes, checked against the ranges the XSD allows (longitude 180 is written -180). */
function position(p: GeoJSON.Position, where: string): { lat: string; lon: string; ele?: string } {
  const [lon, lat, ele] = p;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw new GpxError(gpxText.exportOutOfRange(lon, lat, where));
  }
  return {
    lat: decimal(lat, 7),
    lon: decimal(lon === 180 ? -180 : lon, 7),
    ...(typeof ele === "number" && Number.isFinite(ele) ? { ele: decimal(ele, 2) } : {}),
  };
}

/**
 * A GPX 1.1 document. The XSD fixes the order of elements: metadata, wpt*, rte*, trk*; inside
 * metadata name, desc, link, time; inside wpt ele before name before desc; inside trk name, desc,
 * then trkseg. Each part of a MultiLineString becomes a trkseg of the same track.
 */
export function toGpx(input: GpxExport): string {
  const gpx = create({ version: "1.0", encoding: "UTF-8" }).ele(GPX_NAMESPACE, "gpx", {
    version: "1.1",
    creator: text(input.creator),
  });
  gpx.att(XSI_NAMESPACE, "xsi:schemaLocation", GPX_SCHEMA_LOCATION);

  const metadata = gpx.ele("metadata");
  metadata.ele("name").txt(text(input.name));
  if (input.description) metadata.ele("desc").txt(text(input.description));
  if (input.link) metadata.ele("link", { href: input.link }).ele("text").txt(text(input.name));
  if (input.time) metadata.ele("time").txt(input.time.toISOString());

  input.waypoints.forEach((w, i) => {
    const { ele, ...latLon } = position([w.lon, w.lat, ...(w.ele !== undefined ? [w.ele] : [])], gpxText.atWaypoint(i + 1, w.name));
    const wpt = gpx.ele("wpt", latLon);
    if (ele !== undefined) wpt.ele("ele").txt(ele);
    if (w.name) wpt.ele("name").txt(text(w.name));
    if (w.description) wpt.ele("desc").txt(text(w.description));
  });

  input.tracks.forEach((t, i) => {
    const trk = gpx.ele("trk");
    if (t.name) trk.ele("name").txt(text(t.name));
    if (t.description) trk.ele("desc").txt(text(t.description));
    const parts = t.geometry.type === "LineString" ? [t.geometry.coordinates] : t.geometry.coordinates;
    for (const part of parts) {
      const seg = trk.ele("trkseg");
      part.forEach((p, k) => {
        const { ele, ...latLon } = position(p, gpxText.atTrackPoint(i + 1, t.name, k + 1));
        const pt = seg.ele("trkpt", latLon);
        if (ele !== undefined) pt.ele("ele").txt(ele);
      });
    }
  });

  return gpx.end({ prettyPrint: true });
}
