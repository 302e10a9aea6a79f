/**
 * The identity and access Worker: the tenant's audit journal and its verifier, API keys (and the
 * gateway's check of them). Issue #3 adds people, sessions and devices here.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { openDb, tenantSchema, type Tenant } from "@communa/core";
import { app } from "./app.ts";
import { authenticateApiKey, type KeyCheck } from "./services/api-keys.ts";
import type { IdentityBindings } from "./env.ts";

export default class IdentityWorker extends DomainEntrypoint<IdentityBindings> {
  protected readonly app = app;
  protected readonly title = "Identité et journal";

  /** The gateway's API-key check (a result, not a throw: errors lose their type across RPC). */
  async authenticateApiKey(tenant: Tenant, key: string, requestId: string): Promise<KeyCheck> {
    const db = openDb(this.env);
    try {
      return await authenticateApiKey({ db, tenant: tenantSchema.parse(tenant), key, requestId });
    } finally {
      this.ctx.waitUntil(db.close());
    }
  }
}
