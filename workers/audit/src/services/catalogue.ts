/**
 * Communa's modules as online services (the homologation pack, MonServiceSécurisé's description):
 * what each exposes, as the README's architecture states it, and the platform's measures every module
 * inherits, each with the decision record that establishes it and the test that proves it. The
 * data each module handles is not written here: it is read from the register of personal data
 * (db/src/retention.ts) through the table owners (db/src/ownership.ts), see services/rgpd.ts.
 */
import type { Domain } from "@communa/db/ownership";

export interface ModuleInfo {
  label: string;
  /** Who reaches it, and how (MonServiceSécurisé's « exposition »). */
  exposure: string;
}

export const MODULES: Readonly<Record<Domain, ModuleInfo>> = {
  territory: { label: "Territoire et page d’accueil", exposure: "pages publiques sur Internet ; modification par l’administration de la collectivité" },
  identity: {
    label: "Comptes, rôles et journal d’audit",
    exposure: "connexion sur Internet (lien par courriel, ProConnect, FranceConnect) ; administration réservée",
  },
  map: { label: "Carte du territoire", exposure: "portail public et flux OGC sur Internet ; édition réservée aux agents" },
  directory: { label: "Annuaire des commerces", exposure: "pages publiques sur Internet ; fiches gérées par les commerçants et les agents" },
  council: { label: "Conseil et séances", exposure: "page publique de séance en direct ; vote et secrétariat réservés aux élus et agents" },
  archive: { label: "Archives électroniques (SAE)", exposure: "réservé aux agents et archivistes ; aucun accès public" },
  devices: { label: "Appareils connectés", exposure: "envois signés par les appareils (HMAC) ; tableau réservé aux agents" },
  waste: { label: "Déchets et redevance incitative", exposure: "page « Mes déchets » des habitants connectés ; gestion réservée aux agents" },
  booking: { label: "Réservations de salles et de matériel", exposure: "formulaire public de demande sur Internet ; validation par les agents" },
  cemetery: { label: "Cimetières", exposure: "recherche publique de sépulture si la commune l’ouvre ; registre réservé aux agents" },
  environment: { label: "Eau et énergie", exposure: "page publique de la qualité de l’eau ; imports réservés aux agents" },
  citizen: { label: "Accueil et rendez-vous", exposure: "prise de rendez-vous et demandes sans compte sur Internet ; agenda réservé aux agents" },
  staff: {
    label: "Coffre-fort numérique du personnel",
    exposure: "coffre de chaque agent connecté (ses seuls documents) ; dépôt et contrôle réservés aux ressources humaines",
  },
  recruitment: {
    label: "Recrutement et offres d’emploi",
    exposure: "offres publiques et candidature sans compte sur Internet (suivi par lien signé) ; examen réservé aux ressources humaines",
  },
  economy: {
    label: "Zones d’activité économique",
    exposure: "export ouvert CNIG sans donnée personnelle sur Internet ; inventaire et propriétaires réservés aux agents",
  },
  "france-services": {
    label: "France Services",
    exposure: "permanences, ateliers et inscription sans compte sur Internet ; accompagnements et statistiques réservés aux conseillers",
  },
  audit: { label: "Audit de sécurité", exposure: "réservé au RSSI / DPO et à l’administration ; aucun accès public" },
};

export const HOSTING = "Cloudflare Workers (API), R2 (fichiers), Postgres Neon (base de données) — régions et contrats : selon le déploiement, à compléter";

/** The platform's own measures, inherited by every module, each with where it is decided and proven. */
export const PLATFORM_MEASURES = [
  { measure: "Cloisonnement des collectivités par la base (sécurité au niveau des lignes)", proof: "ADR 0002 ; tests/integration/cross-tenant.test.ts" },
  { measure: "Journal d’audit chaîné de chaque modification, points de contrôle signés", proof: "ADR 0007, ADR 0020" },
  { measure: "Autorisations écrites à la main et vérifiées pour chaque rôle et chaque route", proof: "ADR 0034 ; tests/security/access-policy.ts" },
  { measure: "API éprouvée par fuzzing à chaque intégration continue (aucune erreur 5xx)", proof: "ADR 0034 ; tests/security/fuzz.ts" },
  { measure: "Politique de sécurité du contenu sans script en ligne, HSTS, cookies Secure et HttpOnly", proof: "ADR 0018, ADR 0034" },
  { measure: "Exercice de restauration de la base et des fichiers", proof: "ADR 0034 ; npm run drill:restore" },
  { measure: "Audit des dépendances et des licences", proof: "ADR 0034 ; npm run audit:deps" },
] as const;
