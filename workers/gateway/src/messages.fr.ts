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

/** French texts of the gateway's refusals (authentication, bodies, addresses). */
export const gatewayText = {
  geometryParam: "Le paramètre geometry vaut « true » ou « false ».",
  testActorInvalid: "Acteur de test invalide.",
  apiKeyNeedsTenant: "Une clé d’API s’utilise à l’adresse de sa collectivité.",
  deviceNeedsTenant: "Un équipement s’adresse à l’adresse de sa collectivité.",
  csrfRefused: "Requête refusée : jeton CSRF absent ou invalide, ou origine différente.",
  bodyTooLarge: (limitBytes: number) => `Le corps de la requête dépasse ${Math.round(limitBytes / 1024)} Kio.`,
  dbNotResponding: "La base de données ne répond pas.",
  tenantUnknown: (slug: string) => `Aucune collectivité « ${slug} ».`,
  liveCrossSite: "Connexion en direct refusée depuis un autre site.",
} as const;
