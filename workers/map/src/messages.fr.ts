/** French texts of the map Worker's own pages (the accessible list). */
export const listText = {
  title: (tenant: string) => `Lieux de la carte — ${tenant}`,
  skip: "Aller aux résultats",
  heading: (tenant: string) => `Les lieux de la carte de ${tenant}`,
  intro: "La même information que la carte interactive, sous forme de liste. Choisissez des couches, une commune ou des mots à rechercher.",
  backToMap: "Revenir à la carte interactive",
  filters: "Filtres",
  layers: "Couches",
  allLayersHint: "Aucune case cochée : toutes les couches.",
  commune: "Commune",
  anyCommune: "Toutes les communes",
  search: "Rechercher (nom, adresse, commune)",
  apply: "Afficher",
  results: (n: number) => (n === 0 ? "Aucun lieu ne correspond." : n === 1 ? "1 lieu correspond." : `${n} lieux correspondent.`),
  page: (p: number, total: number) => `Page ${p} sur ${total}`,
  previous: "Page précédente",
  next: "Page suivante",
  pagination: "Pages de résultats",
  address: "Adresse",
  hours: "Horaires",
  hoursNone: "Aucune ouverture prévue dans les semaines à venir.",
  phone: "Téléphone",
  website: "Site web",
  directions: (name: string) => `Itinéraire vers ${name} (OpenStreetMap)`,
  directionsShort: "Itinéraire",
  openOnMap: (name: string) => `Voir sur la carte : ${name}`,
  trail: (km: number, minutes: number, difficulty: string) =>
    `${km.toLocaleString("fr-FR")} km, environ ${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")}, ${difficulty}`,
  yes: "oui",
  no: "non",
  licence: (l: string) => `Licence : ${l}`,
} as const;

/** Search, filters and the not-found answers of the map API. */
export const queryText = {
  searchEmpty: "Saisissez au moins un mot à rechercher.",
  searchNoWord: "Recherche vide : saisissez au moins un mot.",
  bboxInvalid: "Emprise invalide : ouest ≤ est et sud ≤ nord, en degrés.",
  datetimeInvalid:
    "Date invalide : un instant (2026-06-01T00:00:00Z ou 2026-06-01) ou un intervalle début/fin, l’un des deux pouvant être « .. », le début avant la fin.",
  unknownFilterField: (key: string) => `Champ inconnu pour ce filtre : « ${key} ».`,
  collectionUnknown: "Collection inconnue.",
  itemNotInCollection: "Objet inconnu dans cette collection.",
  noVisibleFeature: "Aucun objet visible ne porte cet identifiant.",
  noFeature: "Aucun objet de cette collectivité ne porte cet identifiant.",
  noVisibleLayer: "Aucune couche visible ne porte cet identifiant.",
  noLayer: "Aucune couche de cette collectivité ne porte cet identifiant.",
} as const;

/** Layers and the objects they hold: what an agent is told when a layer or an object is refused. */
export const layerText = {
  slugTaken: (slug: string) => `Une couche « ${slug} » existe déjà.`,
  fieldsStillUsed: (keys: readonly string[]) =>
    `Des objets ont encore une valeur pour ${keys.join(", ")} : videz ces champs avant de les retirer ou d’en changer le type.`,
  fieldTwice: (key: string) => `Champ « ${key} » déclaré deux fois.`,
  optionsNeeded: "Une liste de valeurs est attendue pour un champ à choix.",
  notTrail: "Cet objet n’est pas un sentier.",
  notTrailsLayer: "Cette couche n’est pas une couche de sentiers.",
  trailUnnamed: "Le fichier ne nomme pas le sentier : indiquez un nom.",
  featureName: "Nom obligatoire (200 caractères au plus).",
  pointOutside: "Ce point est hors du territoire de la collectivité.",
  trailIsLine: "Un sentier est une ligne (LineString ou MultiLineString).",
  importRefused: (errors: number) => `Import refusé : ${errors >= 200 ? "au moins 200" : errors} erreur(s). Rien n’a été enregistré.`,
  importEmpty: "Le fichier ne contient aucun objet.",
  trailEmpty: "Tracé vide : au moins deux points sont nécessaires pour calculer les chiffres d’un sentier.",
  updateDateInvalid: (iso: string) => `Date de mise à jour invalide : « ${iso} » (date ISO attendue).`,
} as const;

/** A layer's own fields (ADR: each layer declares its fields), checked value by value; `label` is the field's French name. */
export const fieldValueText = {
  unknown: (key: string) => `Champ inconnu pour cette couche : « ${key} ».`,
  required: (label: string) => `« ${label} » est obligatoire.`,
  text: (label: string) => `« ${label} » : texte de 2 000 caractères au plus attendu.`,
  number: (label: string) => `« ${label} » : nombre attendu.`,
  boolean: (label: string) => `« ${label} » : oui ou non attendu.`,
  phone: (label: string) => `« ${label} » : numéro de téléphone français attendu (ex. 03 44 73 00 00).`,
  url: (label: string) => `« ${label} » : adresse web (http ou https) attendue.`,
  hours: (label: string, why: string) => `« ${label} » : horaires au format OpenStreetMap attendus (ex. Mo-Fr 09:00-12:00) — ${why}`,
  choice: (label: string, options: readonly string[]) => `« ${label} » : une valeur parmi ${options.join(", ")} attendue.`,
  /** Why opening hours were refused, when the value is not even text. */
  textExpected: "texte attendu",
} as const;

/** Geometries (GeoJSON, WGS84). */
export const geometryText = {
  lineTooShort: "Une ligne compte au moins deux points.",
  position: "Position invalide : [longitude, latitude] en degrés WGS84 attendue.",
  polygonNoRing: "Un polygone compte au moins un anneau.",
  ringTooShort: "Un anneau compte au moins quatre positions.",
  ringOpen: "Anneau non fermé : la dernière position doit répéter la première.",
  typeExpected: (types: readonly string[]) => `Géométrie attendue, de type ${types.join(", ")}.`,
  oneLineAtLeast: "Au moins une ligne attendue.",
  onePolygonAtLeast: "Au moins un polygone attendu.",
} as const;

/** Imported and exported files (GeoJSON, CSV, GPX). */
export const fileText = {
  geojsonUnreadable: "Fichier GeoJSON illisible : ce n’est pas du JSON valide.",
  featureCollectionExpected: "Une FeatureCollection GeoJSON est attendue.",
  typeFeatureCollection: "« type » doit valoir FeatureCollection.",
  csvUnreadable: "Fichier CSV illisible.",
  csvColumnsMissing: "Colonnes manquantes dans le CSV.",
  csvColumnExpected: (column: string) => `Colonne « ${column} » attendue.`,
  gpxNoPolygons: (count: number, names: readonly (string | undefined)[]) =>
    `Le format GPX ne décrit que des points et des lignes : ${count} objet(s) de cette sélection sont des surfaces (${names.slice(0, 3).join(", ")}${
      count > 3 ? "…" : ""
    }). Exportez-les en GeoJSON ou en CSV.`,
} as const;

/** Why a GPX file is refused, and where (line numbers as the parser reports them). */
export const gpxText = {
  pointKind: { trkpt: "point de trace (trkpt)", rtept: "point d’itinéraire (rtept)", wpt: "point de repère (wpt)" } as Record<string, string>,
  atLine: (line: number | undefined) => (line ? ` (ligne ${line})` : ""),
  empty: "Fichier GPX illisible : il est vide ou ne contient aucun élément XML.",
  malformed: (line: number | undefined, column: number | undefined, why: string) =>
    `Fichier GPX illisible : XML mal formé${line ? ` à la ligne ${line}${column ? `, colonne ${column}` : ""}` : ""} (${why}).`,
  missingAttribute: (point: string, at: string, attr: string) => `Fichier GPX invalide : ${point}${at} sans attribut « ${attr} ».`,
  outOfRange: (point: string, at: string, label: string, raw: string, limit: number) =>
    `Fichier GPX invalide : ${point}${at}, ${label} « ${raw} » hors limites (entre -${limit} et ${limit} degrés attendue).`,
  noLines: "Fichier GPX sans tracé : il ne contient ni trace (trk) ni itinéraire (rte).",
  tooFewPoints: (kind: "trk" | "rte", index: number, name: string | null, at: string, count: number) =>
    `Fichier GPX invalide : ${kind === "trk" ? "La trace" : "L’itinéraire"} n° ${index}${name ? ` « ${name} »` : ""}${at} compte ${count} point${
      count > 1 ? "s" : ""
    } ; il en faut au moins deux pour tracer une ligne.`,
  notGpx: (root: string) => `Ce fichier n’est pas un GPX : l’élément racine est « ${root} », « gpx » est attendu.`,
  exportOutOfRange: (lon: number, lat: number, where: string) => `Export GPX impossible : coordonnées hors limites (${lon}, ${lat}) ${where}.`,
  atWaypoint: (index: number, name: string) => `au point de repère n° ${index} « ${name} »`,
  atTrackPoint: (track: number, name: string, point: number) => `dans la trace n° ${track} « ${name} », point ${point}`,
} as const;
