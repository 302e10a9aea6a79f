/** Texts of the directory pages, in French. */
export const a = {
  homeTitle: (tenant: string) => `Commerces, artisans et producteurs — ${tenant}`,
  homeDescription: (tenant: string) =>
    `L’annuaire des commerces, artisans et producteurs locaux de ${tenant} : adresses, horaires, produits de saison, ouvert maintenant.`,
  heading: "Commerces, artisans et producteurs",
  empty: "Aucune fiche publiée pour l’instant.",
  byCategory: "Par activité",
  byCommune: "Par commune",
  openNowFilter: "Ouverts maintenant seulement",
  openNow: "Ouvert maintenant",
  closedNow: "Fermé",
  closesAt: (t: string) => `ferme à ${t}`,
  opensAt: (t: string) => `ouvre ${t}`,
  unknownHours: "Horaires : voir la fiche",
  address: "Adresse",
  phone: "Téléphone",
  email: "Courriel",
  website: "Site web",
  hours: "Horaires",
  hoursRule: "Règle (format OpenStreetMap)",
  products: "Produits",
  inSeason: "De saison en ce moment",
  labels: "Labels",
  languages: "Langues parlées",
  manage: "Vous tenez ce commerce ? Gérer cette fiche",
  siret: "SIRET",
  back: (tenant: string) => `Tous les commerces de ${tenant}`,
  directions: "Itinéraire (OpenStreetMap)",
  onMap: "Voir sur la carte du territoire",
  days: { Monday: "lundi", Tuesday: "mardi", Wednesday: "mercredi", Thursday: "jeudi", Friday: "vendredi", Saturday: "samedi", Sunday: "dimanche" } as Record<
    string,
    string
  >,
  months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
  season: (months: number[]) => (months.length ? months.map((m) => a.months[m - 1]).join(", ") : "toute l’année"),
  searchHeading: "Rechercher",
  searchWords: "Mots (nom, activité, commune)",
  searchCategory: "Activité",
  searchCommune: "Commune",
  searchLabel: "Label",
  searchProduct: "Produit de saison (ex. fraises)",
  searchOpen: "Ouverts maintenant",
  any: "Toutes",
  searchSubmit: "Rechercher",
  results: (n: number) => (n === 0 ? "Aucun résultat." : n === 1 ? "1 résultat." : `${n} résultats.`),
  unavailable: "La recherche ne répond pas ; la liste complète reste ci-dessous.",
  openData: "Données ouvertes : l’annuaire en CSV et GeoJSON (horaires au format OpenStreetMap)",
} as const;

/** Texts of the merchant's page (espace/commerce) beyond the directory back office's own (gestion.fr.ts). */
export const m = {
  codeRefused: "Ce code n’est pas le bon, ou il a expiré. Demandez-en un nouveau.",
} as const;
