/** Every text the public site shows, in French, kept out of the pages' logic. */
export const t = {
  siteName: "Communa",
  siteTagline: "Le territoire du Liancourtois et de ses voisins, en un coup d’œil",
  skipLink: "Aller au contenu",
  mainNav: "Navigation principale",
  home: "Accueil",
  homeTitle: "Les collectivités du territoire",
  homeIntro:
    "Retrouvez chaque intercommunalité et chacune de ses communes : chiffres clés, contour sur la carte et liste des communes.",
  epciHeading: (name: string) => name,
  membersCount: (n: number) => `${n} commune${n > 1 ? "s" : ""}`,
  partialNote: "Seules les communes voisines associées aux projets de sentiers figurent sur la plateforme.",
  keyFigures: "Chiffres clés",
  population: "Population municipale",
  populationTotal: "Population totale",
  populationYear: (y: number) => `recensement ${y}`,
  communesCount: "Communes membres",
  insee: "Code INSEE",
  postcode: "Code postal",
  siren: "SIREN",
  epci: "Intercommunalité",
  kindEpci: "Intercommunalité (EPCI)",
  kindCommune: "Commune",
  mapHeading: "Carte",
  epciTitle: (name: string) => `${name} : carte, services et sentiers`,
  communeTitle: (name: string, postcode: string) => `${name} (${postcode}) : carte, services et sentiers`,
  epciDescription: (name: string, members: string, inhabitants: string) =>
    `${name} : ${members}, ${inhabitants}. Carte des équipements, déchets (points d’apport, collectes), mobilité, petite enfance, producteurs locaux et sentiers de randonnée.`,
  communeDescription: (name: string, postcode: string, inhabitants: string, epci: string | null) =>
    `${name} (${postcode}), ${inhabitants}${epci ? `, membre de ${epci}` : ""} : mairie, équipements, points d’apport volontaire, jours de collecte, producteurs locaux et sentiers de randonnée sur la carte.`,
  mapSearch: "Rechercher",
  mapPortalLink: "Carte interactive du territoire (équipements, déchets, mobilité, sentiers…)",
  trailsLink: "Sentiers de randonnée",
  mapLabel: (name: string) => `Carte du territoire : ${name}`,
  mapHint: "Carte interactive. La liste des communes ci-dessous en donne le même contenu.",
  mapNoScript: "La carte nécessite JavaScript ; la liste des communes ci-dessous donne le même contenu.",
  communesHeading: "Communes",
  membersHeading: "Communes membres",
  siblingsHeading: (epci: string) => `Les autres communes de ${epci}`,
  inhabitants: (n: string) => `${n} habitants`,
  backToEpci: (name: string) => `Retour à ${name}`,
  footer: "Communa — plateforme numérique libre des collectivités.",
  sources:
    "Sources : INSEE (code officiel géographique, populations légales 2023), DGCL, IGN Admin Express — Licence Ouverte ; codes postaux La Poste (ODbL).",
  mapAttribution: "Contours : IGN Admin Express, Licence Ouverte",
  mapLocale: {
    "NavigationControl.ZoomIn": "Zoomer",
    "NavigationControl.ZoomOut": "Dézoomer",
    "NavigationControl.ResetBearing": "Réorienter vers le nord",
    "Map.Title": "Carte",
    "ScrollZoomBlocker.CtrlMessage": "Utilisez Ctrl + molette pour zoomer",
    "TouchPanBlocker.Message": "Utilisez deux doigts pour déplacer la carte",
    "AttributionControl.ToggleAttribution": "Afficher les sources",
  },
} as const;

const numberFormat = new Intl.NumberFormat("fr-FR");
export const formatNumber = (n: number) => numberFormat.format(n);
