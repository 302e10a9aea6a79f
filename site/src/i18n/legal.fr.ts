/**
 * Texts of each tenant's legal pages: accessibility statement (RGAA), legal notices, personal data.
 * The facts they state (status, dates, host) come from site/src/lib/legal.ts.
 */
export const l = {
  footerNav: "Informations légales",
  accessibilityLink: (status: string) => `Accessibilité : ${status}`,
  legalNotices: "Mentions légales",
  personalData: "Données personnelles",

  // Accessibility statement (the items the RGAA asks for, in our own words).
  a11yTitle: "Déclaration d’accessibilité",
  a11yDescription: (name: string) => `Déclaration d’accessibilité du site de ${name} au regard du RGAA.`,
  a11yCommitment: (name: string) =>
    `${name} s’engage à rendre ses sites internet, intranet, extranet et ses progiciels accessibles conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.`,
  a11yScope: (name: string, origin: string) => `Cette déclaration d’accessibilité s’applique au site de ${name} publié sur ${origin}.`,
  a11yStatusHeading: "État de conformité",
  a11yStatus: (name: string, status: string, version: string) =>
    `Le site de ${name} est ${status} avec le référentiel général d’amélioration de l’accessibilité (RGAA), version ${version}.`,
  a11yNoAudit: "Aucun audit de conformité au RGAA n’a encore été réalisé : en son absence, le site est déclaré non conforme.",
  a11yTestsHeading: "Ce qui est vérifié à chaque modification",
  a11yTests: [
    "chaque page publique est contrôlée automatiquement dans un vrai navigateur (Chromium) avec axe-core, selon les critères WCAG 2.1 niveaux A et AA : aucune erreur n’est acceptée ;",
    "le lien d’évitement, la navigation au clavier des écrans de vote et de saisie, et la lecture des pages sans JavaScript sont testés ;",
    "les cartes interactives sont doublées d’une liste accessible de leurs objets.",
  ],
  a11yTestsNote: "Ces contrôles automatiques ne couvrent qu’une partie des critères du RGAA ; ils ne remplacent pas un audit.",
  a11yNonAccessibleHeading: "Contenus non accessibles",
  a11yNonAccessible: [
    "Les documents PDF produits par la plateforme (procès-verbaux de séance, avis de redevance) ne sont pas encore balisés pour les technologies d’assistance.",
    "La carte interactive (canevas) n’est pas lisible par un lecteur d’écran : sa liste accessible en donne le contenu.",
  ],
  a11yDerogationsHeading: "Dérogations pour charge disproportionnée",
  a11yDerogations: "Aucune.",
  a11yEnvironmentHeading: "Établissement de cette déclaration",
  a11yEstablished: (date: string) => `Cette déclaration a été établie le ${date}.`,
  a11yEnvironment: "Technologies utilisées : HTML, CSS, JavaScript. Outils de test : axe-core dans Chromium, navigation au clavier.",
  a11yFeedbackHeading: "Retour d’information et contact",
  a11yFeedback: (name: string) =>
    `Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter ${name} pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.`,
  a11yFeedbackLink: "Coordonnées de la collectivité",
  a11yRecourseHeading: "Voies de recours",
  a11yRecourseWhen:
    "Si vous avez signalé au responsable du site un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service, et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez :",
  a11yRecourse: [
    "écrire un message au Défenseur des droits (formulaire en ligne sur defenseurdesdroits.fr) ;",
    "contacter le délégué du Défenseur des droits dans votre région ;",
    "envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.",
  ],

  // Legal notices.
  noticesTitle: "Mentions légales",
  noticesDescription: (name: string) => `Mentions légales du site de ${name}.`,
  publisherHeading: "Éditeur",
  publisher: (name: string, siren: string) => `${name}, collectivité territoriale, SIREN ${siren}.`,
  directorHeading: "Directeur ou directrice de la publication",
  director: (kind: "epci" | "commune") => (kind === "epci" ? "Le président ou la présidente de l’intercommunalité." : "Le maire de la commune."),
  hostingHeading: "Hébergement",
  softwareHeading: "Logiciel et données",
  software:
    "Le site fonctionne avec Communa, logiciel libre publié sous licence AGPL-3.0-or-later. Les données du territoire (INSEE, DGCL, IGN) sont publiées sous Licence Ouverte Etalab 2.0 ; les codes postaux proviennent de La Poste (ODbL).",
  cookiesHeading: "Cookies",
  cookies:
    "Le site ne dépose aucun cookie de mesure d’audience ni de publicité. Seuls les cookies nécessaires à la connexion (session, protection contre la falsification de requêtes) sont déposés, quand vous vous connectez.",

  // Personal data.
  privacyTitle: "Données personnelles",
  privacyDescription: (name: string) => `Quelles données personnelles ${name} traite sur ce site, pourquoi et combien de temps.`,
  privacyController: (name: string) =>
    `${name} est responsable des traitements de données personnelles faits sur ce site. Selon la répartition des compétences, certains traitements (déchets, eau, économie) sont mis en œuvre par l’intercommunalité.`,
  privacyMinimum:
    "Seules les données nécessaires à chaque service sont collectées. Chacune a une durée de conservation, appliquée chaque jour automatiquement quand elle est indiquée comme telle.",
  registerHeading: "Registre des traitements",
  registerCaption: "Données conservées, finalité, base légale et durée de conservation",
  colModule: "Service",
  colHolds: "Données",
  colPurpose: "Finalité",
  colBasis: "Base légale",
  colPeriod: "Durée de conservation",
  automatic: "suppression automatique",
  rightsHeading: "Vos droits",
  rights:
    "Vous pouvez accéder aux données qui vous concernent, les faire rectifier, demander leur effacement ou la limitation de leur traitement, et vous opposer à un traitement, dans les conditions du RGPD. Adressez-vous à la collectivité ou à son délégué à la protection des données.",
  cnil: "Si vous estimez, après l’avoir contactée, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL (cnil.fr).",
  accessLog: "Chaque consultation d’archives et chaque modification sont journalisées (qui, quoi, quand).",
} as const;
