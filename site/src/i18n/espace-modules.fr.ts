/**
 * Mon espace's module cards (French), apart from espace.fr.ts: only Mon espace's home loads them,
 * so the sign-in page and the other pages that share espace.fr.ts do not weigh every tile.
 * The back-office modules, each opened by one permission (the API checks it again on every call).
 * Only modules that have a page are listed: a card appears when its module exists
 * (tests/node/espace-modules.test.ts checks each `href` has its page).
 */
export const modules: ReadonlyArray<{ permission: string; name: string; description: string; href: string }> = [
  {
    permission: "waste:read",
    name: "Déchets",
    description: "Bacs pucés, collectes, contrôles, stock de contenants, interventions, facturation incitative.",
    href: "dechets/",
  },
  {
    permission: "waste:read",
    name: "Équipements connectés",
    description: "État en direct des lecteurs RFID, caméras de tri et capteurs ; configuration ; messages rejetés.",
    href: "appareils/",
  },
  {
    permission: "france-services:write",
    name: "Affichage : bornes et écran",
    description: "Liens des bornes d’accueil, panneaux, permanences et annonces de l’écran d’information, publiés en direct.",
    href: "affichage/",
  },
  { permission: "archives:read", name: "Archives", description: "Versements, recherche, communication et sort final (SAE).", href: "archives/" },
  { permission: "map:write", name: "Carte du territoire", description: "Couches et objets de la carte, imports et exports.", href: "carte/" },
  {
    permission: "directory:write",
    name: "Annuaire des commerces",
    description: "Modération des fiches des commerçants, artisans et producteurs.",
    href: "annuaire/",
  },
  { permission: "council:read", name: "Conseil", description: "Séances, ordres du jour, convocations et votes.", href: "conseil/" },
  { permission: "council:preside", name: "Présidence de séance", description: "Ouvrir et clore les votes, suivre le quorum.", href: "conseil/" },
  {
    permission: "directory:own",
    name: "Ma fiche commerce",
    description: "Mettre à jour ma fiche dans l’annuaire : horaires, produits, contact.",
    href: "commerce/",
  },
  {
    permission: "territory:write",
    name: "Fiche de la collectivité",
    description: "Adresse de l’accueil, horaires d’ouverture et contacts affichés sur la page d’accueil.",
    href: "fiche/",
  },
  {
    permission: "territory:write",
    name: "Identité visuelle",
    description: "Couleur d’accent des pages, logo ou blason de la collectivité.",
    href: "identite/",
  },
  {
    permission: "environment:write",
    name: "Eau et énergie",
    description: "Import des résultats de qualité de l’eau (Hub'Eau), nappes et sécheresse.",
    href: "eau-energie/",
  },
  {
    permission: "environment:read",
    name: "Énergie des bâtiments",
    description: "Consommations, trajectoire du décret tertiaire, fichier OPERAT, alertes de talon de nuit.",
    href: "eau-energie/energie/",
  },
  { permission: "citizen:self", name: "Mes déchets", description: "Mes bacs, mes levées et ma redevance ou taxe incitative.", href: "mes-dechets/" },
  {
    permission: "bookings:read",
    name: "Réservations",
    description: "Demandes de salles, de matériel et de machines à valider, planning par ressource.",
    href: "reservations/",
  },
  {
    permission: "identity:admin",
    name: "Membres et rôles",
    description: "Inviter une personne, attribuer ou retirer un rôle dans la collectivité.",
    href: "membres/",
  },
  {
    permission: "cemetery:read",
    name: "Cimetières",
    description: "Plan et emplacements, concessions et leurs échéances, opérations funéraires, procédures de reprise.",
    href: "cimetieres/",
  },
  {
    permission: "economy:read",
    name: "Zones d’activité",
    description: "Inventaire des zones d’activité : unités foncières, vacance, consultation, adoption et tableau de bord.",
    href: "zones-activite/",
  },
  { permission: "identity:admin", name: "Clés d’API", description: "Les clés des logiciels qui appellent l’API : créer, révoquer.", href: "cles-api/" },
  {
    permission: "identity:admin",
    name: "Fournisseurs d’identité",
    description: "ProConnect, FranceConnect et autres fournisseurs OpenID Connect de la page de connexion.",
    href: "fournisseurs/",
  },
  { permission: "audit:read", name: "Journal d’audit", description: "Les actions enregistrées, et la vérification de la chaîne signée.", href: "journal/" },
  {
    permission: "hr:write",
    name: "Coffre-fort du personnel",
    description: "Dépôt de la paie du mois, contrôle par une seconde personne, arrêtés et documents des agents.",
    href: "rh/coffre/",
  },
  {
    permission: "hr:read",
    name: "Recrutement",
    description: "Offres d’emploi et leurs mentions obligatoires, déclaration au centre de gestion, candidatures, jury et décisions.",
    href: "recrutement/",
  },
  {
    permission: "france-services:read",
    name: "France Services",
    description: "Saisie des accompagnements en 30 secondes, ma journée, statistiques du label, permanences, partenaires et ateliers.",
    href: "france-services/",
  },
  {
    permission: "staff:self",
    name: "Mon coffre-fort",
    description: "Mes bulletins de paie, arrêtés et attestations, et le journal de leurs accès.",
    href: "mon-coffre/",
  },
  {
    permission: "security:read",
    name: "Sécurité et RGPD",
    description: "Mesures d’hygiène de l’ANSSI, constats d’audit et plan d’action, homologations, registre des traitements, incidents.",
    href: "securite/",
  },
  {
    permission: "citizen:read",
    name: "Accueil et rendez-vous",
    description: "Agenda du jour et vue guichet, file des demandes, appels et visites consignés avec leur accusé de réception.",
    href: "accueil/",
  },
];
