/**
 * How callers authenticate, as the OpenAPI document tells tools and integrators: the security
 * schemes the gateway accepts (auth.ts) and, per operation, those that apply, derived from the
 * permission the route declares (`x-communa-requires`, the same declaration `defineRoute` checks):
 * - "public": none;
 * - a device permission ("devices:…"): the device signature headers (ADR 0008);
 * - anything else: a person's session cookie (with the CSRF header on writes, ADR 0010) or an API key.
 */
import { CSRF_HEADER, DEVICE_HEADERS, SESSION_COOKIE } from "@communa/core/edge";

type Obj = Record<string, unknown>;

const DEVICE_SCHEMES = {
  deviceId: { header: DEVICE_HEADERS.device, description: "Identifiant de l’équipement." },
  deviceKey: { header: DEVICE_HEADERS.key, description: "Identifiant de la clé de l’équipement utilisée pour signer." },
  deviceTimestamp: { header: DEVICE_HEADERS.timestamp, description: "Heure de la signature (secondes Unix) ; refusée à plus de 5 minutes d’écart." },
  deviceNonce: { header: DEVICE_HEADERS.nonce, description: "Valeur unique par requête (un rejeu est refusé)." },
  deviceSignature: {
    header: DEVICE_HEADERS.signature,
    description: "HMAC-SHA256 (base64) avec la clé de l’équipement sur : MÉTHODE \\n chemin?requête \\n horodatage \\n nonce \\n SHA-256 hexadécimal du corps.",
  },
} as const;

export const securitySchemes: Obj = {
  session: {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description:
      "Session d’une personne connectée (lien par courriel ou OpenID Connect). Les requêtes qui modifient doivent venir de la même origine et porter l’en-tête x-csrf-token (donné par GET /api/identity/session).",
  },
  csrf: {
    type: "apiKey",
    in: "header",
    name: CSRF_HEADER,
    description: "Jeton CSRF de la session, obligatoire avec le cookie de session sur les requêtes qui modifient.",
  },
  apiKey: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "cmn_…",
    description: "Clé d’API d’une intégration (Authorization: Bearer cmn_…), valable dans une seule collectivité.",
  },
  ...Object.fromEntries(
    Object.entries(DEVICE_SCHEMES).map(([name, s]) => [name, { type: "apiKey", in: "header", name: s.header, description: s.description }]),
  ),
};

const SAFE = new Set(["get", "head", "options"]);

/** The security requirements of an operation: alternatives, each a set of schemes used together. */
export function securityOf(requires: unknown, method: string): Array<Record<string, string[]>> {
  if (requires === "public") return [];
  if (typeof requires === "string" && requires.startsWith("devices:")) {
    return [Object.fromEntries(Object.keys(DEVICE_SCHEMES).map((k) => [k, []]))];
  }
  const session: Record<string, string[]> = SAFE.has(method) ? { session: [] } : { session: [], csrf: [] };
  return [session, { apiKey: [] }];
}
