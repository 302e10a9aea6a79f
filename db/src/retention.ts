/**
 * The register of personal data (RGPD art. 30, the start of the controller's record): every table
 * that holds data about a person, what it holds, why, on which legal basis, how long, and which
 * database function deletes it when its time is up. The privacy page of each tenant is generated
 * from this list (site/src/pages/[slug]/donnees-personnelles/), and `retention.test.ts` checks it
 * against the database itself: each purge function really deletes from its table after the period
 * stated here, and no table with personal columns is missing from the register.
 *
 * Texts are in French: residents read them.
 */

/**
 * The database's purge functions (each SECURITY DEFINER, visiting every tenant, returning what it
 * deleted as JSON); core's `db.applyRetention(rule)` calls only these.
 */
export const PURGE_FUNCTIONS = [
  "purge_expired",
  "purge_waste_expired",
  "purge_waste_events_expired",
  "purge_council_expired",
  "purge_directory_expired",
  "purge_booking_expired",
  "purge_cemetery_expired",
  "purge_citizen_expired",
  "purge_recruitment_expired",
  "purge_economy_expired",
  "purge_france_services_expired",
] as const;
export type PurgeFunction = (typeof PURGE_FUNCTIONS)[number];

export interface RetentionEntry {
  /** SQL table. */
  table: string;
  /** Module, as residents know it. */
  module: string;
  /** What it holds about a person. */
  holds: string;
  /** Why it is kept. */
  purpose: string;
  /** Legal basis (RGPD art. 6). */
  basis: "mission d’intérêt public" | "obligation légale" | "consentement" | "exécution d’un contrat";
  /** How long, as people read it. */
  period: string;
  /** The Postgres interval the purge function applies, when the period is a fixed delay. */
  interval?: string;
  /** The function that applies the period (daily cron of the owning Worker), or null when rows are kept by design. */
  purgedBy: PurgeFunction | null;
}

export const RETENTION_REGISTER: readonly RetentionEntry[] = [
  // Identity (the identity Worker's daily cron runs app.purge_expired()).
  {
    table: "people",
    module: "Comptes",
    holds: "nom affiché, adresse électronique",
    purpose: "vous reconnaître quand vous vous connectez",
    basis: "mission d’intérêt public",
    period: "3 ans après la dernière connexion, quand plus aucun rôle ne vous est attribué",
    interval: "3 years",
    purgedBy: "purge_expired",
  },
  {
    table: "memberships",
    module: "Comptes",
    holds: "vos rôles dans la collectivité",
    purpose: "ouvrir à chacun les seuls services de son rôle",
    basis: "mission d’intérêt public",
    period: "tant que le rôle vous est attribué",
    purgedBy: null,
  },
  {
    table: "sessions",
    module: "Comptes",
    holds: "navigateur utilisé (résumé), heures de connexion",
    purpose: "garder votre session ouverte et vous montrer vos sessions actives",
    basis: "mission d’intérêt public",
    period: "30 jours après la fin de la session",
    interval: "30 days",
    purgedBy: "purge_expired",
  },
  {
    table: "magic_links",
    module: "Comptes",
    holds: "lien de connexion envoyé par courriel (empreinte seulement)",
    purpose: "vous connecter sans mot de passe",
    basis: "mission d’intérêt public",
    period: "1 jour",
    interval: "1 day",
    purgedBy: "purge_expired",
  },
  {
    table: "outbox",
    module: "Comptes",
    holds: "destinataire et objet des courriels envoyés",
    purpose: "envoyer les courriels de la plateforme",
    basis: "mission d’intérêt public",
    period: "30 jours",
    interval: "30 days",
    purgedBy: "purge_expired",
  },
  {
    table: "person_identities",
    module: "Comptes",
    holds: "identifiant attribué par ProConnect ou FranceConnect",
    purpose: "relier votre compte d’identité à votre compte",
    basis: "mission d’intérêt public",
    period: "supprimé avec le compte ou le fournisseur",
    purgedBy: null,
  },
  {
    table: "api_keys",
    module: "Administration",
    holds: "nom de la clé et personne qui l’a créée",
    purpose: "tracer les accès des logiciels partenaires",
    basis: "mission d’intérêt public",
    period: "1 an après l’expiration ou la révocation",
    interval: "1 year",
    purgedBy: "purge_expired",
  },
  {
    table: "devices",
    module: "Administration",
    holds: "nom de l’équipement (pas de donnée sur une personne, sauf si son nom en contient)",
    purpose: "authentifier les lecteurs et capteurs",
    basis: "mission d’intérêt public",
    period: "1 an après la révocation",
    interval: "1 year",
    purgedBy: "purge_expired",
  },
  {
    table: "audit_journal",
    module: "Journal d’audit",
    holds: "qui a fait quelle modification, et quand",
    purpose: "rendre compte de chaque modification (traçabilité)",
    basis: "obligation légale",
    period: "10 ans (documents administratifs) ; la purge n’est pas encore automatisée, aucune entrée n’a cet âge",
    purgedBy: null,
  },
  // Directory.
  {
    table: "directory_businesses",
    module: "Annuaire des commerces",
    holds: "coordonnées professionnelles de l’entreprise, compte de la personne qui gère la fiche",
    purpose: "publier l’annuaire des commerces, artisans et producteurs",
    basis: "consentement",
    period: "tant que l’entreprise existe et que sa fiche est maintenue",
    purgedBy: null,
  },
  {
    table: "directory_claims",
    module: "Annuaire des commerces",
    holds: "demande de gestion d’une fiche par une personne",
    purpose: "vérifier que la personne représente l’entreprise",
    basis: "mission d’intérêt public",
    period: "90 jours",
    interval: "90 days",
    purgedBy: "purge_directory_expired",
  },
  // Citizen relations (the citizen Worker's daily cron).
  {
    table: "citizen_appointments",
    module: "Rendez-vous",
    holds: "nom, adresse électronique et/ou téléphone, commune de résidence, rendez-vous pris",
    purpose: "vous recevoir, vous confirmer, déplacer ou annuler le rendez-vous",
    basis: "mission d’intérêt public",
    period: "2 ans après le rendez-vous",
    interval: "2 years",
    purgedBy: "purge_citizen_expired",
  },
  {
    table: "citizen_requests",
    module: "Demandes et accueil",
    holds: "objet de votre demande, nom et coordonnées, agent chargé, accusés de réception",
    purpose: "suivre votre demande et prouver sa réception (CRPA L112-11)",
    basis: "obligation légale",
    period: "2 ans après sa clôture",
    interval: "2 years",
    purgedBy: "purge_citizen_expired",
  },
  {
    table: "citizen_agents",
    module: "Rendez-vous",
    holds: "nom des agents qui reçoivent",
    purpose: "tenir leur agenda",
    basis: "mission d’intérêt public",
    period: "tant que l’agent reçoit du public",
    purgedBy: null,
  },
  // Council.
  {
    table: "council_members",
    module: "Conseil",
    holds: "nom, date de naissance, mandat",
    purpose: "tenir la liste des élus, le quorum et la règle de l’âge en cas d’égalité",
    basis: "obligation légale",
    period: "archives publiques : conservé sans limite, la date de naissance disparaît avec la fiche de l’élu",
    purgedBy: null,
  },
  {
    table: "council_minutes_transfers",
    module: "Conseil",
    holds: "identifiant de la personne qui a clos la séance",
    purpose: "la désigner comme auteur du versement du procès-verbal aux archives",
    basis: "obligation légale",
    period: "archives publiques : conservé avec la séance",
    purgedBy: null,
  },
  {
    table: "council_deliberations",
    module: "Conseil",
    holds: "résultat de chaque délibération adoptée (pour un scrutin public par appel nominal, le vote de chaque élu)",
    purpose: "numéroter, publier et transmettre au contrôle de légalité les délibérations (CGCT L2121-25, L2131-1)",
    basis: "obligation légale",
    period: "archives publiques : conservé sans limite",
    purgedBy: null,
  },
  {
    table: "council_convocations",
    module: "Conseil",
    holds: "envoi et accusé de réception de chaque convocation",
    purpose: "prouver la régularité de la convocation (CGCT)",
    basis: "obligation légale",
    period: "6 ans",
    purgedBy: "purge_council_expired",
  },
  // Waste (the waste Worker's daily cron).
  {
    table: "waste_premises",
    module: "Déchets",
    holds: "adresse du local, personne qui l’occupe",
    purpose: "établir la redevance ou la taxe incitative",
    basis: "obligation légale",
    period: "tant que le local figure au registre ; la suppression 6 ans après sa fermeture n’est pas encore automatisée",
    purgedBy: null,
  },
  {
    table: "waste_billing_runs",
    module: "Déchets",
    holds: "calculs de la part incitative par local",
    purpose: "établir et justifier la facturation",
    basis: "obligation légale",
    period: "6 ans (droit de reprise de l’administration fiscale)",
    interval: "6 years",
    purgedBy: "purge_waste_expired",
  },
  {
    table: "waste_bin_checks",
    module: "Déchets",
    holds: "contrôles des bacs et leurs photos, agent qui les a faits",
    purpose: "informer sur la qualité du tri",
    basis: "mission d’intérêt public",
    period: "3 ans",
    interval: "3 years",
    purgedBy: "purge_waste_expired",
  },
  {
    table: "waste_interventions",
    module: "Déchets",
    holds: "demandes d’intervention (qui, quoi, où)",
    purpose: "livrer, réparer ou retirer les bacs",
    basis: "mission d’intérêt public",
    period: "5 ans après l’intervention",
    interval: "5 years",
    purgedBy: "purge_waste_expired",
  },
  {
    table: "waste_chip_assignments",
    module: "Déchets",
    holds: "historique des puces attribuées aux bacs",
    purpose: "relier chaque levée au bon bac",
    basis: "obligation légale",
    period: "6 ans après le retrait de la puce",
    interval: "6 years",
    purgedBy: "purge_waste_expired",
  },
  {
    table: "waste_lifts",
    module: "Déchets",
    holds: "levées de votre bac (date, heure, poids)",
    purpose: "base de la part incitative",
    basis: "obligation légale",
    period: "6 ans (droit de reprise de l’administration fiscale)",
    interval: "6 years",
    purgedBy: "purge_waste_events_expired",
  },
  {
    table: "waste_sorting_events",
    module: "Déchets",
    holds: "erreurs de tri constatées par les caméras des camions, par bac",
    purpose: "informer sur la qualité du tri",
    basis: "mission d’intérêt public",
    period: "3 ans",
    interval: "3 years",
    purgedBy: "purge_waste_events_expired",
  },
  {
    table: "waste_anomalies",
    module: "Déchets",
    holds: "anomalies de collecte rattachées à une puce",
    purpose: "corriger le registre",
    basis: "mission d’intérêt public",
    period: "1 an après leur résolution",
    interval: "1 year",
    purgedBy: "purge_waste_events_expired",
  },
  {
    table: "waste_dead_letters",
    module: "Déchets",
    holds: "messages d’équipements refusés, qui peuvent citer une puce",
    purpose: "corriger et rejouer les messages",
    basis: "mission d’intérêt public",
    period: "90 jours après leur traitement",
    interval: "90 days",
    purgedBy: "purge_waste_events_expired",
  },
  // Archives.
  {
    table: "archive_units",
    module: "Archives",
    holds: "description des documents archivés, nom et dates des agents (dossiers du personnel)",
    purpose: "conserver les archives publiques (Code du patrimoine)",
    basis: "obligation légale",
    period: "durée d’utilité administrative de chaque règle de gestion, puis sort final visé par le contrôle scientifique et technique",
    purgedBy: null,
  },
  {
    table: "archive_disposals",
    module: "Archives",
    holds: "qui a décidé et qui a visé une élimination",
    purpose: "prouver la régularité de l’élimination",
    basis: "obligation légale",
    period: "conservé sans limite (preuve de l’élimination)",
    purgedBy: null,
  },
  // Bookings (the booking Worker's daily cron).
  {
    table: "booking_renters",
    module: "Réservations",
    holds: "nom, adresse électronique, numéro RNA et fin de validité de l’assurance de l’association",
    purpose: "réserver une salle, du matériel ou une place d’atelier",
    basis: "mission d’intérêt public",
    period: "3 ans après la création, tant qu’aucune réservation ne s’y rattache plus",
    interval: "3 years",
    purgedBy: "purge_booking_expired",
  },
  {
    table: "booking_bookings",
    module: "Réservations",
    holds: "vos réservations (ressource, dates, objet, somme due)",
    purpose: "attribuer les salles sans double réservation, établir ce qui est dû",
    basis: "mission d’intérêt public",
    period: "3 ans après la fin de la réservation",
    interval: "3 years",
    purgedBy: "purge_booking_expired",
  },
  {
    table: "booking_trainings",
    module: "Réservations",
    holds: "vos formations aux machines du tiers-lieu (formateur, dates)",
    purpose: "n’ouvrir une machine qu’aux personnes formées",
    basis: "mission d’intérêt public",
    period: "1 an après la fin de validité",
    interval: "1 year",
    purgedBy: "purge_booking_expired",
  },
  {
    table: "booking_registrations",
    module: "Réservations",
    holds: "vos inscriptions aux ateliers et listes d’attente",
    purpose: "attribuer les places des ateliers",
    basis: "mission d’intérêt public",
    period: "3 ans après l’atelier",
    interval: "3 years",
    purgedBy: "purge_booking_expired",
  },
  // Cemeteries (the cemetery Worker's daily cron).
  {
    table: "cemetery_deceased",
    module: "Cimetières",
    holds: "nom, dates de naissance, de décès et d’inhumation, emplacement de la sépulture",
    purpose: "tenir le registre du cimetière et les opérations funéraires (CGCT)",
    basis: "obligation légale",
    period: "archives publiques : conservé sans limite (registre du cimetière)",
    purgedBy: null,
  },
  {
    table: "cemetery_concession_people",
    module: "Cimetières",
    holds: "nom, adresse et lien de parenté des titulaires et ayants droit d’une concession",
    purpose: "gérer la concession, son renouvellement et la procédure de reprise",
    basis: "obligation légale",
    period: "durée de la concession, puis jusqu’à 10 ans après la fin du délai de renouvellement",
    purgedBy: "purge_cemetery_expired",
  },
  // Staff digital safe (ADR 0039): documents carry their own `retain_until` (rules.ts, D3243-8).
  {
    table: "staff_agents",
    module: "Coffre-fort des agents",
    holds: "nom, matricule, service, poste, adresse électronique professionnelle, année de naissance, date de départ",
    purpose: "remettre à chaque agent ses bulletins de paie, arrêtés et contrats dans son coffre-fort numérique (CPCE L103)",
    basis: "obligation légale",
    period: "aussi longtemps que ses documents : bulletins de paie 50 ans ou jusqu’à ses 75 ans (le plus tardif, D3243-8)",
    purgedBy: null,
  },
  {
    table: "staff_access_journal",
    module: "Coffre-fort des agents",
    holds: "qui a consulté, téléchargé ou exporté quel document d’un agent, et quand",
    purpose: "tracer chaque accès au coffre-fort (CPCE L103), lisible par l’agent",
    basis: "obligation légale",
    period: "aussi longtemps que les documents de l’agent",
    purgedBy: null,
  },
  // Security audit (issue #25): the incident register may name people a breach concerns.
  {
    table: "security_incidents",
    module: "Audit de sécurité",
    holds: "description des incidents de sécurité, qui peut citer les personnes concernées par une violation de données",
    purpose: "documenter les violations de données et leurs notifications (RGPD art. 33 §5)",
    basis: "obligation légale",
    period: "tant que la collectivité tient son registre des incidents ; la purge n’est pas encore automatisée",
    purgedBy: null,
  },
  // Recruitment (the recruitment Worker's daily job: re-ask mails, then the purge; ADR 0040).
  {
    table: "recruitment_applications",
    module: "Offres d’emploi",
    holds:
      "nom, adresse électronique, téléphone et adresse postale si donnés, CV et lettre, notes et évaluations du jury, entretiens ; si vous le déclarez, votre statut de travailleur handicapé et les aménagements demandés (donnée de santé, lue par le service RH hors sélection à l’aveugle, chaque lecture journalisée)",
    purpose: "examiner votre candidature et vous répondre ; avec votre accord, vous proposer d’autres postes",
    basis: "mission d’intérêt public",
    period: "3 mois après la décision sans votre accord ; 2 ans après le dernier contact avec votre accord (vous êtes sollicité avant l’échéance)",
    interval: "3 months",
    purgedBy: "purge_recruitment_expired",
  },
  {
    table: "recruitment_facts",
    module: "Offres d’emploi",
    holds: "pour chaque candidature, sans nom ni coordonnées : canal, catégorie, étape atteinte, issue, dates, genre s’il a été déclaré",
    purpose: "les statistiques du recrutement et du rapport social unique (délais, canaux, égalité femmes-hommes)",
    basis: "obligation légale",
    period: "6 ans ; le lien à la candidature disparaît avec elle",
    interval: "6 years",
    purgedBy: "purge_recruitment_expired",
  },
  // Activity zones (the economy Worker's daily cron).
  {
    table: "economy_owners",
    module: "Zones d’activité",
    holds: "nom et adresse des propriétaires d’unités foncières (personnes physiques comprises)",
    purpose: "tenir l’inventaire des zones d’activité et consulter les propriétaires (Code de l’urbanisme L318-8-2)",
    basis: "obligation légale",
    period: "tant que la personne est propriétaire, puis 6 ans (un cycle de l’inventaire)",
    purgedBy: "purge_economy_expired",
  },
  {
    table: "economy_letters",
    module: "Zones d’activité",
    holds: "nom et adresse des propriétaires et occupants consultés, leur réponse",
    purpose: "consulter propriétaires et occupants pendant 30 jours avant l’adoption de l’inventaire (L318-8-2)",
    basis: "obligation légale",
    period: "6 ans après l’adoption de l’inventaire (sa mise à jour)",
    purgedBy: "purge_economy_expired",
  },
  // France Services (the france-services Worker's daily cron; ADR 0045, docs/france-services-dpia.md).
  {
    table: "france_services_accompaniments",
    module: "France Services",
    holds:
      "pour chaque accompagnement : jour, durée, commune de résidence, organisme et famille de démarche, résultat, autonomie numérique, référence d’un mandat Aidants Connect — ni nom, ni adresse, ni texte libre, ni document",
    purpose: "suivre l’activité de la France Services et en rendre compte (statistiques du label)",
    basis: "mission d’intérêt public",
    period: "3 ans après l’accompagnement (date de fin portée par chaque ligne)",
    purgedBy: "purge_france_services_expired",
  },
  {
    table: "france_services_registrations",
    module: "France Services",
    holds: "nom, adresse électronique ou téléphone de la personne inscrite à un atelier",
    purpose: "vous accueillir à l’atelier et vous prévenir d’un changement",
    basis: "mission d’intérêt public",
    period: "1 mois après l’atelier",
    interval: "1 month",
    purgedBy: "purge_france_services_expired",
  },
];

/**
 * Columns that say a table holds personal data, and tables that have such a column but hold none
 * about a person (with the reason), for the completeness check.
 */
export const PERSONAL_COLUMNS =
  /^(email|display_name|full_name|birth_date|agent_name|agent_birth_date|user_agent|person_id|owner_person_id|occupant_person_id|agent_person_id|requested_by_person_id|assigned_to_person_id|recipient|subject|created_by|decided_by|visa_by|actor_id|chip_id|phone)$/;

export const NOT_PERSONAL: Readonly<Record<string, string>> = {
  citizen_services: "coordonnées publiques du service",
  tenant_profiles: "coordonnées publiques de la mairie",
  waste_bins: "la puce d’un bac n’identifie une personne qu’à travers le registre des locaux, qui figure au registre",
  archive_journal: "journal de l’archive : agents et clés, pas d’usagers ; conservé avec les archives",
  signage_boards: "affichage public (liens des bornes, annonces, horaires, permanences) ; son auteur est au journal d’audit",
};
