/**
 * Which domain owns each table (ADR 0025). A domain reads and writes only its own tables; it asks
 * the owner over RPC for anything else (a role is granted by identity, a device is looked up in
 * identity's registry). tests/node/boundaries.test.ts checks every domain Worker's code against
 * this list — the tables its drizzle code names and its raw SQL names — and that every table of
 * the schema is listed here.
 *
 * Two kinds of shared access, each a deliberate door rather than a leak:
 * - `reference`: read by every domain, written by its owner only. The tenant registry and the
 *   communes are what RLS policies and `db.reference()` already expose to everyone read-only.
 * - `outbox`: every domain may queue an e-mail (insert); only the mail sender reads and deletes.
 */
export type Domain =
  | "archive"
  | "council"
  | "devices"
  | "directory"
  | "identity"
  | "map"
  | "territory"
  | "waste"
  | "booking"
  | "cemetery"
  | "environment"
  | "citizen"
  | "staff"
  | "audit"
  | "recruitment"
  | "france-services"
  | "economy";

export interface Ownership {
  owner: Domain;
  /** Who else may do what (see above); absent: nobody but the owner. */
  shared?: "reference" | "outbox";
}

const own = (owner: Domain, tables: string[], shared?: Ownership["shared"]): [string, Ownership][] =>
  tables.map((t) => [t, shared ? { owner, shared } : { owner }]);

export const TABLE_OWNERS: Readonly<Record<string, Ownership>> = Object.fromEntries([
  ...own("territory", ["tenants", "communes"], "reference"),
  ...own("territory", ["competences", "competence_transfers", "tenant_profiles", "tenant_identities"]),
  ...own("identity", [
    "audit_journal",
    "audit_checkpoints",
    "api_keys",
    "people",
    "memberships",
    "sessions",
    "magic_links",
    "identity_providers",
    "person_identities",
    "devices",
    "device_keys",
  ]),
  ...own("identity", ["outbox"], "outbox"),
  // Kiosks' links and the station screen's board (ADR 0046).
  ...own("devices", ["signage_boards"]),
  ...own("map", ["map_layers", "map_features"]),
  ...own("directory", ["directory_businesses", "directory_products", "directory_claims", "directory_photos"]),
  ...own("council", [
    "council_councils",
    "council_members",
    "council_rooms",
    "council_sittings",
    "council_sitting_rooms",
    "council_agenda_items",
    "council_convocations",
    "council_proxies",
    "council_minutes_transfers",
    "council_deliberations",
  ]),
  ...own("archive", [
    "archive_rules",
    "archive_deposits",
    "archive_units",
    "archive_objects",
    "archive_journal",
    "archive_disposals",
    "archive_disposal_units",
    "archive_audits",
  ]),
  ...own("waste", [
    "waste_premises",
    "waste_depots",
    "waste_bins",
    "waste_bin_shares",
    "waste_chip_assignments",
    "waste_tariffs",
    "waste_tariff_rates",
    "waste_billing_runs",
    "waste_billing_lines",
    "waste_interventions",
    "waste_stock_items",
    "waste_stock_levels",
    "waste_stock_movements",
    "waste_bin_checks",
    "waste_idempotency",
    "waste_lifts",
    "waste_sorting_events",
    "waste_anomalies",
    "waste_dead_letters",
  ]),
  ...own("booking", [
    "booking_resources",
    "booking_renters",
    "booking_trainings",
    "booking_tariffs",
    "booking_series",
    "booking_bookings",
    "booking_sessions",
    "booking_registrations",
  ]),
  ...own("cemetery", [
    "cemetery_settings",
    "cemetery_cemeteries",
    "cemetery_plots",
    "cemetery_tariffs",
    "cemetery_concessions",
    "cemetery_concession_people",
    "cemetery_deceased",
    "cemetery_operations",
    "cemetery_abandonments",
    "cemetery_abandonment_steps",
  ]),
  ...own("environment", [
    "env_water_networks",
    "env_water_samples",
    "env_water_results",
    "env_piezo_stations",
    "env_piezo_readings",
    "env_drought_levels",
    "env_dead_letters",
    "env_anomalies",
    "env_buildings",
    "env_meters",
    "env_readings",
    "env_load_points",
    "env_energy_alerts",
  ]),
  ...own("citizen", [
    "citizen_services",
    "citizen_places",
    "citizen_desks",
    "citizen_motifs",
    "citizen_agents",
    "citizen_opening_rules",
    "citizen_absences",
    "citizen_closures",
    "citizen_appointments",
    "citizen_calendar_messages",
    "citizen_link_keys",
    "citizen_request_types",
    "citizen_requests",
  ]),
  ...own("staff", [
    "staff_settings",
    "staff_keys",
    "staff_agents",
    "staff_batches",
    "staff_documents",
    "staff_access_journal",
    "staff_oppositions",
    "staff_photo_consents",
  ]),
  ...own("audit", [
    "security_measure_status",
    "security_findings",
    "security_assessments",
    "security_homologations",
    "security_processing_notes",
    "security_incidents",
  ]),
  ...own("recruitment", [
    "recruitment_parameters",
    "recruitment_vacancies",
    "recruitment_declarations",
    "recruitment_publications",
    "recruitment_applications",
    "recruitment_files",
    "recruitment_notes",
    "recruitment_scores",
    "recruitment_interviews",
    "recruitment_tasks",
    "recruitment_link_keys",
    "recruitment_facts",
    "recruitment_health",
  ]),
  ...own("economy", [
    "economy_poles",
    "economy_sites",
    "economy_terrains",
    "economy_owners",
    "economy_establishments",
    "economy_establishment_terrains",
    "economy_occupancies",
    "economy_vacancy_snapshots",
    "economy_inventories",
    "economy_letters",
    "economy_transmissions",
  ]),
  ...own("france-services", [
    "france_services_partners",
    "france_services_places",
    "france_services_accompaniments",
    "france_services_sessions",
    "france_services_registrations",
  ]),
]);
