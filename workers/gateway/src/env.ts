import type { DomainService } from "@communa/core/worker";
import type { GatewayIdentityService, GatewayTerritoryService } from "@communa/contracts/rpc";
import type { RateLimiter } from "./rate-limiter.ts";

/** The identity Worker also checks sessions, API keys and device signatures for the gateway. */
export interface IdentityService extends DomainService, GatewayIdentityService {}

/** The territory Worker also answers tenant look-ups for the gateway. */
export interface TerritoryService extends DomainService, GatewayTerritoryService {}

export interface GatewayEnv {
  RATE_LIMITER: DurableObjectNamespace<RateLimiter>;
  TERRITORY: Service & TerritoryService;
  IDENTITY: Service & IdentityService;
  MAP: Service & DomainService;
  DIRECTORY: Service & DomainService;
  COUNCIL: Service & DomainService;
  ARCHIVE: Service & DomainService;
  DEVICES: Service & DomainService;
  WASTE: Service & DomainService;
  BOOKING: Service & DomainService;
  CEMETERY: Service & DomainService;
  ENVIRONMENT: Service & DomainService;
  CITIZEN: Service & DomainService;
  STAFF: Service & DomainService;
  AUDIT: Service & DomainService;
  RECRUITMENT: Service & DomainService;
  FRANCE_SERVICES: Service & DomainService;
  ECONOMY: Service & DomainService;
  /** Host names `<slug>.<BASE_DOMAIN>` resolve to tenants, e.g. "communa.fr". */
  BASE_DOMAIN: string;
  /**
   * Local development and tests only: the public origin tenants are reached at by path
   * (`<PUBLIC_ORIGIN>/t/<slug>`), e.g. the site's dev server "http://127.0.0.1:4321". Unset in
   * production, where a tenant's address is `https://<slug>.<BASE_DOMAIN>`. Links never come from
   * the request's Host (public-address.ts).
   */
  PUBLIC_ORIGIN?: string;
  /** Largest request body accepted, in bytes. */
  MAX_BODY_BYTES?: string;
  /** "enabled" only in the test configuration: lets tests call as a given actor. Never deployed. */
  TEST_ACTORS?: string;
}
