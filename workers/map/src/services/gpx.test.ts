/**
 * GPX import and export: what goes out comes back (names, coordinates, elevations), names survive
 * XML escaping, and every unusable file is refused with a French message saying where.
 */
import { describe, expect, it } from "vitest";
import { GpxError, parseGpx, toGpx, type GpxExport } from "./gpx.ts";

const TRICKY = `Boucle « Fontaine & Moulin » <nord> "l'abbaye" — Éragny-sur-Epte`;

const sample: GpxExport = {
  name: "Sentiers du Liancourtois",
  description: "Deux sentiers balisés",
  creator: "Communa",
  link: "https://cc-liancourtois.example.fr/sentiers?id=1&format=gpx",
  time: new Date("2026-05-01T08:00:00Z"),
  waypoints: [
    { name: "Église Saint-Martin", lon: 2.4312345, lat: 49.3312345, ele: 52.5, description: "Point de vue" },
    { name: "Lavoir", lon: 2.44, lat: 49.32 },
  ],
  tracks: [
    {
      name: "Boucle du Moulin",
      description: "8 km",
      geometry: {
        type: "LineString",
        coordinates: [
          [2.43, 49.33, 50],
          [2.435, 49.335, 61.25],
          [2.44, 49.34, 48],
        ],
      },
    },
  ],
};

const wrap = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">\n${body}\n</gpx>`;

/** The GpxError thrown by parseGpx, to check its message. */
function refusal(xml: string): GpxError {
  try {
    parseGpx(xml);
  } catch (err) {
    expect(err).toBeInstanceOf(GpxError);
    return err as GpxError;
  }
  throw new Error("parseGpx aurait dû refuser ce fichier");
}

describe("toGpx → parseGpx", () => {
  it("keeps names, descriptions, coordinates and elevations", () => {
    const back = parseGpx(toGpx(sample));
    expect(back.name).toBe("Sentiers du Liancourtois");
    expect(back.description).toBe("Deux sentiers balisés");
    expect(back.geometry).toEqual(sample.tracks[0].geometry);
    expect(back.waypoints).toEqual([
      { name: "Église Saint-Martin", lon: 2.4312345, lat: 49.3312345, ele: 52.5, description: "Point de vue" },
      { name: "Lavoir", lon: 2.44, lat: 49.32 },
    ]);
  });

  it("keeps the parts of a MultiLineString as segments, and several tracks in order", () => {
    const multi: GeoJSON.MultiLineString = {
      type: "MultiLineString",
      coordinates: [
        [
          [2.4, 49.3, 10],
          [2.41, 49.31, 12],
        ],
        [
          [2.42, 49.32],
          [2.43, 49.33],
        ],
      ],
    };
    const xml = toGpx({
      ...sample,
      tracks: [
        { name: "A", geometry: multi },
        {
          name: "B",
          geometry: {
            type: "LineString",
            coordinates: [
              [2.5, 49.4],
              [2.51, 49.41],
            ],
          },
        },
      ],
    });
    expect(xml.match(/<trkseg>/g)).toHaveLength(3);
    expect(parseGpx(xml).geometry).toEqual({
      type: "MultiLineString",
      coordinates: [
        ...multi.coordinates,
        [
          [2.5, 49.4],
          [2.51, 49.41],
        ],
      ],
    });
  });

  it("escapes &, <, quotes and keeps accents", () => {
    const xml = toGpx({
      ...sample,
      name: TRICKY,
      waypoints: [{ name: TRICKY, lon: 2.4, lat: 49.3, description: "a < b & c > d" }],
      tracks: [{ name: TRICKY, geometry: sample.tracks[0].geometry }],
    });
    expect(xml).toContain("Boucle « Fontaine &amp; Moulin » &lt;nord&gt;");
    expect(xml).not.toContain("& Moulin");
    expect(xml).not.toContain("<nord>");
    const back = parseGpx(xml);
    expect(back.name).toBe(TRICKY);
    expect(back.waypoints[0]).toMatchObject({ name: TRICKY, description: "a < b & c > d" });
    // The link's query string is escaped in the attribute too.
    expect(xml).toContain('href="https://cc-liancourtois.example.fr/sentiers?id=1&amp;format=gpx"');
  });

  it("drops characters XML cannot carry instead of writing an unreadable file", () => {
    const back = parseGpx(toGpx({ ...sample, name: "Sentier\u0001 du\u0008 bois" }));
    expect(back.name).toBe("Sentier du bois");
  });

  it("writes the GPX 1.1 root, namespace and element order", () => {
    const xml = toGpx(sample);
    expect(xml).toMatch(/<gpx xmlns="http:\/\/www\.topografix\.com\/GPX\/1\/1" version="1\.1" creator="Communa"/);
    expect(xml.indexOf("<metadata>")).toBeLessThan(xml.indexOf("<wpt"));
    expect(xml.indexOf("<wpt")).toBeLessThan(xml.indexOf("<trk>"));
    const wpt = xml.slice(xml.indexOf("<wpt"), xml.indexOf("</wpt>"));
    expect(wpt.indexOf("<ele>")).toBeLessThan(wpt.indexOf("<name>"));
    expect(wpt.indexOf("<name>")).toBeLessThan(wpt.indexOf("<desc>"));
    expect(xml).toContain("<time>2026-05-01T08:00:00.000Z</time>");
  });

  it("writes plain decimals (xsd:decimal has no exponent)", () => {
    const xml = toGpx({ ...sample, waypoints: [{ name: "Origine", lon: 0.00000001, lat: -0.0000002, ele: 1e-9 }] });
    expect(xml).not.toMatch(/\de-\d/);
    expect(xml).toContain('<wpt lat="-0.0000002" lon="0">');
  });

  it("refuses coordinates out of range", () => {
    expect(() =>
      toGpx({
        ...sample,
        tracks: [
          {
            name: "Hors carte",
            geometry: {
              type: "LineString",
              coordinates: [
                [2.4, 49.3],
                [2.4, 95],
              ],
            },
          },
        ],
      }),
    ).toThrow(/Export GPX impossible : coordonnées hors limites \(2\.4, 95\) dans la trace n° 1 « Hors carte », point 2/);
  });
});

describe("parseGpx", () => {
  it("reads a route when there is no track, with a GPX 1.0 root name", () => {
    const xml = `<gpx version="1.0" creator="x" xmlns="http://www.topografix.com/GPX/1/0"><name>Vieux GPS</name>
      <rte><name>Route</name><rtept lat="49.3" lon="2.4"><ele>80</ele></rtept><rtept lat="49.31" lon="2.41"><ele>90</ele></rtept></rte></gpx>`;
    expect(parseGpx(xml)).toEqual({
      name: "Vieux GPS",
      description: null,
      geometry: {
        type: "LineString",
        coordinates: [
          [2.4, 49.3, 80],
          [2.41, 49.31, 90],
        ],
      },
      waypoints: [],
    });
  });

  it("prefers tracks to routes and takes the track's name without metadata", () => {
    const xml = wrap(`<rte><rtept lat="1" lon="1"/><rtept lat="2" lon="2"/></rte>
      <trk><name>Trace</name><desc>Par le bois</desc><trkseg><trkpt lat="49.3" lon="2.4"/><trkpt lat="49.31" lon="2.41"/></trkseg></trk>`);
    const trail = parseGpx(xml);
    expect(trail.geometry).toEqual({
      type: "LineString",
      coordinates: [
        [2.4, 49.3],
        [2.41, 49.31],
      ],
    });
    expect(trail.name).toBe("Trace");
    expect(trail.description).toBe("Par le bois");
  });

  it("does not take the author's name for the document's name", () => {
    const xml = wrap(`<metadata><author><name>Jeanne</name></author></metadata>
      <trk><name>Trace</name><trkseg><trkpt lat="49.3" lon="2.4"/><trkpt lat="49.31" lon="2.41"/></trkseg></trk>`);
    expect(parseGpx(xml).name).toBe("Trace");
  });

  it("reads a file starting with a byte-order mark", () => {
    const xml = `\uFEFF${toGpx(sample)}`;
    expect(parseGpx(xml).name).toBe("Sentiers du Liancourtois");
  });

  it("refuses what is not XML", () => {
    expect(refusal("ceci n'est pas un fichier GPX").message).toBe("Fichier GPX illisible : il est vide ou ne contient aucun élément XML.");
    expect(refusal("").message).toMatch(/vide/);
  });

  it("refuses malformed XML, giving the line", () => {
    const err = refusal(`<?xml version="1.0"?>\n<gpx version="1.1">\n<trk>\n<name>A &amp B</name>\n</trk>\n</gpx>`);
    expect(err.message).toMatch(/^Fichier GPX illisible : XML mal formé à la ligne 4/);
    // An unclosed element: xmldom points at the element left open.
    expect(refusal(`<gpx>\n<trk>\n</gpx>`).message).toBe(
      `Fichier GPX illisible : XML mal formé à la ligne 2, colonne 6 (Opening and ending tag mismatch: "trk" != "gpx").`,
    );
  });

  it("refuses another XML document", () => {
    expect(refusal(`<kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>`).message).toBe(
      "Ce fichier n’est pas un GPX : l’élément racine est « kml », « gpx » est attendu.",
    );
  });

  it("refuses a file with neither track nor route", () => {
    expect(refusal(wrap(`<wpt lat="49.3" lon="2.4"><name>Seul</name></wpt>`)).message).toBe(
      "Fichier GPX sans tracé : il ne contient ni trace (trk) ni itinéraire (rte).",
    );
  });

  it("refuses a track with fewer than two points, giving its line", () => {
    const err = refusal(wrap(`<trk><name>Courte</name>\n<trkseg><trkpt lat="49.3" lon="2.4"/></trkseg></trk>`));
    expect(err.message).toBe("Fichier GPX invalide : La trace n° 1 « Courte » (ligne 3) compte 1 point ; il en faut au moins deux pour tracer une ligne.");
    expect(refusal(wrap(`<rte/>`)).message).toMatch(/L’itinéraire n° 1 \(ligne 3\) compte 0 point ;/);
  });

  it("refuses coordinates out of range or unreadable, giving the line", () => {
    const track = (pt: string) => wrap(`<trk><trkseg>\n<trkpt lat="49.3" lon="2.4"/>\n${pt}</trkseg></trk>`);
    expect(refusal(track(`<trkpt lat="91" lon="2.4"/>`)).message).toBe(
      "Fichier GPX invalide : point de trace (trkpt) (ligne 5), latitude « 91 » hors limites (entre -90 et 90 degrés attendue).",
    );
    expect(refusal(track(`<trkpt lat="49.3" lon="-180.5"/>`)).message).toMatch(/ligne 5\), longitude « -180\.5 » hors limites/);
    expect(refusal(track(`<trkpt lat="49,3" lon="2.4"/>`)).message).toMatch(/latitude « 49,3 » hors limites/);
    expect(refusal(track(`<trkpt lon="2.4"/>`)).message).toBe("Fichier GPX invalide : point de trace (trkpt) (ligne 5) sans attribut « lat ».");
    expect(refusal(wrap(`<wpt lat="49" lon="200"/><trk><trkseg><trkpt lat="49.3" lon="2.4"/><trkpt lat="49.31" lon="2.41"/></trkseg></trk>`)).message).toMatch(
      /point de repère \(wpt\) \(ligne 3\), longitude « 200 »/,
    );
  });
});
