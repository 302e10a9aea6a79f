/** French texts of the ingest side (agents read them on the dead-letter screen). */
export const ingestTexts = {
  invalidMessage: (issues: { path: string; message: string }[]) =>
    `Message invalide : ${issues.map((i) => (i.path ? `${i.path} — ${i.message}` : i.message)).join(" ; ")}`,
  retriesExhausted: "Nouvelles tentatives épuisées : la base de données est peut-être restée indisponible. Vérifiez-la, puis rejouez le message.",
  notJson: (why: string) => `Ce texte n’est pas un JSON valide (${why}).`,
  anomalyNotFound: "Aucune anomalie ne porte cet identifiant.",
  conflictNotAttachable:
    "Un numéro de séquence réutilisé ne se rattache pas à un bac : l’événement enregistré reste tel quel et la version reçue reste lisible dans l’anomalie. Enregistrez la version reçue comme un événement à part, ou écartez l’anomalie avec un motif.",
  recordOnlyConflicts: "Seule la version reçue d’un numéro de séquence réutilisé peut être enregistrée comme un événement à part.",
  recorded: (eventId: string) => `Version reçue enregistrée comme un événement à part (${eventId}).`,
  alreadyRecorded: "Cette version reçue est déjà enregistrée comme un événement.",
  anomalyClosed: "Cette anomalie est déjà traitée.",
  binNotFound: "Aucun bac de la collectivité ne porte cet identifiant.",
  attached: (chip: string | null) => `Rattaché au bac${chip ? ` de puce ${chip}` : ""}.`,
  notPending: "Ce message a déjà été rejoué ou écarté.",
  otherTenant: "Le message corrigé doit rester dans la collectivité d’origine.",
  deadLetterNotFound: "Aucun message rejeté ne porte cet identifiant.",
  queueUnavailable: "La file d’attente est momentanément indisponible : le message n’a pas été rejoué.",
} as const;
