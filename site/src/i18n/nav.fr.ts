/** Texts of the site's navigation: header, main menu, breadcrumbs, footer, site map, search (French). */
const vowel = /^[aeiouyâàéèêëîïôöûùüœh]/i;
/** "de Liancourt", "d’Angicourt" (elision before a vowel or a mute h). */
const deName = (name: string) => (vowel.test(name) ? `d’${name}` : `de ${name}`);

export const n = {
  mainNav: "Navigation principale",
  menu: "Menu",
  communeKind: (name: string) => `Commune ${deName(name)}`,
  communeMember: (name: string, epci: string) => `Commune ${deName(name)} — membre de la ${epci}`,
  epciKind: (members: number) => `Intercommunalité de ${members} commune${members > 1 ? "s" : ""}`,
  modules: {
    home: "Accueil",
    map: "Carte",
    trails: "Sentiers",
    directory: "Commerces",
    bookings: "Réservations",
    council: "Conseil",
    water: "Eau",
    appointments: "Rendez-vous",
    waste: "Déchets",
    space: "Mon espace",
  },
  /** What the site map says of each page (one line under its link). */
  moduleHints: {
    home: "Chiffres clés, coordonnées de la mairie, plan du territoire.",
    map: "Équipements, déchets, mobilité, petite enfance, producteurs et sentiers sur la carte interactive.",
    trails: "Sentiers de randonnée, à télécharger et à suivre hors connexion.",
    directory: "Commerces, artisans et producteurs locaux, leurs horaires.",
    bookings: "Salles, matériel et machines à réserver, jours libres et tarifs.",
    council: "Séances du conseil : ordre du jour, votes en direct, résultats.",
    water: "Qualité de l’eau du robinet, niveau des nappes et sécheresse.",
    appointments: "Prendre rendez-vous avec la mairie ou l’intercommunalité, suivre une demande.",
    waste: "Mes bacs, mes levées et mes demandes (après connexion).",
    space: "Espace des agents, élus, habitants et commerçants (après connexion).",
  },
  wasteAtEpci: (epci: string) => `service de la ${epci}`,
  /** Service pages outside the menu that the site map lists under « Services ». */
  breadcrumb: "Fil d’Ariane",
  youAreHere: "Vous êtes ici :",
  /** Pages outside the main menu, by their address under the tenant. */
  pages: {
    "plan-du-site/": "Plan du site",
    "recherche/": "Recherche",
    "accessibilite/": "Accessibilité",
    "mentions-legales/": "Mentions légales",
    "donnees-personnelles/": "Données personnelles",
    "connexion/": "Se connecter",
    "carte/integrer/": "Intégrer la carte",
    "espace/dechets/": "Gestion des déchets",
    "rendez-vous/gerer/": "Gérer mon rendez-vous",
    "demarches/suivi/": "Suivre une demande",
    "emplois/": "Offres d’emploi",
    "emplois/candidature/": "Ma candidature",
    "zones-activite/": "Zones d’activité",
  } as Record<string, string>,
  /** What the site map says of the services outside the menu. */
  pageHints: {
    "zones-activite/": "Foncier disponible pour les entreprises, contact du service économique, données ouvertes.",
    "emplois/": "Les postes ouverts par la collectivité, à pourvoir en ligne sans compte.",
  } as Record<string, string>,
  siteMap: "Plan du site",
  siteMapTitle: (name: string) => `Plan du site — ${name}`,
  siteMapDescription: (name: string) => `Toutes les pages du site de ${name}, par rubrique.`,
  siteMapIntro: "Toutes les pages de ce site, par rubrique. Chaque page est aussi accessible par le menu et par la recherche.",
  groups: { services: "Services", legal: "Informations légales", territory: "Le territoire" },
  footerTerritory: "Les collectivités du territoire",
  search: "Recherche",
  searchLabel: "Rechercher sur le site",
  searchSubmit: "Chercher",
  searchTitle: (name: string) => `Recherche — ${name}`,
  searchDescription: (name: string) => `Rechercher une page du site de ${name}.`,
  searchIntro: "Les pages du site dont le titre ou la description contient les mots cherchés.",
  searchAll: "Toutes les pages du site :",
  searchNone: (q: string) => `Aucune page ne correspond à « ${q} ».`,
  searchCount: (count: number, q: string) => `${count} page${count > 1 ? "s" : ""} pour « ${q} » :`,
  searchDirectory: "Un commerce, un artisan, un producteur ? Cherchez-le dans l’annuaire :",
};
