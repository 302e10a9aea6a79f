/** Texts of the audit Worker's answers (French). */
export const m = {
  unknownMeasure: (n: number, known: number) => `La mesure ${n} n’est pas encore dans le référentiel (${known} mesures sur 42 dont le texte a été vérifié).`,
  noFinding: "Aucun constat de cette collectivité ne porte cet identifiant.",
  noIncident: "Aucun incident de cette collectivité ne porte cet identifiant.",
  unknownModule: "Ce module n’existe pas dans Communa.",
  closeNeedsEvidence: "Pour clore une action, indiquez la preuve de sa réalisation (document, lien, procès-verbal).",
  decisionNeedsAuthority: "Une décision d’homologation est prise par une autorité : indiquez sa fonction et le jour de la décision.",
  expiryBeforeDecision: "L’homologation expire après le jour de la décision.",
  notifiedBeforeDetection: "Une notification ne peut pas précéder la détection de l’incident.",
  controls: {
    archive: "Contrôle d’intégrité des archives électroniques",
    archiveNone: "Aucun contrôle d’intégrité des archives n’a encore été enregistré pour cette collectivité.",
    archiveUnavailable: "Le module d’archives ne répond pas : le dernier contrôle d’intégrité n’a pas pu être lu.",
    archiveResult: (at: string, checked: number, failed: number, chainOk: boolean) =>
      `Dernier contrôle le ${at} : ${checked} objet(s) relu(s), ${failed} en échec ; chaîne du journal ${chainOk ? "vérifiée" : "rompue"}.`,
    dependencies: "Audit des dépendances logicielles de Communa",
    dependenciesUnknown:
      "Aucun résultat d’audit des dépendances n’est conservé dans le dépôt : l’audit (npm run audit:deps) tourne à chaque intégration continue sans laisser de trace lisible ici.",
    restore: "Exercice de restauration de Communa",
    restoreUnknown:
      "Aucun résultat d’exercice de restauration n’est conservé : l’exercice (npm run drill:restore) tourne dans les tests sans laisser de trace lisible ici.",
    register: "Inventaire des données personnelles détenues dans Communa",
    registerResult: (tables: number, modules: number) => `Registre généré depuis le code : ${tables} tables de données personnelles dans ${modules} modules.`,
  },
} as const;
