/** Texts of the staff Worker's answers and mails (French). */
export const typeLabel = {
  payslip: "bulletin de paie",
  decree: "arrêté",
  contract: "contrat",
  training_certificate: "attestation de formation",
  other: "document RH",
} as const;

const monthName = (period: string) => {
  const [y, mo] = period.split("-").map(Number);
  return new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, mo - 1, 1)));
};

export const m = {
  noAgent: "Aucun agent de la collectivité ne porte cet identifiant.",
  notAnAgent: "Aucun coffre d’agent n’est rattaché à votre compte dans cette collectivité : adressez-vous au service des ressources humaines.",
  payrollTaken: "Un agent porte déjà ce matricule dans la collectivité.",
  personTaken: "Ce compte est déjà rattaché au coffre d’un autre agent.",
  noDocument: "Aucun document de ce coffre ne porte cet identifiant.",
  noBatch: "Aucun dépôt de paie de la collectivité ne porte cet identifiant.",
  batchNotPending: "Ce dépôt a déjà été publié ou annulé.",
  fourEyes: "Le contrôle doit être fait par une autre personne que celle qui a déposé la paie.",
  personOnly: "Le contrôle doit être fait par une personne identifiée.",
  notPdf: "Le fichier doit être un PDF.",
  unreadablePdf: "Le PDF n’a pas pu être lu.",
  noPayslip: "Aucun matricule n’a été trouvé dans ce PDF (« Matricule : … » sur chaque bulletin).",
  replacesOther: "Le document corrigé doit être un document publié du même agent et du même type.",
  notDecree: "Seul un arrêté est notifié et pris en compte par l’agent.",
  alreadyAcknowledged: "Cet arrêté a déjà été pris en compte.",
  oppositionDisabled:
    "La collectivité n’a pas ouvert le registre d’opposition (réglage du coffre : le droit de refuser le bulletin électronique dépend des règles applicables à ses agents).",
  tooLarge: "Le fichier dépasse la taille admise.",
  noPhoto: "Aucune photo de cet agent n’est visible ici (pas de photo, ou pas d’accord pour ce canal).",
  consentFirst: "Donnez d’abord votre accord pour au moins un canal (intranet ou site public) : sans accord, aucune photo n’est gardée.",
  noResizing: "Le traitement des images n’est pas disponible pour le moment.",
  photoType: "La photo doit être une image JPEG, PNG ou WebP.",
  photoSize: (max: number) => `La photo doit faire au plus ${Math.round(max / 1024 / 1024)} Mo.`,
  photoSmall: (min: number) => `La photo doit mesurer au moins ${min} pixels de côté.`,
  missingObject: "Le document chiffré est introuvable dans le coffre.",
  mail: {
    subject: (label: string) => `Nouveau document dans votre coffre-fort numérique : ${label}`,
    body: (name: string, label: string, link: string) =>
      [
        `Bonjour ${name},`,
        "",
        `Un document a été déposé dans votre coffre-fort numérique : ${label}.`,
        "Pour le consulter, connectez-vous à votre espace (le document n’est jamais joint à ce message) :",
        link,
        "",
        "Chaque consultation est inscrite au journal de votre coffre, que vous pouvez lire.",
        "Service des ressources humaines",
      ].join("\n"),
  },
  label: (type: keyof typeof typeLabel, period: string) =>
    type === "payslip" && /^\d{4}-\d{2}$/.test(period) ? `bulletin de paie de ${monthName(period)}` : typeLabel[type],
  payslipTitle: (period: string) => `Bulletin de paie — ${monthName(period)}`,
};
