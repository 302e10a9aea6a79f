import { AppError, invalid } from "./errors.ts";
import { coreTexts } from "./messages.fr.ts";
/**
 * Roles per tenant and the permissions they grant: the one table authorisation is derived from.
 * A route declares the permission it needs (`defineRoute({ requires })`); a person holds roles in
 * a tenant (an EPCI, a commune — or both, separately); `can()` checks one against the other.
 */

/** Services an agent can be scoped to (roadmap modules). */
export const SERVICES = [
  "waste",
  "urbanism",
  "france-services",
  "hr",
  "archives",
  "economy",
  "map",
  "directory",
  "citizen",
  "council",
  "bookings",
  "cemetery",
  "environment",
  // The security audit (issue #25): the RSSI / DPO of the collectivité.
  "security",
] as const;
export type Service = (typeof SERVICES)[number];

export type Role =
  | "admin"
  | `agent:${Service}`
  | "archivist"
  | "archive_controller"
  | "councillor"
  | "council_president"
  // France Services (issue #18): the referent corrects any conseiller's records.
  | "france_services_referent"
  | "merchant"
  | "resident"
  | "employee";

export const ROLES: readonly Role[] = [
  "admin",
  ...SERVICES.map((s) => `agent:${s}` as const),
  "archivist",
  "archive_controller",
  "councillor",
  "council_president",
  "france_services_referent",
  "merchant",
  "resident",
  // A staff member of the collectivité: reads their own digital safe (issue #23).
  "employee",
];

/** Every permission a route may require (besides "public"). */
export const PERMISSIONS = [
  "territory:write",
  "audit:read",
  "identity:admin",
  // Find the collectivité's people by name to designate one in a form (an agent assigned to an
  // intervention, a councillor, a member): names and roles here, nothing else (ADR 0026 pickers).
  "identity:people",
  ...SERVICES.flatMap((s) => [`${s}:read`, `${s}:write`]),
  "council:vote",
  "council:preside",
  // Archives (ADR 0015): open units not yet communicable and HR agent files; decide a disposal
  // and place legal holds (the archivist); record the control authority's visa.
  "archives:restricted",
  "archives:dispose",
  "archives:visa",
  "directory:own",
  "citizen:self",
  // Carried by device credentials (truck readers, cameras, sensors): post event batches and heartbeats.
  "devices:ingest",
  // The agent's own digital safe (issue #23): their documents and access journal, nobody else's.
  "staff:self",
  // France Services (issue #18): list and correct any conseiller's accompaniments (journalled).
  "france-services:correct",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const agent = (s: Service): Permission[] => [`${s}:read` as Permission, `${s}:write` as Permission, "identity:people"];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  ...(Object.fromEntries(SERVICES.map((s) => [`agent:${s}`, agent(s)])) as Record<`agent:${Service}`, Permission[]>),
  archivist: ["archives:read", "archives:write", "archives:restricted", "archives:dispose"],
  archive_controller: ["archives:read", "archives:visa"],
  councillor: ["council:read", "council:vote"],
  council_president: ["council:read", "council:vote", "council:preside"],
  france_services_referent: ["france-services:read", "france-services:write", "france-services:correct"],
  merchant: ["directory:own"],
  resident: ["citizen:self"],
  employee: ["staff:self"],
};

/** The permissions a set of roles grants in one tenant. */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  return [...new Set(roles.flatMap((r) => GRANTS[r] ?? []))].sort();
}

export function isPermission(p: string): p is Permission {
  return (PERMISSIONS as readonly string[]).includes(p);
}

/**
 * A credential (API key, device) may carry only known permissions that its creator holds:
 * nobody hands out more than they have.
 */
export function assertGrantable(held: readonly string[], requested: readonly string[]): void {
  const unknown = requested.filter((p) => !isPermission(p));
  if (unknown.length)
    throw invalid(
      undefined,
      unknown.map((p) => ({ path: "body/permissions", message: coreTexts.unknownPermission(p) })),
    );
  const beyond = requested.filter((p) => !held.includes(p));
  if (beyond.length) throw new AppError("forbidden", coreTexts.notHeld(beyond));
}
