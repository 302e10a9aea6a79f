/** French texts of the devices Worker (devices' operators and agents read them). */
export const texts = {
  duplicateSeq: "Numéro de séquence en double dans ce lot : l’événement n’est envoyé qu’une fois.",
  deviceOnly: "Seul un équipement authentifié par sa signature peut envoyer des événements.",
  wrongKind: (kind: string, allowed: readonly string[]) =>
    `Un équipement de type « ${kind} » ne peut pas envoyer ces événements (types admis : ${allowed.join(", ")}).`,
  unknownDevice: "Cet équipement n’est pas (ou plus) enregistré dans cette collectivité.",
  queueUnavailable: "La file d’attente des événements est momentanément indisponible : aucun événement de ce lot n’a été accepté, renvoyez-le.",
  kioskOnly: "Seule une borne d’accueil peut demander l’aide d’un conseiller.",
  deviceNotFound: "Aucun équipement actif ne porte cet identifiant.",
  kioskNotFound: "Aucune borne d’accueil active ne porte cet identifiant.",
  idleMinutes: "Durée en minutes attendue, de 1 à 60.",
} as const;
