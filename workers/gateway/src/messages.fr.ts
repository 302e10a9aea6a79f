/** French texts of the gateway's own pages. */
export const docsText = {
  title: "Référence de l’API Communa",
  skip: "Aller au contenu",
  intro: "Chaque opération ci-dessous est décrite dans le document OpenAPI 3.1, téléchargeable pour générer un client ou tester l’API.",
  download: "Télécharger le document OpenAPI (JSON)",
  tenantHint: "Les chemins sous /api/<domaine> s’adressent à une collectivité : préfixe /t/<collectivité> en local, sous-domaine en production.",
  toc: "Domaines",
  permission: "Droit requis",
  publicAccess: "accès public",
  authenticatedAccess: "toute personne identifiée",
  parameters: "Paramètres",
  responses: "Réponses",
  required: "obligatoire",
  footer: "Communa — plateforme numérique libre des collectivités.",
} as const;

/** French texts of the gateway's own answers. */
export const gatewayText = {
  geometryParam: "Le paramètre geometry vaut « true » ou « false ».",
} as const;
