/**
 * The identity and access Worker: the tenant's audit journal and its verifier, API keys and
 * devices (and the gateway's checks of them). Issue #3 adds people and sessions here.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { log, tenantSchema, type Tenant } from "@communa/core";
import { app } from "./app.ts";
import { authenticateApiKey, type KeyCheck } from "./services/api-keys.ts";
import { SecretBox, authenticateDevice, type DeviceCheck, type SignedRequest } from "./services/devices.ts";
import { identityEnvSchema } from "./env.ts";
import { authenticateSession, type SessionCheck } from "./services/sessions.ts";
import { scheduledCheckpoints } from "./services/journal.ts";

export { DeviceNonces } from "./device-nonces.ts";
import type { IdentityBindings } from "./env.ts";

export default class IdentityWorker extends DomainEntrypoint<IdentityBindings> {
  protected readonly app = app;
  protected readonly title = "Identité et journal";
  protected override readonly envSchema = identityEnvSchema;

  /** The gateway's check of a session cookie. */
  async authenticateSession(tenant: Tenant, token: string, requestId: string): Promise<SessionCheck> {
    return this.withDb((db) => authenticateSession({ db, tenant: tenantSchema.parse(tenant), token, requestId }));
  }

  /** The gateway's check of a device's signed request. */
  async authenticateDevice(tenant: Tenant, req: SignedRequest): Promise<DeviceCheck> {
    return this.withDb((db) =>
      authenticateDevice({
        db,
        tenant: tenantSchema.parse(tenant),
        box: new SecretBox(this.env.IDENTITY_SECRETS_KEY),
        claimNonce: (deviceId, nonce, now) => this.env.DEVICE_NONCES.get(this.env.DEVICE_NONCES.idFromName(deviceId)).claim(nonce, now),
        req,
      }),
    );
  }

  /**
   * Crons (wrangler.toml). Daily: deletes identity data past its retention period — expired
   * sessions, used links, sent mail, old keys and devices, people with no role left (RGPD) — and
   * signs a checkpoint of every tenant's audit journal that moved. Every 10 minutes: a checkpoint
   * for the tenants whose journal grew by CHECKPOINT_EVERY entries (ADR 0020).
   */
  override async scheduled(controller: ScheduledController): Promise<void> {
    if (controller.cron === "*/10 * * * *") {
      const r = await this.withDb((db) => scheduledCheckpoints(db, this.env, "entries"));
      if (r.made || r.broken) log("info", "points de contrôle du journal", r);
      return;
    }
    const counts = await this.withDb((db) => db.applyRetention());
    log("info", "durées de conservation appliquées", { counts });
    const r = await this.withDb((db) => scheduledCheckpoints(db, this.env, "daily"));
    log("info", "points de contrôle du journal", r);
  }

  /** The gateway's API-key check (a result, not a throw: errors lose their type across RPC). */
  async authenticateApiKey(tenant: Tenant, key: string, requestId: string): Promise<KeyCheck> {
    return this.withDb((db) => authenticateApiKey({ db, tenant: tenantSchema.parse(tenant), key, requestId }));
  }
}
