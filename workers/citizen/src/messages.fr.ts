/** Texts of the citizen Worker's answers and mails (French). */
export const m = {
  /** The subject of a kiosk's help request (the agent sees where the resident is waiting). */
  kioskHelpSubject: (kiosk: string) => `Aide demandée à la borne « ${kiosk} »`,
  fields: {
    day: "Date attendue au format AAAA-MM-JJ.",
    insee: "Code INSEE de commune attendu (5 caractères).",
    email: "Adresse électronique invalide.",
    phone: "Numéro de téléphone invalide (10 chiffres, ex. 06 12 34 56 78).",
    name: "Indiquez vos nom et prénom.",
    visioPattern: "Adresse https du fournisseur de visioconférence, avec {id} à la place du salon (ex. https://webconf.numerique.gouv.fr/{id}).",
    visioNeeded: "Un motif en visioconférence demande l’adresse du fournisseur.",
    subject: "Décrivez la demande en quelques mots.",
    code: "Le code de suivi compte 8 lettres.",
  },
  noMotif: "Aucun motif de rendez-vous de cette collectivité ne porte cet identifiant.",
  noService: "Aucun service de cette collectivité ne porte cet identifiant.",
  noPlace: "Aucun lieu de cette collectivité ne porte cet identifiant.",
  noAgent: "Aucun agent de cette collectivité ne porte cet identifiant.",
  noAppointment: "Aucun rendez-vous ne porte cet identifiant.",
  agentsOnly: "Ce motif se réserve auprès d’un agent : appelez le service.",
  contactNeeded: "Indiquez une adresse électronique ou un numéro de mobile pour recevoir la confirmation.",
  phoneNeeded: "Ce rendez-vous a lieu par téléphone : indiquez le numéro auquel l’agent vous appellera.",
  acceptNeeded: "Cochez la case pour accepter les conditions de ce rendez-vous.",
  slotTaken: "Ce créneau vient d’être pris ou n’est plus proposé. Voici les prochains créneaux libres.",
  slotUnavailable: "Ce créneau n’est pas proposé pour ce motif (hors des horaires, trop proche ou trop lointain).",
  badLink: "Ce lien de gestion du rendez-vous n’est pas valide.",
  tooLate: (hours: number) => `Ce rendez-vous ne peut plus être modifié ni annulé en ligne moins de ${hours} h avant : appelez le service.`,
  notActive: "Ce rendez-vous est déjà annulé ou passé.",
  ruleRange: "La plage doit finir après son début, dans la même journée.",
  noRequest: "Aucune demande ne porte ce code.",
  noRequestId: "Aucune demande de cette collectivité ne porte cet identifiant.",
  mailSubject: (motif: string, when: string) => `Rendez-vous confirmé : ${motif}, ${when}`,
  mailMovedSubject: (motif: string, when: string) => `Rendez-vous déplacé : ${motif}, ${when}`,
  mailCancelSubject: (motif: string) => `Rendez-vous annulé : ${motif}`,
  mailBody: (p: { name: string; motif: string; when: string; where: string; manage: string; instructions: string | null; visio: string | null }) =>
    [
      `Bonjour ${p.name},`,
      "",
      `Votre rendez-vous « ${p.motif} » est fixé au ${p.when}.`,
      `Lieu : ${p.where}`,
      ...(p.visio ? [`Lien de la visioconférence : ${p.visio}`] : []),
      ...(p.instructions ? ["", p.instructions] : []),
      "",
      `Pour le déplacer ou l’annuler : ${p.manage}`,
      "",
      "Le rendez-vous est joint au format iCalendar (invitation.ics) pour votre agenda.",
      "",
    ].join("\n"),
  mailCancelBody: (name: string, motif: string, when: string) =>
    `Bonjour ${name},\n\nVotre rendez-vous « ${motif} » du ${when} est annulé.\n\nL’annulation est jointe au format iCalendar (invitation.ics).\n`,
  discreetMotif: "Rendez-vous",
  icsVisio: (url: string) => `Visioconférence : ${url}`,
  where: {
    desk: (place: string, address: string) => `${place}, ${address}`,
    home: () => "à votre domicile",
    phone: () => "par téléphone : l’agent vous appelle",
    visio: () => "en visioconférence",
  },
  // Requests: receipts (CRPA L112-11, R112-11-1).
  registrationSubject: (code: string) => `Demande enregistrée — suivi ${code}`,
  registrationBody: (p: { name: string; code: string; subject: string; track: string }) =>
    `Bonjour ${p.name},\n\nAccusé d’enregistrement : votre demande « ${p.subject} » est enregistrée sous le code ${p.code}.\nSuivez-la sans compte : ${p.track}\n\nL’accusé de réception suit.\n`,
  receiptSubject: (code: string) => `Accusé de réception — demande ${code}`,
  receipt: (p: {
    code: string;
    received: string;
    service: string;
    contact: string;
    decision: { kind: "acceptance" | "rejection"; date: string; appeal: string | null; source: string } | null;
  }) =>
    [
      `Accusé de réception de la demande ${p.code} (article L112-11 du code des relations entre le public et l’administration).`,
      `Reçue le ${p.received}.`,
      `Service chargé de la demande : ${p.service}${p.contact ? ` — ${p.contact}` : ""}.`,
      ...(p.decision
        ? [
            p.decision.kind === "acceptance"
              ? `Sans réponse de notre part au ${p.decision.date}, votre demande sera réputée acceptée (décision implicite d’acceptation).`
              : `Sans réponse de notre part au ${p.decision.date}, votre demande sera réputée rejetée (décision implicite de rejet).`,
            ...(p.decision.appeal ? [`Voies et délais de recours : ${p.decision.appeal}`] : []),
            `Règle appliquée : ${p.decision.source}.`,
          ]
        : ["Ce type de demande ne donne pas lieu à une décision implicite."]),
    ].join("\n"),
  receiptMailBody: (name: string, receipt: string) => `Bonjour ${name},\n\n${receipt}\n`,
  statuses: { open: "enregistrée", in_progress: "en cours de traitement", done: "traitée", closed: "close" },
} as const;
