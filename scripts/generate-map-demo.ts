/**
 * `npm run map:demo`: writes db/seed/data/map-demo.json, the demonstration layers of the territory
 * map (the roadmap's layers), with features placed inside the real commune boundaries. Positions,
 * names of private businesses and trail shapes are made up (deterministic: the same file each run);
 * the two economic zones come from open data (Géo2France). Each feature goes through the map
 * Worker's own checks (`prepareFeature`), so the seed holds exactly what the API would store.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import type { LayerField, LayerStyle } from "@communa/db";
import { prepareFeature, type FeatureInput } from "../workers/map/src/services/features.ts";
import type { LayerRow } from "../workers/map/src/services/layers.ts";
import { territoryOf, type CommuneShape } from "../workers/map/src/services/geometry.ts";
import { root } from "./lib/processes.ts";

type Poly = GeoJSON.Polygon;
const communesFile = JSON.parse(readFileSync(path.join(root, "db/seed/data/communes.geojson"), "utf8")) as GeoJSON.FeatureCollection<
  Poly,
  { code: string; nom: string; role: string; epci_siren: string }
>;
const zae = JSON.parse(readFileSync(path.join(root, "db/seed/data/zae-poles-picardie-2014-cclvd.geojson"), "utf8")) as GeoJSON.FeatureCollection<
  GeoJSON.Point,
  { Pole_nom: string; code_insee_commune: string }
>;

const shapes: CommuneShape[] = communesFile.features.map((f) => {
  const xs = f.geometry.coordinates[0].map((p) => p[0]);
  const ys = f.geometry.coordinates[0].map((p) => p[1]);
  return {
    insee: f.properties.code,
    name: f.properties.nom,
    epciSiren: f.properties.epci_siren,
    boundary: f.geometry,
    bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
  };
});
/** The demo's features are the CCLVD's: checked inside its territory, as the API would. */
const cclvd = territoryOf({ kind: "epci", siren: "246000129", insee: null }, shapes);
const byName = new Map(shapes.map((s) => [s.name, s]));
const members = communesFile.features.filter((f) => f.properties.role === "membre").map((f) => byName.get(f.properties.nom)!);

/** mulberry32: a small deterministic generator, so the file is the same at every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(60360);
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** A point inside the commune, near its centre (`spread` 0..1 of the bbox half-size). */
function pointIn(c: CommuneShape, spread = 0.6): [number, number] {
  const [w, s, e, n] = c.bbox;
  const cx = (w + e) / 2,
    cy = (s + n) / 2;
  for (let i = 0; i < 500; i++) {
    const x = cx + (rand() - 0.5) * (e - w) * spread;
    const y = cy + (rand() - 0.5) * (n - s) * spread;
    if (booleanPointInPolygon([x, y], c.boundary)) return [round(x), round(y)];
  }
  for (let i = 0; i < 5000; i++) {
    const x = w + rand() * (e - w),
      y = s + rand() * (n - s);
    if (booleanPointInPolygon([x, y], c.boundary)) return [round(x), round(y)];
  }
  throw new Error(`aucun point trouvé dans ${c.name}`);
}

/** A street-like polyline inside the commune: a short walk with gentle turns. */
function streetIn(c: CommuneShape, steps = 6): [number, number][] {
  const pts: [number, number][] = [pointIn(c, 0.5)];
  let heading = rand() * Math.PI * 2;
  while (pts.length < steps) {
    heading += (rand() - 0.5) * 0.9;
    const [x, y] = pts[pts.length - 1];
    const next: [number, number] = [round(x + Math.cos(heading) * 0.0018), round(y + Math.sin(heading) * 0.0012)];
    if (booleanPointInPolygon(next, c.boundary)) pts.push(next);
    else heading += Math.PI / 2;
  }
  return pts;
}

/** A walking loop around a point, with altitudes between the valley floor and the plateau. */
function loopAround([cx, cy]: [number, number], radiusKm: number, points = 48, phase = 0): [number, number, number][] {
  const coords: [number, number, number][] = [];
  const dLat = radiusKm / 111.2,
    dLon = radiusKm / (111.2 * Math.cos((cy * Math.PI) / 180));
  for (let i = 0; i <= points; i++) {
    const a = (i / points) * Math.PI * 2;
    const wobble = 1 + 0.18 * Math.sin(3 * a + phase) + 0.07 * Math.sin(7 * a);
    const alt = 95 + 45 * Math.sin(a + phase) + 6 * Math.sin(5 * a);
    coords.push([round(cx + Math.cos(a) * dLon * wobble), round(cy + Math.sin(a) * dLat * wobble), Math.round(alt * 10) / 10]);
  }
  coords[coords.length - 1] = coords[0];
  // Shifted so the walk starts (and ends) at the chosen point, inside the commune.
  const [dx, dy] = [cx - coords[0][0], cy - coords[0][1]];
  return coords.map(([x, y, z]) => [round(x + dx), round(y + dy), z]);
}

interface DemoLayer {
  slug: string;
  name: string;
  description: string;
  category: string;
  kind?: "features" | "trails";
  style: LayerStyle;
  visibility?: "public" | "agents";
  fields: LayerField[];
  licence?: string;
  features: FeatureInput[];
}

const DEMO = "Positions et noms de démonstration (données fictives), placés dans les vraies limites communales.";
const hours = (s: string) => s;
const layers: DemoLayer[] = [];

layers.push({
  slug: "points-apport-volontaire",
  name: "Points d’apport volontaire",
  description: `Conteneurs pour le verre, le papier et les textiles. ${DEMO}`,
  category: "Déchets",
  style: { color: "#18753c", icon: "recycling" },
  fields: [
    { key: "flux", label: "Flux", type: "enum", options: ["verre", "papier", "textiles"], required: true },
    { key: "accessible", label: "Accessible en fauteuil", type: "boolean" },
  ],
  features: members.flatMap((c) =>
    (["verre", "papier", "textiles"] as const).flatMap((flux) =>
      Array.from({ length: flux === "textiles" ? 1 : Math.max(1, Math.round((c === byName.get("Liancourt") ? 4 : 2) * (0.7 + rand() * 0.6))) }, (_, i) => ({
        name: `${flux === "verre" ? "Verre" : flux === "papier" ? "Papier" : "Textiles"} — ${c.name}${i ? ` ${i + 1}` : ""}`,
        geometry: { type: "Point", coordinates: pointIn(c) },
        properties: { flux, accessible: rand() > 0.3 },
      })),
    ),
  ),
});

const DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"];
/**
 * The streets each sector (A, B) of a commune's rounds serves, for "quand passe la collecte chez
 * moi ?" on the tenant homes (no address geocoder offline: the rounds carry their streets). Made-up
 * lists of plausible names, like the rounds themselves; not read from rand() (the other layers stay
 * the same file).
 */
const ROUND_STREETS: Record<string, [string[], string[]]> = {
  Bailleval: [
    ["Rue de la Mairie", "Rue du Moulin", "Rue des Écoles", "Impasse des Tilleuls"],
    ["Rue de Liancourt", "Chemin de la Croix Blanche", "Rue des Vignes", "Rue du Four"],
  ],
  Cauffry: [
    ["Rue Jean Jaurès", "Rue de la Gare", "Rue Pasteur", "Allée des Peupliers"],
    ["Rue de Laigneville", "Rue Victor Hugo", "Rue des Prés", "Impasse du Lavoir", "Rue de la Brèche"],
  ],
  Labruyère: [
    ["Rue Principale", "Rue de l’Église", "Chemin des Marais"],
    ["Rue de Rosoy", "Rue des Bruyères", "Impasse du Bois"],
  ],
  Laigneville: [
    ["Rue de la République", "Rue Anatole France", "Avenue de la Gare", "Rue des Roses", "Rue du Château d’Eau"],
    ["Rue de Sailleville", "Rue Émile Zola", "Rue des Jardins", "Allée des Acacias"],
  ],
  Liancourt: [
    ["Rue de la Roche-Guyon", "Rue Victor Hugo", "Avenue Albert Ier", "Rue Louis Blanc", "Place de la Rochefoucauld"],
    ["Rue du Général de Gaulle", "Rue Pasteur", "Rue des Tissages", "Avenue de Verdun", "Rue de Mogneville", "Impasse des Lilas"],
  ],
  Mogneville: [
    ["Rue de Liancourt", "Rue du Marais", "Rue de l’Église", "Impasse des Saules"],
    ["Rue de Cauffry", "Rue des Sources", "Chemin du Moulin"],
  ],
  "Monchy-Saint-Éloi": [
    ["Rue Jean Moulin", "Rue de la Gare", "Rue des Écoles", "Allée des Charmes"],
    ["Rue Saint-Éloi", "Rue de Laigneville", "Rue du Stade", "Impasse des Prés"],
  ],
  Rantigny: [
    ["Rue Aristide Briand", "Rue de la Libération", "Avenue de la Gare", "Rue du Bois"],
    ["Rue de Liancourt", "Rue des Cerisiers", "Rue Jules Ferry", "Impasse des Rosiers"],
  ],
  Rosoy: [
    ["Grande Rue", "Rue de Verderonne", "Chemin des Carrières"],
    ["Rue de Labruyère", "Rue du Puits", "Impasse de la Ferme"],
  ],
  Verderonne: [
    ["Rue du Château", "Rue de Liancourt", "Rue des Ormes"],
    ["Rue de Rosoy", "Chemin de la Montagne", "Rue du Calvaire", "Impasse du Pressoir"],
  ],
};
layers.push({
  slug: "tournees-collecte",
  name: "Tournées de collecte",
  description: `Rues collectées, jour et type de camion (classique ou à bras latéral). ${DEMO}`,
  category: "Déchets",
  style: { color: "#716043", icon: "truck" },
  fields: [
    { key: "jour", label: "Jour de collecte", type: "enum", options: DAYS, required: true },
    { key: "flux", label: "Flux", type: "enum", options: ["ordures ménagères", "emballages", "biodéchets"], required: true },
    { key: "camion", label: "Collecte", type: "enum", options: ["classique", "bras latéral"], required: true },
    { key: "rues", label: "Rues desservies (une par ligne)", type: "text" },
  ],
  features: members.flatMap((c, i) =>
    (["ordures ménagères", "emballages"] as const).flatMap((flux, j) =>
      Array.from({ length: 2 }, (_, k) => ({
        name: `Tournée ${c.name} ${String.fromCharCode(65 + k)} — ${flux}`,
        geometry: { type: "LineString", coordinates: streetIn(c, 7) },
        properties: {
          jour: DAYS[(i + j * 2 + k) % 5],
          flux,
          camion: rand() > 0.5 ? "bras latéral" : "classique",
          // Sector A or B: both streams of a sector serve the same streets.
          rues: ROUND_STREETS[c.name][k].join("\n"),
        },
      })),
    ),
  ),
});

const contactFields: LayerField[] = [
  { key: "horaires", label: "Horaires", type: "opening_hours" },
  { key: "telephone", label: "Téléphone", type: "phone" },
  { key: "site", label: "Site web", type: "url" },
];
const phone = () => `03 44 ${String(10 + Math.floor(rand() * 89))} ${String(10 + Math.floor(rand() * 89))} ${String(10 + Math.floor(rand() * 89))}`;

layers.push({
  slug: "equipements",
  name: "Équipements publics",
  description: `Mairies, équipements sportifs et de loisirs. ${DEMO}`,
  category: "Équipements",
  style: { color: "#000091", icon: "town-hall" },
  fields: [{ key: "type", label: "Type", type: "enum", options: ["mairie", "piscine", "parc", "gymnase", "médiathèque"], required: true }, ...contactFields],
  features: [
    ...members.map((c) => ({
      name: `Mairie de ${c.name}`,
      address: `Place de la Mairie, ${c.name}`,
      geometry: { type: "Point", coordinates: pointIn(c, 0.25) },
      properties: { type: "mairie", horaires: hours("Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off"), telephone: phone() },
    })),
    {
      name: "Piscine intercommunale de Liancourt",
      address: "Liancourt",
      geometry: { type: "Point", coordinates: pointIn(byName.get("Liancourt")!, 0.4) },
      properties: {
        type: "piscine",
        horaires: hours("Tu,Th 12:00-13:30,17:00-20:00; We 14:00-18:00; Sa 10:00-12:00,14:00-18:00; Su 09:00-12:30; PH off"),
        telephone: phone(),
      },
    },
    {
      name: "Parc Chédeville",
      address: "Mogneville",
      geometry: { type: "Point", coordinates: pointIn(byName.get("Mogneville")!, 0.4) },
      properties: { type: "parc", horaires: hours("Apr-Sep: 08:00-20:00; Oct-Mar: 08:30-17:30") },
    },
    {
      name: "Médiathèque intercommunale",
      address: "Liancourt",
      geometry: { type: "Point", coordinates: pointIn(byName.get("Liancourt")!, 0.4) },
      properties: { type: "médiathèque", horaires: hours("Tu,Fr 14:00-18:00; We,Sa 10:00-12:30,14:00-18:00"), telephone: phone() },
    },
    {
      name: "Gymnase de Laigneville",
      address: "Laigneville",
      geometry: { type: "Point", coordinates: pointIn(byName.get("Laigneville")!, 0.4) },
      properties: { type: "gymnase" },
    },
  ],
});

layers.push({
  slug: "gares",
  name: "Gares",
  description: "Les deux gares du territoire (positions approximatives de démonstration).",
  category: "Mobilité",
  style: { color: "#6a6af4", icon: "train" },
  fields: [{ key: "lignes", label: "Lignes", type: "text" }],
  features: [
    {
      name: "Gare de Liancourt-Rantigny",
      address: "Rantigny",
      geometry: { type: "Point", coordinates: pointIn(byName.get("Rantigny")!, 0.3) },
      properties: { lignes: "TER Hauts-de-France Creil – Amiens" },
    },
    {
      name: "Gare de Laigneville",
      address: "Laigneville",
      geometry: { type: "Point", coordinates: pointIn(byName.get("Laigneville")!, 0.3) },
      properties: { lignes: "TER Hauts-de-France Creil – Amiens" },
    },
  ],
});

layers.push({
  slug: "parkings",
  name: "Parkings",
  description: `Parkings publics, places et places réservées. ${DEMO}`,
  category: "Mobilité",
  style: { color: "#3a55d1", icon: "parking" },
  fields: [
    { key: "places", label: "Places", type: "number", unit: "places" },
    { key: "places_pmr", label: "Places réservées PMR", type: "number", unit: "places" },
    { key: "gratuit", label: "Gratuit", type: "boolean" },
  ],
  features: members.flatMap((c) =>
    Array.from({ length: c.name === "Liancourt" ? 3 : 1 }, (_, i) => ({
      name: `Parking ${["de la Mairie", "de la Gare", "du Marché"][i]} — ${c.name}`,
      geometry: { type: "Point", coordinates: pointIn(c, 0.4) },
      properties: { places: 20 + Math.floor(rand() * 120), places_pmr: 1 + Math.floor(rand() * 4), gratuit: true },
    })),
  ),
});

layers.push({
  slug: "voies-vertes",
  name: "Voies vertes",
  description: `Itinéraires cyclables et piétons en site propre. ${DEMO}`,
  category: "Mobilité",
  style: { color: "#009081", icon: "bicycle" },
  fields: [{ key: "revetement", label: "Revêtement", type: "enum", options: ["enrobé", "stabilisé", "terre"] }],
  features: [
    {
      name: "Voie verte de la vallée de la Brèche",
      geometry: {
        type: "LineString",
        coordinates: [
          pointIn(byName.get("Breuil-le-Vert")!, 0.3),
          pointIn(byName.get("Rantigny")!, 0.3),
          pointIn(byName.get("Cauffry")!, 0.3),
          pointIn(byName.get("Laigneville")!, 0.3),
        ],
      },
      properties: { revetement: "enrobé" },
    },
    {
      name: "Liaison douce Liancourt – Mogneville",
      geometry: { type: "LineString", coordinates: [pointIn(byName.get("Liancourt")!, 0.3), pointIn(byName.get("Mogneville")!, 0.3)] },
      properties: { revetement: "stabilisé" },
    },
  ],
});

layers.push({
  slug: "assistants-maternels",
  name: "Assistants maternels",
  description:
    "Nombre d’assistants maternels agréés par commune (aucune donnée personnelle : le relais petite enfance donne les contacts). Chiffres de démonstration.",
  category: "Petite enfance",
  style: { color: "#e18b76", icon: "child" },
  fields: [{ key: "nombre", label: "Assistants maternels agréés", type: "number", required: true }],
  features: members.map((c) => ({
    name: `Assistants maternels — ${c.name}`,
    geometry: { type: "Point", coordinates: pointIn(c, 0.2) },
    properties: { nombre: 3 + Math.floor(rand() * (c.name === "Liancourt" ? 30 : 12)) },
  })),
});

layers.push({
  slug: "creches",
  name: "Crèches et accueil de loisirs",
  description: `Multi-accueil, relais petite enfance, accueil de loisirs. ${DEMO}`,
  category: "Petite enfance",
  style: { color: "#ce614a", icon: "child" },
  fields: [{ key: "places", label: "Places", type: "number", unit: "places" }, ...contactFields],
  features: ["Liancourt", "Laigneville", "Cauffry", "Monchy-Saint-Éloi"].map((n) => ({
    name: `Multi-accueil de ${n}`,
    geometry: { type: "Point", coordinates: pointIn(byName.get(n)!, 0.4) },
    properties: { places: 12 + Math.floor(rand() * 30), horaires: hours("Mo-Fr 07:30-18:30; PH off"), telephone: phone() },
  })),
});

layers.push({
  slug: "accueil-social",
  name: "Points d’accueil social",
  description: `France Services, CCAS et permanences sociales. ${DEMO}`,
  category: "Solidarités",
  style: { color: "#a558a0", icon: "help" },
  fields: contactFields,
  features: [
    {
      name: "France Services du Liancourtois",
      address: "Liancourt",
      geometry: { type: "Point", coordinates: pointIn(byName.get("Liancourt")!, 0.3) },
      properties: { horaires: hours("Mo-Fr 08:30-12:00,13:30-17:00; PH off"), telephone: phone() },
    },
    ...["Laigneville", "Cauffry", "Rantigny"].map((n) => ({
      name: `CCAS de ${n}`,
      geometry: { type: "Point", coordinates: pointIn(byName.get(n)!, 0.3) },
      properties: { horaires: hours("Mo,Th 09:00-12:00"), telephone: phone() },
    })),
  ],
});

const PRODUCTS = ["légumes de saison", "œufs et volailles", "miel", "fromages de chèvre", "pommes et jus", "viande bovine"];
layers.push({
  slug: "producteurs-locaux",
  name: "Producteurs locaux",
  description: `Vente directe à la ferme, sur les marchés, en AMAP. ${DEMO}`,
  category: "Économie",
  style: { color: "#68a532", icon: "farm" },
  fields: [
    { key: "produits", label: "Produits", type: "text" },
    { key: "horaires", label: "Vente à la ferme", type: "opening_hours" },
    { key: "telephone", label: "Téléphone", type: "phone" },
  ],
  features: PRODUCTS.map((p, i) => {
    const c = members[(i * 3 + 1) % members.length];
    return {
      name: `Ferme ${["du Moulin", "des Tilleuls", "de la Brèche", "du Plateau", "Sainte-Anne", "des Vergers"][i]}`,
      address: c.name,
      geometry: { type: "Point", coordinates: pointIn(c, 0.9) },
      properties: { produits: p, horaires: hours(i % 2 ? "Fr 16:00-19:00; Sa 09:00-12:00" : "We,Sa 09:00-12:00"), telephone: phone() },
    };
  }),
});

layers.push({
  slug: "artisans-rge",
  name: "Artisans RGE",
  description: `Artisans « Reconnu garant de l’environnement » pour la rénovation énergétique. ${DEMO}`,
  category: "Économie",
  style: { color: "#b34000", icon: "tools" },
  fields: [
    { key: "metier", label: "Métier", type: "enum", options: ["isolation", "chauffage", "menuiseries", "électricité", "photovoltaïque"], required: true },
    { key: "telephone", label: "Téléphone", type: "phone" },
  ],
  features: ["isolation", "chauffage", "menuiseries", "électricité", "photovoltaïque", "isolation", "chauffage"].map((m, i) => {
    const c = members[(i * 4 + 2) % members.length];
    return {
      name: `${["Isol", "Therm", "Menuiserie", "Élec", "Solaire", "Rénov", "Chauff"][i]} ${["Oise", "Picardie", "Brèche", "Liancourtois", "Service", "Habitat", "Confort"][i]}`,
      address: c.name,
      geometry: { type: "Point", coordinates: pointIn(c, 0.5) },
      properties: { metier: m, telephone: phone() },
    };
  }),
});

layers.push({
  slug: "zones-activite",
  name: "Zones d’activité",
  description: "Pôles d’activité économique (inventaire Géo2France SIMI 2014).",
  category: "Économie",
  style: { color: "#7d4e5b", icon: "factory" },
  licence: "Géo2France (SIMI 2014) — réutilisation libre",
  fields: [{ key: "identifiant", label: "Identifiant du pôle", type: "text" }],
  features: zae.features.map((f) => ({
    name: f.properties.Pole_nom.replace("coix", "Croix").replace(/^Parc d'activité/, "Parc d’activité"),
    geometry: f.geometry,
    properties: { identifiant: (f.properties as unknown as { idpole: string }).idpole },
  })),
});

layers.push({
  slug: "tourisme",
  name: "Sites touristiques",
  description: `Patrimoine, nature et loisirs. ${DEMO}`,
  category: "Tourisme",
  style: { color: "#c3992a", icon: "landmark" },
  fields: [
    { key: "description", label: "Description", type: "text" },
    { key: "site", label: "Site web", type: "url" },
  ],
  features: [
    {
      name: "Parc du château de Liancourt",
      geometry: { type: "Point", coordinates: pointIn(byName.get("Liancourt")!, 0.3) },
      properties: { description: "Vestiges du parc du château des ducs de La Rochefoucauld-Liancourt." },
    },
    {
      name: "Église Saint-Martin de Verderonne",
      geometry: { type: "Point", coordinates: pointIn(byName.get("Verderonne")!, 0.3) },
      properties: { description: "Église rurale et château voisin." },
    },
    {
      name: "Marais de Sacy (belvédère)",
      geometry: { type: "Point", coordinates: pointIn(byName.get("Labruyère")!, 0.6) },
      properties: { description: "Point de vue sur la zone humide, accès par le sentier." },
    },
  ],
});

const TRAILS: Array<{ commune: string; name: string; km: number; practice: "pédestre" | "VTT" }> = [
  { commune: "Bailleval", name: "Boucle des Coteaux de Bailleval", km: 1.1, practice: "pédestre" },
  { commune: "Labruyère", name: "Sentier du Marais de Labruyère", km: 0.8, practice: "pédestre" },
  { commune: "Rantigny", name: "Boucle de la Brèche à Rantigny", km: 0.9, practice: "pédestre" },
  { commune: "Rosoy", name: "Circuit des Bois de Rosoy", km: 1.3, practice: "VTT" },
  { commune: "Verderonne", name: "Promenade du Château de Verderonne", km: 0.7, practice: "pédestre" },
  { commune: "Catenoy", name: "Boucle du Camp de César (Catenoy)", km: 1.0, practice: "pédestre" },
  { commune: "Breuil-le-Sec", name: "Sentier des Prés de Breuil-le-Sec", km: 0.8, practice: "pédestre" },
  { commune: "Breuil-le-Vert", name: "Boucle des Sources de Breuil-le-Vert", km: 0.9, practice: "pédestre" },
  { commune: "Nointel", name: "Chemin des Crêtes de Nointel", km: 1.2, practice: "pédestre" },
];

layers.push({
  slug: "sentiers",
  name: "Sentiers de randonnée",
  description: `Boucles balisées du Liancourtois et des communes voisines. Tracés de démonstration.`,
  category: "Tourisme",
  kind: "trails",
  style: { color: "#e4794a", icon: "hiking" },
  fields: [{ key: "balisage", label: "Balisage", type: "enum", options: ["jaune", "vert", "bleu", "rouge et blanc"] }],
  features: TRAILS.map((tr, i) => {
    const c = byName.get(tr.commune)!;
    const centre = pointIn(c, 0.3);
    return {
      name: tr.name,
      geometry: { type: "LineString", coordinates: loopAround(centre, tr.km, 60, i) },
      properties: { balisage: ["jaune", "vert", "bleu"][i % 3] },
      trail: {
        description: `Une boucle au départ du centre de ${tr.commune}, entre vallée et plateau.`,
        practice: tr.practice,
        startName: `Place de la Mairie, ${tr.commune}`,
        endName: `Place de la Mairie, ${tr.commune}`,
        instructions: "Suivre le balisage. Tenir les chiens en laisse dans les prairies pâturées. Ne pas quitter les chemins dans les zones humides.",
        pointsOfInterest: [{ name: `Point de vue sur ${tr.commune}`, description: "Panorama sur la vallée." }],
        sensitiveAreas:
          i % 3 === 1 ? [{ name: "Prairie humide à orchidées", instructions: "Rester sur le chemin de mars à juillet (floraison et nidification)." }] : [],
      },
    };
  }),
});

layers.push({
  slug: "biodiversite",
  name: "Biodiversité et espaces protégés",
  description: `Zones naturelles sensibles et consignes de fréquentation (l’atlas de la biodiversité locale est lié depuis la configuration). ${DEMO}`,
  category: "Nature",
  style: { color: "#447049", icon: "leaf" },
  fields: [
    { key: "consignes", label: "Consignes", type: "text", required: true },
    { key: "atlas", label: "Atlas de la biodiversité", type: "url" },
  ],
  features: ["Labruyère", "Rosoy", "Verderonne"].map((n) => {
    const [x, y] = pointIn(byName.get(n)!, 0.3);
    const d = 0.004;
    return {
      name: `Zone humide de ${n}`,
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [x - d, y - d / 1.5],
            [x + d, y - d / 1.5],
            [x + d, y + d / 1.5],
            [x - d, y + d / 1.5],
            [x - d, y - d / 1.5],
          ].map(([a, b]) => [round(a), round(b)]),
        ],
      },
      properties: { consignes: "Rester sur les chemins ; chiens tenus en laisse ; pas de cueillette.", atlas: "https://openobs.mnhn.fr/" },
    };
  }),
});

layers.push({
  slug: "interventions-voirie",
  name: "Interventions en cours (agents)",
  description: `Chantiers et interventions techniques, réservé aux agents. ${DEMO}`,
  category: "Services techniques",
  visibility: "agents",
  style: { color: "#ce0500", icon: "warning" },
  fields: [{ key: "service", label: "Service", type: "text" }],
  features: members.slice(0, 3).map((c) => ({
    name: `Intervention réseau — ${c.name}`,
    geometry: { type: "Point", coordinates: pointIn(c) },
    properties: { service: "Eau et assainissement" },
  })),
});

// Each feature through the map Worker's own checks.
const out = layers.map((l) => {
  const row = {
    id: "00000000-0000-0000-0000-000000000000",
    tenantId: "",
    slug: l.slug,
    name: l.name,
    description: l.description,
    category: l.category,
    kind: l.kind ?? "features",
    style: l.style,
    visibility: l.visibility ?? "public",
    fields: l.fields,
    licence: l.licence ?? "Licence Ouverte 2.0",
    sourceInsee: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  } as unknown as LayerRow;
  return {
    tenant: "cclvd",
    ...Object.fromEntries(Object.entries(row).filter(([k]) => !["id", "tenantId", "createdAt", "updatedAt"].includes(k))),
    features: l.features.map((f, i) => {
      const p = prepareFeature(row, f, shapes, cclvd, `${l.slug}/${i}`);
      if (!p.ok) throw new Error(`${l.slug} ${i}: ${JSON.stringify(p.errors)}`);
      return p.row;
    }),
  };
});
const file = path.join(root, "db/seed/data/map-demo.json");
writeFileSync(
  file,
  `${JSON.stringify({
    $comment: "Generated by `npm run map:demo` (scripts/generate-map-demo.ts): demonstration layers; see the layers' descriptions for what is made up.",
    layers: out,
  })}\n`,
);
console.log(`${out.length} couches, ${out.reduce((n, l) => n + l.features.length, 0)} objets → ${path.relative(root, file)}`);
