import type { DomainService } from "@communa/core/worker";
import type { GatewayEnv } from "./env.ts";

/**
 * The domain Workers behind the gateway: `/api/<name>/…` goes to the service binding named here.
 * Adding a domain: a service binding in the root wrangler.toml and one line below.
 */
export const DOMAINS = {
  territory: { binding: "TERRITORY", title: "Territoire" },
  identity: { binding: "IDENTITY", title: "Identité et journal" },
  map: { binding: "MAP", title: "Carte du territoire" },
  directory: { binding: "DIRECTORY", title: "Annuaire des commerces" },
  council: { binding: "COUNCIL", title: "Conseil et séances" },
  archive: { binding: "ARCHIVE", title: "Archives électroniques (SAE)" },
  devices: { binding: "DEVICES", title: "Appareils connectés" },
  waste: { binding: "WASTE", title: "Déchets" },
  booking: { binding: "BOOKING", title: "Réservations" },
  cemetery: { binding: "CEMETERY", title: "Cimetières" },
  environment: { binding: "ENVIRONMENT", title: "Eau et énergie" },
  citizen: { binding: "CITIZEN", title: "Relation usagers" },
  staff: { binding: "STAFF", title: "Personnel (coffre-fort numérique)" },
  audit: { binding: "AUDIT", title: "Audit de sécurité" },
  recruitment: { binding: "RECRUITMENT", title: "Recrutement" },
  "france-services": { binding: "FRANCE_SERVICES", title: "France Services" },
  economy: { binding: "ECONOMY", title: "Zones d’activité" },
} as const satisfies Record<string, { binding: keyof GatewayEnv; title: string }>;

export type DomainName = keyof typeof DOMAINS;

export function domainService(env: GatewayEnv, name: string): DomainService | undefined {
  const entry = (DOMAINS as Record<string, { binding: keyof GatewayEnv }>)[name];
  return entry ? (env[entry.binding] as unknown as DomainService) : undefined;
}
