/** Texts of the kiosk page, the station screen and the display editor (ADR 0046), in French. */
import type { PublicServiceLink, ScreenPanel } from "@communa/contracts/signage";

/** The public-service links a kiosk may offer: the label residents read, and what it is for. */
export const serviceLinks: Record<PublicServiceLink, { label: string; hint: string }> = {
  caf: { label: "CAF", hint: "Allocations familiales, logement, RSA, prime d’activité" },
  impots: { label: "impots.gouv (DGFiP)", hint: "Impôts, déclaration de revenus, paiement" },
  ameli: { label: "Ameli (Assurance maladie)", hint: "Carte Vitale, remboursements, attestations" },
  msa: { label: "MSA", hint: "Protection sociale agricole" },
  ants: { label: "ANTS – France Titres", hint: "Carte d’identité, passeport, permis, carte grise" },
  prefecture: { label: "Préfecture de l’Oise", hint: "Titres de séjour, démarches préfectorales" },
  "france-travail": { label: "France Travail", hint: "Inscription, offres d’emploi, indemnisation" },
  retraite: { label: "Info Retraite", hint: "Relevé de carrière, demande de retraite" },
  "service-public": { label: "Service-Public.fr", hint: "Toutes les démarches, fiches pratiques" },
  "oise-mobilite": { label: "Oise Mobilité", hint: "Bus, cars, horaires et abonnements" },
};

export const b = {
  title: "Borne d’accès aux services",
  description: (tenant: string) => `Les services publics en ligne et les services de ${tenant}, sur la borne d’accueil.`,
  heading: "Bienvenue : que souhaitez-vous faire ?",
  publicHeading: "Services publics en ligne",
  ownHeading: (tenant: string) => `Services de ${tenant}`,
  own: {
    map: { label: "Carte du territoire", hint: "Lieux, équipements, sentiers" },
    booking: { label: "Réserver une salle ou du matériel", hint: "Salles, matériel prêté" },
    appointments: { label: "Prendre rendez-vous", hint: "Avec un service de la collectivité" },
    water: { label: "Qualité de l’eau", hint: "Résultats des analyses" },
    steps: { label: "Démarches et suivi d’une demande", hint: "Déposer, suivre avec son code" },
  },
  helpButton: "Demander de l’aide à un conseiller",
  helpHeading: "Un conseiller vient vous aider",
  helpHint: "Laissez votre prénom ou votre téléphone si vous le souhaitez (facultatif) : rien d’autre n’est demandé.",
  firstName: "Prénom (facultatif)",
  phone: "Téléphone (facultatif)",
  phoneHint: "Par exemple 03 44 12 34 56, si le conseiller doit vous rappeler.",
  send: "Appeler un conseiller",
  cancel: "Annuler",
  sent: (code: string) => `Demande transmise (n° ${code}). Un conseiller arrive : restez près de la borne.`,
  refused: "La demande n’a pas pu être transmise. Adressez-vous à l’accueil.",
  notPaired: "Cette borne n’est pas encore appairée : la demande d’aide est indisponible. Adressez-vous à l’accueil.",
  home: "Revenir à l’accueil",
  idleNotice: (minutes: number) => `Sans action pendant ${minutes} min, la borne revient à l’accueil et efface ce qui a été saisi.`,
  reset: "Borne revenue à l’accueil.",
  privacy: "Cette borne ne garde aucune donnée : fermez les sites que vous avez ouverts avant de partir.",
} as const;

export const screen = {
  title: "Écran d’information",
  description: (tenant: string) => `Services, horaires, permanences et actualités de ${tenant}.`,
  panels: { services: "Services et horaires", permanences: "Prochaines permanences", news: "Eau et déchets : actualités" } satisfies Record<
    ScreenPanel,
    string
  >,
  noDesks: "Horaires affichés à l’accueil.",
  noPermanences: "Aucune permanence annoncée.",
  noNews: "Aucune actualité en ce moment.",
  topics: { eau: "Eau", dechets: "Déchets", general: "Information" },
  offline: "Connexion interrompue : reprise automatique.",
  panelOf: (i: number, n: number) => `Panneau ${i} sur ${n}`,
} as const;

export const editor = {
  title: "Affichage : bornes et écran",
  description: "Les liens proposés par les bornes d’accueil et ce que montre l’écran d’information (gare de Rantigny…), mis à jour en direct.",
  heading: "Contenu de l’affichage",
  panels: "Panneaux affichés sur l’écran",
  rotate: "Durée d’affichage de chaque panneau (secondes, 5 à 120)",
  links: "Liens des services publics proposés par les bornes",
  desks: "Services et horaires (une ligne par service : nom | horaires)",
  permanences: "Permanences (une ligne : AAAA-MM-JJ | horaires | permanence | lieu)",
  permanencesHint: "Saisies ici pour l’instant ; les permanences de France services pourront alimenter cette liste.",
  announcements: "Annonces (une ligne : thème eau, dechets ou general | du AAAA-MM-JJ | au AAAA-MM-JJ | titre | texte)",
  announcementsHint: "Chaque annonce s’affiche du premier au dernier jour inclus.",
  topic: "Thème",
  annTitle: "Titre",
  annBody: "Texte",
  startsOn: "Du",
  endsOn: "Au",
  addAnnouncement: "Ajouter une annonce",
  removeAnnouncement: (n: number) => `Retirer l’annonce ${n}`,
  announcementLegend: (n: number) => `Annonce ${n}`,
  save: "Publier",
  saved: (version: number) => `Affichage publié (version ${version}) : les écrans sont à jour.`,
  notAllowed: "Cette page est réservée aux agents France services.",
  lastChange: (when: string) => `Dernière publication : ${when}.`,
  never: "Jamais publié : contenu par défaut.",
  screenLink: "Voir l’écran d’information",
  kioskLink: "Voir la page de la borne",
} as const;
