/**
 * Who may do what, written by hand (issue #25): for every tenant operation of the API, the roles
 * allowed to call it — "anonyme" for what anyone may read, "connecté" for what any signed-in person
 * may do. It is NOT derived from the routes' own declarations (`x-communa-requires`): the matrix
 * (tests/integration/role-route-matrix.test.ts) calls each operation as each role against the real
 * gateway and compares the answer with this table, so a route wrongly declared public, or guarded by
 * the wrong permission, fails there. A new route fails too until someone writes its line here.
 *
 * Groups are named after who they are in a collectivité, not after permissions.
 */
import type { Role } from "@communa/core";

export type Who = "anonyme" | "connecté" | readonly Role[];

const ADMIN = ["admin"] as const satisfies readonly Role[];
const AGENTS = [
  "admin",
  "agent:waste",
  "agent:urbanism",
  "agent:france-services",
  "agent:hr",
  "agent:archives",
  "agent:economy",
  "agent:map",
  "agent:directory",
  "agent:citizen",
  "agent:council",
] as const satisfies readonly Role[];
const MAP_STAFF = ["admin", "agent:map"] as const satisfies readonly Role[];
const DIRECTORY_STAFF = ["admin", "agent:directory"] as const satisfies readonly Role[];
const MERCHANTS = ["admin", "merchant"] as const satisfies readonly Role[];
const COUNCIL_STAFF = ["admin", "agent:council"] as const satisfies readonly Role[];
const COUNCIL_READERS = ["admin", "agent:council", "councillor", "council_president"] as const satisfies readonly Role[];
const COUNCIL_VOTERS = ["admin", "councillor", "council_president"] as const satisfies readonly Role[];
const ARCHIVE_READERS = ["admin", "agent:archives", "archivist", "archive_controller"] as const satisfies readonly Role[];
const ARCHIVE_WRITERS = ["admin", "agent:archives", "archivist"] as const satisfies readonly Role[];
const ARCHIVE_DISPOSERS = ["admin", "archivist"] as const satisfies readonly Role[];
const ARCHIVE_CONTROLLERS = ["admin", "archive_controller"] as const satisfies readonly Role[];
const HR_STAFF = ["admin", "agent:hr"] as const satisfies readonly Role[];
const WASTE_STAFF = ["admin", "agent:waste"] as const satisfies readonly Role[];
const RESIDENTS = ["admin", "resident"] as const satisfies readonly Role[];
const CITIZEN_STAFF = ["admin", "agent:citizen"] as const satisfies readonly Role[];
/** Device batches are posted by device credentials; among people, only an administrator. */
const DEVICES = ADMIN;

export const ACCESS_POLICY: Record<string, Who> = {
  // Territory: anyone reads the collectivité's public face; only its administrator changes it.
  "GET /api/territory/tenant": "anonyme",
  "GET /api/territory/communes": "anonyme",
  "GET /api/territory/communes/{insee}": "anonyme",
  "GET /api/territory/boundary": "anonyme",
  "GET /api/territory/competences": "anonyme",
  "GET /api/territory/competences/{code}/holder": "anonyme",
  "GET /api/territory/profile": "anonyme",
  "PUT /api/territory/profile": ADMIN,
  "GET /api/territory/identity": "anonyme",
  "PUT /api/territory/identity": ADMIN,
  "POST /api/territory/identity/logo": ADMIN,
  "DELETE /api/territory/identity/logo": ADMIN,
  "GET /api/territory/logos/{file}": "anonyme",

  // Identity: the journal, keys, devices, members and sign-in providers are the administrator's.
  "GET /api/identity/journal": ADMIN,
  "GET /api/identity/journal/verify": ADMIN,
  "GET /api/identity/journal/key": "anonyme",
  "POST /api/identity/api-keys": ADMIN,
  "GET /api/identity/api-keys": ADMIN,
  "DELETE /api/identity/api-keys/{id}": ADMIN,
  "POST /api/identity/devices": ADMIN,
  "GET /api/identity/devices": ADMIN,
  "POST /api/identity/devices/{id}/keys": ADMIN,
  "DELETE /api/identity/devices/{id}": ADMIN,
  "GET /api/identity/whoami": "anonyme",
  "GET /api/identity/members": ADMIN,
  "POST /api/identity/members/invitations": ADMIN,
  "PUT /api/identity/members/{personId}/roles": ADMIN,
  "GET /api/identity/people": AGENTS,
  "POST /api/identity/auth/magic-link": "anonyme",
  "GET /api/identity/auth/magic-link/callback": "anonyme",
  "GET /api/identity/session": "connecté",
  "GET /api/identity/sessions": "connecté",
  "DELETE /api/identity/sessions/{id}": "connecté",
  "POST /api/identity/auth/logout": "connecté",
  "GET /api/identity/auth/providers": "anonyme",
  "GET /api/identity/auth/oidc/{provider}/start": "anonyme",
  "GET /api/identity/auth/oidc/{provider}/callback": "anonyme",
  "GET /api/identity/identity-providers": ADMIN,
  "POST /api/identity/identity-providers": ADMIN,
  "PATCH /api/identity/identity-providers/{slug}": ADMIN,
  "DELETE /api/identity/identity-providers/{slug}": ADMIN,

  // Map: published layers, search, exports, OGC API and DCAT are open data; the map agent edits.
  "GET /api/map/layers": "anonyme",
  "POST /api/map/layers": MAP_STAFF,
  "GET /api/map/layers/{layerId}": "anonyme",
  "PATCH /api/map/layers/{layerId}": MAP_STAFF,
  "DELETE /api/map/layers/{layerId}": MAP_STAFF,
  "GET /api/map/layers/{layerId}/features": "anonyme",
  "POST /api/map/layers/{layerId}/features": MAP_STAFF,
  "GET /api/map/search": "anonyme",
  "GET /api/map/features/{featureId}": "anonyme",
  "PUT /api/map/features/{featureId}": MAP_STAFF,
  "DELETE /api/map/features/{featureId}": MAP_STAFF,
  "GET /api/map/layers/{layerId}/export": "anonyme",
  "GET /api/map/search/export": "anonyme",
  "POST /api/map/layers/{layerId}/import": MAP_STAFF,
  "GET /api/map/ogc": "anonyme",
  "GET /api/map/ogc/conformance": "anonyme",
  "GET /api/map/ogc/collections": "anonyme",
  "GET /api/map/ogc/collections/{collectionId}": "anonyme",
  "GET /api/map/ogc/collections/{collectionId}/items": "anonyme",
  "GET /api/map/ogc/collections/{collectionId}/items/{featureId}": "anonyme",
  "GET /api/map/dcat": "anonyme",
  "GET /api/map/liste": "anonyme",
  "GET /api/map/trails/{featureId}/gpx": "anonyme",
  "GET /api/map/layers/{layerId}/pnx": "anonyme",
  "POST /api/map/layers/{layerId}/trails/gpx": MAP_STAFF,
  "GET /api/map/collection-days/streets": "anonyme",
  "GET /api/map/collection-days": "anonyme",

  // Directory: published businesses are public; the agent moderates; a merchant edits their own;
  // any signed-in person may claim a business and confirm their claim.
  "GET /api/directory/businesses": "anonyme",
  "POST /api/directory/businesses": DIRECTORY_STAFF,
  "GET /api/directory/categories": "anonyme",
  "GET /api/directory/businesses/{businessId}": "anonyme",
  "PUT /api/directory/businesses/{businessId}": DIRECTORY_STAFF,
  "GET /api/directory/businesses/{businessId}/jsonld": "anonyme",
  "PUT /api/directory/my/businesses/{businessId}": MERCHANTS,
  "GET /api/directory/my/businesses": MERCHANTS,
  "POST /api/directory/my/businesses/{businessId}/submit": MERCHANTS,
  "POST /api/directory/businesses/{businessId}/moderation": DIRECTORY_STAFF,
  "POST /api/directory/businesses/{businessId}/claims": "connecté",
  "POST /api/directory/claims/{claimId}/confirm": "connecté",
  "POST /api/directory/claims/{claimId}/approve": DIRECTORY_STAFF,
  "GET /api/directory/claims": DIRECTORY_STAFF,
  "GET /api/directory/export": "anonyme",
  "POST /api/directory/businesses/{businessId}/photos": DIRECTORY_STAFF,
  "DELETE /api/directory/businesses/{businessId}/photos/{photoId}": DIRECTORY_STAFF,
  "POST /api/directory/my/businesses/{businessId}/photos": MERCHANTS,
  "DELETE /api/directory/my/businesses/{businessId}/photos/{photoId}": MERCHANTS,
  "GET /api/directory/photos/{photoId}/{file}": "anonyme",

  // Council: councils, members, sittings and minutes are public (CGCT publicity); rooms are for
  // the council's people; the council agent prepares; councillors acknowledge convocations.
  "POST /api/council/councils": COUNCIL_STAFF,
  "GET /api/council/councils": "anonyme",
  "GET /api/council/councils/{councilId}/members": "anonyme",
  "POST /api/council/councils/{councilId}/members": COUNCIL_STAFF,
  "POST /api/council/members/{memberId}/end": COUNCIL_STAFF,
  "GET /api/council/councils/{councilId}/rooms": COUNCIL_READERS,
  "POST /api/council/councils/{councilId}/rooms": COUNCIL_STAFF,
  "POST /api/council/sittings": COUNCIL_STAFF,
  "GET /api/council/sittings": "anonyme",
  "GET /api/council/sittings/{sittingId}": "anonyme",
  "POST /api/council/sittings/{sittingId}/minutes/archive": COUNCIL_STAFF,
  "POST /api/council/sittings/{sittingId}/convocations": COUNCIL_STAFF,
  "GET /api/council/sittings/{sittingId}/convocations": COUNCIL_STAFF,
  "POST /api/council/sittings/{sittingId}/acknowledgement": COUNCIL_VOTERS,
  "POST /api/council/sittings/{sittingId}/proxies": COUNCIL_STAFF,
  "POST /api/council/proxies/{proxyId}/revoke": COUNCIL_STAFF,
  "GET /api/council/sittings/{sittingId}/state": "anonyme",
  "GET /api/council/sittings/{sittingId}/minutes": "anonyme",
  "GET /api/council/sittings/{sittingId}/minutes.pdf": "anonyme",

  // Archives: nothing is public but the journal's public key; the archivist decides disposals and
  // legal holds, the control authority signs the visa; HR files are the HR agent's alone.
  "GET /api/archive/rules": ARCHIVE_READERS,
  "POST /api/archive/deposits": ARCHIVE_WRITERS,
  "PUT /api/archive/deposits/{depositId}/files/{objectId}": ARCHIVE_WRITERS,
  "POST /api/archive/deposits/{depositId}/files": ARCHIVE_WRITERS,
  "POST /api/archive/deposits/{depositId}/seal": ARCHIVE_WRITERS,
  "GET /api/archive/deposits/{depositId}": ARCHIVE_READERS,
  "GET /api/archive/deposits/{depositId}/reply": ARCHIVE_READERS,
  "GET /api/archive/deposits/{depositId}/attestation": ARCHIVE_READERS,
  "GET /api/archive/journal/key": "anonyme",
  "GET /api/archive/journal/verify": ARCHIVE_READERS,
  "GET /api/archive/journal": ARCHIVE_READERS,
  "GET /api/archive/disposal/proposals": ARCHIVE_DISPOSERS,
  "GET /api/archive/disposals": ARCHIVE_READERS,
  "POST /api/archive/disposals": ARCHIVE_DISPOSERS,
  "GET /api/archive/disposals/{disposalId}": ARCHIVE_READERS,
  "POST /api/archive/disposals/{disposalId}/visa": ARCHIVE_CONTROLLERS,
  "POST /api/archive/disposals/{disposalId}/execute": ARCHIVE_DISPOSERS,
  "GET /api/archive/disposals/{disposalId}/certificate": ARCHIVE_READERS,
  "PUT /api/archive/units/{unitId}/legal-hold": ARCHIVE_DISPOSERS,
  "GET /api/archive/units": ARCHIVE_READERS,
  "GET /api/archive/units/{unitId}": ARCHIVE_READERS,
  "GET /api/archive/units/{unitId}/objects/{objectId}": ARCHIVE_READERS,
  "GET /api/archive/units/{unitId}/export": ARCHIVE_READERS,
  "POST /api/archive/export": ARCHIVE_READERS,
  "POST /api/archive/import": ARCHIVE_WRITERS,
  "POST /api/archive/units/{unitId}/audit": ARCHIVE_WRITERS,
  "POST /api/archive/audits": ARCHIVE_DISPOSERS,
  "GET /api/archive/audits/yearly": ARCHIVE_READERS,
  "POST /api/archive/hr/files": HR_STAFF,
  "GET /api/archive/hr/files": HR_STAFF,
  "PUT /api/archive/hr/deposits/{depositId}/files/{objectId}": HR_STAFF,
  "POST /api/archive/hr/deposits/{depositId}/seal": HR_STAFF,
  "GET /api/archive/hr/files/{unitId}": HR_STAFF,

  // Devices: batches come from devices; the fleet is the waste service's.
  "POST /api/devices/ingest/lifts": DEVICES,
  "POST /api/devices/ingest/sorting-events": DEVICES,
  "POST /api/devices/ingest/telemetry": DEVICES,
  "POST /api/devices/heartbeat": DEVICES,
  "GET /api/devices/fleet": WASTE_STAFF,
  "GET /api/devices/fleet/{id}": WASTE_STAFF,
  "PUT /api/devices/fleet/{id}/config": WASTE_STAFF,

  // Waste: all of it is the waste service's (premises, bins, billing, stock, checks), except what a
  // resident sees of their own household.
  "GET /api/waste/premises": WASTE_STAFF,
  "POST /api/waste/premises": WASTE_STAFF,
  "GET /api/waste/premises/{premisesId}": WASTE_STAFF,
  "PUT /api/waste/premises/{premisesId}": WASTE_STAFF,
  "GET /api/waste/bins": WASTE_STAFF,
  "POST /api/waste/bins": WASTE_STAFF,
  "PUT /api/waste/bins/{binId}": WASTE_STAFF,
  "POST /api/waste/bins/{binId}/chip": WASTE_STAFF,
  "GET /api/waste/chips/history": WASTE_STAFF,
  "GET /api/waste/chips/{chipId}": WASTE_STAFF,
  "GET /api/waste/tariffs": WASTE_STAFF,
  "GET /api/waste/tariffs/{year}": WASTE_STAFF,
  "PUT /api/waste/tariffs/{year}": WASTE_STAFF,
  "GET /api/waste/tariffs/{year}/check": WASTE_STAFF,
  "POST /api/waste/billing/runs": WASTE_STAFF,
  "GET /api/waste/billing/runs": WASTE_STAFF,
  "GET /api/waste/billing/runs/{runId}": WASTE_STAFF,
  "GET /api/waste/billing/runs/{runId}/statements/{premisesId}": WASTE_STAFF,
  "GET /api/waste/billing/runs/{runId}/role.csv": WASTE_STAFF,
  "GET /api/waste/stock": WASTE_STAFF,
  "POST /api/waste/stock/depots": WASTE_STAFF,
  "POST /api/waste/stock/items": WASTE_STAFF,
  "POST /api/waste/stock/entries": WASTE_STAFF,
  "POST /api/waste/stock/exits": WASTE_STAFF,
  "GET /api/waste/stock/movements": WASTE_STAFF,
  "GET /api/waste/interventions": WASTE_STAFF,
  "POST /api/waste/interventions": WASTE_STAFF,
  "PATCH /api/waste/interventions/{interventionId}": WASTE_STAFF,
  "POST /api/waste/interventions/{interventionId}/complete": WASTE_STAFF,
  "POST /api/waste/checks": WASTE_STAFF,
  "GET /api/waste/checks": WASTE_STAFF,
  "POST /api/waste/checks/{checkId}/photos": WASTE_STAFF,
  "GET /api/waste/checks/{checkId}/photo": WASTE_STAFF,
  "GET /api/waste/premises/{premisesId}/sorting": WASTE_STAFF,
  "GET /api/waste/premises/{premisesId}/letter": WASTE_STAFF,
  "GET /api/waste/my/premises": RESIDENTS,
  "GET /api/waste/my/premises/{premisesId}/statements/{runId}": RESIDENTS,
  "POST /api/waste/my/interventions": RESIDENTS,
  "GET /api/waste/dead-letters": WASTE_STAFF,
  "GET /api/waste/dead-letters/{id}": WASTE_STAFF,
  "POST /api/waste/dead-letters/{id}/replay": WASTE_STAFF,
  "POST /api/waste/dead-letters/{id}/discard": WASTE_STAFF,
  "GET /api/waste/event-anomalies": WASTE_STAFF,
  "POST /api/waste/event-anomalies/{id}/resolution": WASTE_STAFF,

  // Citizen relations: residents book and follow without an account; the reception service runs it.
  "GET /api/citizen/catalogue": "anonyme",
  "POST /api/citizen/services": CITIZEN_STAFF,
  "POST /api/citizen/places": CITIZEN_STAFF,
  "POST /api/citizen/motifs": CITIZEN_STAFF,
  "POST /api/citizen/agents": CITIZEN_STAFF,
  "POST /api/citizen/opening-rules": CITIZEN_STAFF,
  "POST /api/citizen/absences": CITIZEN_STAFF,
  "PUT /api/citizen/closures/{day}": CITIZEN_STAFF,
  "GET /api/citizen/motifs/{motifId}/slots": "anonyme",
  "POST /api/citizen/appointments": "anonyme",
  "POST /api/citizen/appointments/overbook": CITIZEN_STAFF,
  "GET /api/citizen/appointments/{appointmentId}": "anonyme",
  "GET /api/citizen/appointments/{appointmentId}/invitation.ics": "anonyme",
  "POST /api/citizen/appointments/{appointmentId}/cancel": "anonyme",
  "POST /api/citizen/appointments/{appointmentId}/move": "anonyme",
  "POST /api/citizen/appointments/{appointmentId}/status": CITIZEN_STAFF,
  "GET /api/citizen/agenda": CITIZEN_STAFF,
  "POST /api/citizen/request-types": CITIZEN_STAFF,
  "POST /api/citizen/requests": "anonyme",
  "POST /api/citizen/requests/logged": CITIZEN_STAFF,
  "GET /api/citizen/requests/track/{code}": "anonyme",
  "GET /api/citizen/requests": CITIZEN_STAFF,
  "POST /api/citizen/requests/{requestId}/status": CITIZEN_STAFF,
};
