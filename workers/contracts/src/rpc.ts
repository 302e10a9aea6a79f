/**
 * What crosses a service binding between Workers (Workers RPC): the trusted context the gateway
 * hands over, the one result shape every RPC method returns, and the interfaces each Worker offers
 * another. Errors lose their class across RPC (the caller gets a bare Error with a string), so a
 * method never throws for an expected refusal: it returns `{ ok: false, problem }` carrying the
 * same fields as core's HTTP problems (RFC 9457), and the caller turns it back into the same error
 * (`rpcValue` in @communa/core). Helpers that produce it from an error live in core too, with the
 * closed error set.
 */
import { z } from "zod";
import { DEVICE_KINDS } from "./devices.ts";

export const tenantSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  kind: z.enum(["epci", "commune"]),
  name: z.string(),
  siren: z.string(),
  insee: z.string().nullable(),
  parentId: z.uuid().nullable(),
});
export type Tenant = z.infer<typeof tenantSchema>;

/** Who is calling. Identity (issue 3) adds people, API keys and devices; the shape is fixed here. */
export const actorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("anonymous") }),
  z.object({
    kind: z.literal("person"),
    id: z.string(),
    /** Permissions held in the current tenant, e.g. "territory:write". */
    permissions: z.array(z.string()),
  }),
  z.object({
    kind: z.literal("api-key"),
    id: z.string(),
    /** Effective permissions: the key's own, narrowed to what its person and parent key hold now. */
    permissions: z.array(z.string()),
    /**
     * The person the key acts for (who created it, or who created its parent key). Absent or null:
     * a credential of no person (scheduled system work), which never counts as "a person".
     */
    personId: z.string().nullable().optional(),
  }),
  z.object({ kind: z.literal("device"), id: z.string(), permissions: z.array(z.string()) }),
]);
export type Actor = z.infer<typeof actorSchema>;

/** A field's error, as in a problem+json `errors` entry. */
export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });

/** The fields of an RFC 9457 problem, as core's HTTP problems carry them. */
export const problemSchema = z.object({
  /** `urn:communa:probleme:<kind>`, kind from core's closed error set. */
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
  retryAfter: z.number().optional(),
});
export type RpcProblem = z.infer<typeof problemSchema>;

/** The one result shape of every RPC method between Workers. */
export type RpcResult<T> = { ok: true; value: T } | { ok: false; problem: RpcProblem };

/** The schema of an `RpcResult<T>`, for a caller that checks what it received. */
export const rpcResultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion("ok", [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), problem: problemSchema })]);

/** A device's signed request as the gateway read it (headers, method, path and body digest). */
export interface SignedDeviceRequest {
  deviceId: string;
  keyId: string;
  timestamp: string;
  nonce: string;
  signature: string;
  method: string;
  pathAndQuery: string;
  bodyDigest: string;
}

/**
 * What the gateway may call on every domain Worker's main entrypoint. `serve` answers HTTP (its
 * errors are problem+json responses already); the others return the one result shape.
 */
export interface GatewayIdentityService {
  /** The actor an API key stands for in `tenant`; problem `unauthenticated` (with why) if refused. */
  authenticateApiKey(tenant: Tenant, key: string, requestId: string): Promise<RpcResult<Actor>>;
  /** The actor a device's signed request stands for; problem `unauthenticated` if refused. */
  authenticateDevice(tenant: Tenant, req: SignedDeviceRequest): Promise<RpcResult<Actor>>;
  /** The person a session cookie stands for; problem `unauthenticated` (expired, revoked) if not. */
  authenticateSession(tenant: Tenant, token: string, requestId: string): Promise<RpcResult<Actor>>;
}

/**
 * The platform's tenants as the public `GET /api/tenants` lists them (what the site builds its
 * tenant pages from, ADR 0025 amendment): each tenant, and the communes they cover, each once,
 * keyed by INSEE code (an EPCI's members are the commune tenants whose `parent` is its slug).
 */
export const tenantListingSchema = z.object({
  slug: z.string(),
  kind: z.enum(["epci", "commune"]),
  /** Name shown to people (usage name). */
  name: z.string(),
  /** Registered name (DGCL / INSEE). */
  legalName: z.string(),
  /** Short name people use for an EPCI ("CCLVD"), null when it has none. */
  shortName: z.string().nullable(),
  siren: z.string(),
  /** INSEE code of a commune tenant. */
  insee: z.string().nullable(),
  /** Slug of the EPCI a commune tenant belongs to. */
  parent: z.string().nullable(),
  /** Its own accent colour (#rrggbb, checked at 4.5:1 on the light page), null: none of its own. */
  accent: z.string().nullable(),
  /** The accent's dark-mode variant (computed, 4.5:1 on the dark page), null with it. */
  accentDark: z.string().nullable(),
  /** Its own logo or coat of arms; `src` is root-relative (the tenant's API through the gateway). */
  logo: z.object({ src: z.string(), alt: z.string(), width: z.number().int(), height: z.number().int() }).nullable(),
});
/** A GeoJSON position: longitude, latitude (WGS84). */
const position = z.array(z.number()).min(2);
export const communeListingSchema = z.object({
  insee: z.string(),
  name: z.string(),
  /** Slug of the commune's tenant. */
  tenant: z.string(),
  postcode: z.string(),
  siren: z.string(),
  epciSiren: z.string(),
  /** Legal municipal population (INSEE) of `populationYear`. */
  population: z.number().int(),
  populationTotal: z.number().int(),
  populationYear: z.number().int(),
  /** GeoJSON Polygon or MultiPolygon (WGS84), when asked for. */
  boundary: z
    .discriminatedUnion("type", [
      z.object({ type: z.literal("Polygon"), coordinates: z.array(z.array(position)) }),
      z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(z.array(position))) }),
    ])
    .optional(),
});
export const tenantDirectorySchema = z.object({ tenants: z.array(tenantListingSchema), communes: z.array(communeListingSchema) });
export type TenantDirectory = z.infer<typeof tenantDirectorySchema>;

/** The territory Worker's answer to the gateway's tenant look-up (null: no tenant has that slug). */
export interface GatewayTerritoryService {
  resolveTenant(slug: string): Promise<RpcResult<Tenant | null>>;
  /** Every tenant and the communes they cover (boundaries only when `withGeometry`). */
  listTenants(withGeometry: boolean): Promise<RpcResult<TenantDirectory>>;
}

/** A device as identity's registry knows it (what the devices Worker may read of it). */
export const registeredDeviceSchema = z.object({
  id: z.uuid(),
  kind: z.enum(DEVICE_KINDS),
  name: z.string(),
  /** ISO 8601. */
  registeredAt: z.string(),
});
export type RegisteredDevice = z.infer<typeof registeredDeviceSchema>;

/** A role granted on the evidence a domain holds (a granted claim): who, which role, and why. */
export const roleGrantSchema = z.object({
  personId: z.uuid(),
  role: z.string(),
  /** Journalled with the membership, e.g. "claim:<id>". */
  reason: z.string().min(1).max(200),
});
export type RoleGrant = z.infer<typeof roleGrantSchema>;

/**
 * The identity Worker's door for the directory (named entrypoint `DirectoryIdentity`, bound as
 * IDENTITY in the directory's wrangler.toml). The directory can grant only the roles identity lets
 * it hand out (merchant): nobody grants more than they hold.
 */
export interface DirectoryIdentityService {
  grantRole(tenant: Tenant, grant: RoleGrant, actor: Actor, requestId: string): Promise<RpcResult<{ personId: string; role: string; granted: boolean }>>;
}

/**
 * The identity Worker's door for the devices Worker (named entrypoint `DevicesIdentity`): reads of
 * the device registry, nothing else.
 */
export interface DevicesIdentityService {
  /** The tenant's devices that are not revoked, newest first. */
  activeDevices(tenant: Pick<Tenant, "id">): Promise<RpcResult<RegisteredDevice[]>>;
  /** One device if registered and not revoked (problem notFound otherwise). */
  activeDevice(tenant: Pick<Tenant, "id">, deviceId: string): Promise<RpcResult<RegisteredDevice>>;
}

/** The tenant a door is asked about (its id only: a door needs nothing else of it). */
export const tenantRefSchema = z.object({ id: z.uuid() });
export type TenantRef = z.infer<typeof tenantRefSchema>;

/** An account's e-mail address as a door looks it up (compared without regard to case). */
export const accountEmailSchema = z.string().trim().toLowerCase().min(3).max(320);

/** A person as another domain may hold them: their id, nothing else (RGPD: the least data out). */
export const memberRefSchema = z.object({ personId: z.uuid() });
export type MemberRef = z.infer<typeof memberRefSchema>;

/** People asked about in one call (a council's members: tens, not thousands). */
export const personIdsSchema = z.array(z.uuid()).max(1000);

/** A member's address for a mailing the caller sends (a convocation): the id and the address only. */
export const memberEmailSchema = z.object({ personId: z.uuid(), email: z.string() });
export type MemberEmail = z.infer<typeof memberEmailSchema>;

/**
 * The identity Worker's door for the council (named entrypoint `CouncilIdentity`, bound as IDENTITY
 * in the council's wrangler.toml): people are identity's; the council links an elected member to
 * an account and convenes them, and learns of them only what that needs.
 */
export interface CouncilIdentityService {
  /** The person holding a role in the tenant whose account has this e-mail address, or null: the id only. */
  memberByEmail(tenant: TenantRef, email: string): Promise<RpcResult<MemberRef | null>>;
  /**
   * The e-mail addresses of those of `personIds` who hold a role in the tenant and have one (the
   * convocation's recipients); the others are left out.
   */
  memberEmails(tenant: TenantRef, personIds: string[]): Promise<RpcResult<MemberEmail[]>>;
  /** Whether the person (picked by id) holds a role in the tenant. */
  isMember(tenant: TenantRef, personId: string): Promise<RpcResult<boolean>>;
}

/**
 * The identity Worker's door for the waste Worker (named entrypoint `WasteIdentity`): links a
 * premises to its occupant's account and assigns interventions to the tenant's agents.
 */
export interface WasteIdentityService {
  /** The person holding a role in the tenant whose account has this e-mail address, or null: the id only. */
  memberByEmail(tenant: TenantRef, email: string): Promise<RpcResult<MemberRef | null>>;
  /** Whether the person holds a role in the tenant. */
  isMember(tenant: TenantRef, personId: string): Promise<RpcResult<boolean>>;
}

/** A file handed to the archive's deposit service: bytes (checked against `sha512` if given), or a stream with its declared SHA-512. */
export type DepositFile = { name: string; size: number; sha512?: string | null } & (
  | { bytes: Uint8Array }
  | { stream: ReadableStream<Uint8Array>; sha512: string }
);

/** What a module deposits (a SEDA transfer: archival units with their rules and files). */
export interface DepositPackage {
  transferringAgency: string;
  comment?: string;
  /** Unique per tenant for service deposits: depositing the same identifier again returns the first deposit. */
  messageIdentifier?: string;
  units: Array<{
    title: string;
    description?: string;
    originatingAgency: string;
    startDate?: string | null;
    endDate?: string | null;
    keywords?: string[];
    appraisalRule: string;
    accessRule: string;
    hr?: { documentType: string; agentName: string; birthDate: string };
    files: DepositFile[];
  }>;
}

/** The receipt of a deposit (the part callers rely on). */
export interface DepositReceipt {
  id: string;
  reference: string;
  status: string;
  units: Array<{ reference: string; finalAction: string; duaEnd: string }>;
  seal: { seq: number; hash: string; at: string } | null;
}

/**
 * The archive Worker's deposit service (its default entrypoint's `deposit`, bound as ARCHIVE by the
 * council): the package is sealed as any deposit, the caller's actor journalled as the depositor.
 */
export interface ArchiveDepositService {
  deposit(tenant: Tenant, pkg: DepositPackage, actor: Actor): Promise<RpcResult<DepositReceipt>>;
}

/** The last integrity audit of a tenant's archive, as the security audit shows it as evidence. */
export interface ArchiveIntegritySummary {
  kind: "scheduled" | "unit" | "yearly";
  finishedAt: string;
  objectsChecked: number;
  objectsFailed: number;
  chainOk: boolean;
}

/**
 * The archive Worker's integrity summary (its default entrypoint's `lastIntegrityAudit`, bound as
 * ARCHIVE by the audit Worker): the newest audit of the whole fonds recorded for the tenant, or null.
 */
export interface ArchiveIntegrityService {
  lastIntegrityAudit(tenant: Tenant): Promise<RpcResult<ArchiveIntegritySummary | null>>;
}

/** A kiosk's help request as the devices Worker relays it (ADR 0046): the kiosk, and what the resident typed. */
export const kioskHelpRequestSchema = z
  .object({
    deviceId: z.uuid(),
    deviceName: z.string().min(1).max(100),
    firstName: z.string().max(40).optional(),
    phone: z.string().max(30).optional(),
  })
  .strict();
export type KioskHelpRequest = z.infer<typeof kioskHelpRequestSchema>;

/**
 * The citizen Worker's door for the devices Worker (named entrypoint `KioskCitizen`): a kiosk's
 * « Demander de l'aide à un conseiller » becomes a request in the tenant's queue, nothing else.
 */
export interface KioskCitizenService {
  kioskHelp(tenant: Tenant, help: KioskHelpRequest, requestId: string): Promise<RpcResult<{ code: string }>>;
}

/**
 * A place of the appointments module where residents can book in person, with the public motifs
 * bookable there now (a motif whose service has an agent with a current weekly rule at the place):
 * a France services permanence is bookable through these (ADR 0045, addendum).
 */
export const bookablePlaceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string(),
  motifs: z.array(z.object({ id: z.uuid(), name: z.string(), durationMinutes: z.number().int() })),
});
export type BookablePlace = z.infer<typeof bookablePlaceSchema>;

/** Place ids asked at once (a tenant's France services places, far fewer in practice). */
export const bookablePlaceIdsSchema = z.array(z.uuid()).max(200);

/**
 * The citizen Worker's door for the France services Worker (named entrypoint
 * `FranceServicesCitizen`): the tenant's own appointment places and what is bookable there —
 * all of them (`ids` null, for the back office's choice) or those named (the public list).
 */
export interface FranceServicesCitizenService {
  bookablePlaces(tenant: Tenant, ids: string[] | null): Promise<RpcResult<BookablePlace[]>>;
}

/** A resource of the booking module a building may house (halls, rooms, machines). */
export const bookableResourceSchema = z.object({ id: z.uuid(), name: z.string(), kind: z.string() });
export type BookableResource = z.infer<typeof bookableResourceSchema>;

/** The periods a resource is in use: bookings approved, confirmed or completed, and the commune's own events. */
export const occupancySchema = z.object({ resourceId: z.uuid(), startsAt: z.string(), endsAt: z.string(), reference: z.string() });
export type Occupancy = z.infer<typeof occupancySchema>;

/** The occupancy question: resources (a building's few) over a period of at most 62 days. */
export const occupancyQuerySchema = z
  .object({ resourceIds: z.array(z.uuid()).max(50), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from) && Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000, { message: "période de 62 jours au plus" });
export type OccupancyQuery = z.infer<typeof occupancyQuerySchema>;

/**
 * The booking Worker's door for the environment Worker (named entrypoint `EnvironmentBooking`):
 * the tenant's rooms and halls (for the building form) and when they are in use (energy alerts
 * outside bookings, the heating programme). Reads only; no renter, no purpose leaves booking.
 */
export interface EnvironmentBookingService {
  resources(tenant: Tenant): Promise<RpcResult<BookableResource[]>>;
  occupancy(tenant: Tenant, query: OccupancyQuery): Promise<RpcResult<Occupancy[]>>;
}
