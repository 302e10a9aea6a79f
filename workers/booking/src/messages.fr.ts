/** What the booking Worker says to people, in French (kept out of the rules). */
export const bookingTexts = {
  resourceNotFound: "Cette ressource n’existe pas dans la collectivité.",
  renterNotFound: "Ce demandeur n’est pas connu de la collectivité.",
  bookingNotFound: "Cette réservation n’existe pas.",
  sessionNotFound: "Cet atelier n’existe pas.",
  unavailable: (reason: string) => `Ressource temporairement indisponible : ${reason}`,
  insuranceLapsed: (until: string) =>
    `L’attestation d’assurance responsabilité civile de l’association n’est plus valable (fin le ${until}) : déposez une attestation en cours de validité avant de réserver.`,
  insuranceMissing: "Une association doit fournir une attestation d’assurance responsabilité civile en cours de validité.",
  trainingRequired: (resource: string) =>
    `La réservation de « ${resource} » demande une formation en cours de validité : inscrivez-vous à une session de formation du tiers-lieu.`,
  notExclusive: "Une quantité ne se demande que pour du matériel en prêt.",
  quantityOverStock: (stock: number) => `Le stock est de ${stock} unité(s) : impossible d’en prêter davantage.`,
  slotTaken: (resource: string) => `« ${resource} » est déjà réservé(e) sur ce créneau.`,
  stockShort: (resource: string, available: number) => `Il ne reste que ${available} unité(s) de « ${resource} » disponibles sur ce créneau.`,
  seriesConflicts: (resource: string, dates: string[]) =>
    `« ${resource} » est déjà réservé(e) ${dates.length === 1 ? "le" : "les"} ${dates.join(", ")} : retirez ces dates (exceptions) ou choisissez un autre créneau.`,
  seriesEmpty: "La règle de récurrence ne donne aucune date.",
  seriesTooLong: (max: number) => `Une série compte au plus ${max} dates.`,
  badRrule: "Règle de récurrence (RRULE) illisible, par exemple : FREQ=WEEKLY;BYDAY=TU;UNTIL=20280630.",
  periodOrder: "La fin doit suivre le début.",
  transition: (from: string, action: string) => `Une réservation à l’état « ${from} » ne peut pas être « ${action} ».`,
  blackoutReason: (title: string) => `Manifestation de la commune : ${title}`,
  optionLapsed: "Option arrivée à échéance sans confirmation.",
  sessionEnded: "Cet atelier est terminé.",
  alreadyRegistered: "Vous êtes déjà inscrit(e) à cet atelier.",
  busy: "Occupé",
  blackout: "Manifestation de la commune",
  rnaFormat: "Numéro RNA : la lettre W suivie de 9 chiffres.",
  rnaRequired: "Une association indique son numéro RNA.",
  periodRange: "Une période de 1 à 93 jours, la fin après le début.",
  stockOnlyForEquipment: "Le stock (quantité) se donne pour le matériel en prêt, et seulement pour lui.",
  trainingPeriod: "La fin de validité suit la date de formation.",
  tariffBeforeDeliberation: "Un tarif s’applique au plus tôt à la date de la délibération qui le fixe.",
  seriesExclusiveOnly: "Une série se réserve sur une salle, un local ou une machine.",
} as const;

export const STATE_LABELS: Record<string, string> = {
  option: "option",
  request: "demande",
  approved: "validée",
  confirmed: "confirmée",
  cancelled: "annulée",
  refused: "refusée",
  completed: "terminée",
  expired: "option échue",
  blackout: "manifestation communale",
};

export const ACTION_LABELS: Record<string, string> = {
  approve: "validée",
  confirm: "confirmée",
  refuse: "refusée",
  cancel: "annulée",
  complete: "terminée",
};
