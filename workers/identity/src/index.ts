/**
 * The identity and access Worker: the tenant's audit journal and its verifier, API keys and
 * devices (and the gateway's checks of them). Issue #3 adds people and sessions here.
 */
import { DomainEntrypoint, ServiceEntrypoint } from "@communa/core/worker";
import type { GatewayIdentityService } from "@communa/contracts/rpc";
import {
  actorSchema,
  log,
  notFound,
  requestId as newRequestId,
  rpcArg,
  rpcResult,
  unauthenticated,
  tenantSchema,
  type Actor,
  type RpcResult,
  type Tenant,
} from "@communa/core";
import {
  accountEmailSchema,
  personIdsSchema,
  roleGrantSchema,
  tenantRefSchema,
  type CouncilIdentityService,
  type DevicesIdentityService,
  type DirectoryIdentityService,
  type MemberEmail,
  type MemberRef,
  type RegisteredDevice,
  type RoleGrant,
  type TenantRef,
  type WasteIdentityService,
} from "@communa/contracts/rpc";
import { z } from "zod";
import { app } from "./app.ts";
import { authenticateApiKey, type KeyCheck } from "./services/api-keys.ts";
import { SecretBox, activeDevices, authenticateDevice, type DeviceCheck, type SignedRequest } from "./services/devices.ts";
import { grantRoleFor } from "./services/grants.ts";
import { isMember, memberByEmail, memberEmails } from "./services/lookups.ts";
import { grantText } from "./messages.fr.ts";
import { identityEnvSchema } from "./env.ts";
import { authenticateSession, type SessionCheck } from "./services/sessions.ts";
import { scheduledCheckpoints } from "./services/journal.ts";

export { DeviceNonces } from "./device-nonces.ts";
import type { IdentityBindings } from "./env.ts";

export default class IdentityWorker extends DomainEntrypoint<IdentityBindings> implements GatewayIdentityService {
  protected readonly app = app;
  protected readonly title = "Identité et journal";
  protected override readonly envSchema = identityEnvSchema;

  /** The gateway's check of a session cookie. */
  async authenticateSession(tenant: Tenant, token: string, requestId: string): Promise<RpcResult<Actor>> {
    return rpcResult(async () => actorOf(await this.withDb((db) => authenticateSession({ db, tenant: tenantSchema.parse(tenant), token, requestId }))));
  }

  /** The gateway's check of a device's signed request. */
  async authenticateDevice(tenant: Tenant, req: SignedRequest): Promise<RpcResult<Actor>> {
    return rpcResult(async () =>
      actorOf(
        await this.withDb((db) =>
          authenticateDevice({
            db,
            tenant: tenantSchema.parse(tenant),
            box: new SecretBox(this.env.IDENTITY_SECRETS_KEY),
            claimNonce: (deviceId, nonce, now) => this.env.DEVICE_NONCES.get(this.env.DEVICE_NONCES.idFromName(deviceId)).claim(nonce, now),
            req,
          }),
        ),
      ),
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
  async authenticateApiKey(tenant: Tenant, key: string, requestId: string): Promise<RpcResult<Actor>> {
    return rpcResult(async () => actorOf(await this.withDb((db) => authenticateApiKey({ db, tenant: tenantSchema.parse(tenant), key, requestId }))));
  }
}

/** A credential check's answer as the one RPC result: the actor, or `unauthenticated` with why. */
function actorOf(check: KeyCheck | DeviceCheck | SessionCheck): Actor {
  if (!check.ok) throw unauthenticated(check.detail);
  return check.actor;
}

/**
 * The directory's door into identity (its wrangler.toml binds IDENTITY to this entrypoint): it can
 * grant the roles GRANTABLE_BY.directory allows, and nothing else (ADR 0025).
 */
export class DirectoryIdentity extends ServiceEntrypoint<IdentityBindings> implements DirectoryIdentityService {
  protected readonly title = "Identité et journal (porte de l’annuaire)";
  protected override readonly envSchema = identityEnvSchema;

  async grantRole(tenant: Tenant, grant: RoleGrant, actor: Actor, requestId: string): Promise<RpcResult<{ personId: string; role: string; granted: boolean }>> {
    return rpcResult(() => {
      const ctx = {
        tenant: rpcArg(tenantSchema, tenant, "tenant"),
        actor: rpcArg(actorSchema, actor, "actor"),
        requestId: String(requestId || newRequestId()),
      };
      return this.withDb((db) => grantRoleFor({ db, ctx, grantor: "directory", grant: rpcArg(roleGrantSchema, grant, "grant") }));
    });
  }
}

/** The tenant a door is asked about: a malformed id is the caller's mistake (400), not a 500. */
const tenantIdOf = (tenant: unknown) => rpcArg(tenantRefSchema, tenant, "tenant").id;

/** The devices Worker's door into identity: reads of the device registry (ADR 0025). */
export class DevicesIdentity extends ServiceEntrypoint<IdentityBindings> implements DevicesIdentityService {
  protected readonly title = "Identité et journal (porte des équipements)";
  protected override readonly envSchema = identityEnvSchema;

  async activeDevices(tenant: Pick<Tenant, "id">): Promise<RpcResult<RegisteredDevice[]>> {
    return rpcResult(async () => {
      const tenantId = tenantIdOf(tenant);
      return this.withDb((db) => activeDevices({ db, tenantId }));
    });
  }

  async activeDevice(tenant: Pick<Tenant, "id">, deviceId: string): Promise<RpcResult<RegisteredDevice>> {
    return rpcResult(async () => {
      const tenantId = tenantIdOf(tenant);
      if (!z.uuid().safeParse(deviceId).success) throw notFound(grantText.deviceNotFound);
      const [found] = await this.withDb((db) => activeDevices({ db, tenantId, id: deviceId }));
      if (!found) throw notFound(grantText.deviceNotFound);
      return found;
    });
  }
}

/**
 * The council's door into identity (ADR 0025): it links an elected member to an account by its
 * e-mail address and convenes members, so it learns an id for an address and the addresses of
 * its members — nothing else of people.
 */
export class CouncilIdentity extends ServiceEntrypoint<IdentityBindings> implements CouncilIdentityService {
  protected readonly title = "Identité et journal (porte du conseil)";
  protected override readonly envSchema = identityEnvSchema;

  async memberByEmail(tenant: TenantRef, email: string): Promise<RpcResult<MemberRef | null>> {
    return rpcResult(async () => {
      const [tenantId, address] = [tenantIdOf(tenant), rpcArg(accountEmailSchema, email, "email")];
      return this.withDb((db) => memberByEmail({ db, tenantId, email: address }));
    });
  }

  async memberEmails(tenant: TenantRef, personIds: string[]): Promise<RpcResult<MemberEmail[]>> {
    return rpcResult(async () => {
      const [tenantId, ids] = [tenantIdOf(tenant), rpcArg(personIdsSchema, personIds, "personIds")];
      return this.withDb((db) => memberEmails({ db, tenantId, personIds: ids }));
    });
  }

  async isMember(tenant: TenantRef, personId: string): Promise<RpcResult<boolean>> {
    return rpcResult(async () => {
      const [tenantId, id] = [tenantIdOf(tenant), rpcArg(z.uuid(), personId, "personId")];
      return this.withDb((db) => isMember({ db, tenantId, personId: id }));
    });
  }
}

/**
 * The waste Worker's door into identity (ADR 0025): a premises' occupant found by the e-mail
 * address of their account, and whether an intervention's agent holds a role here.
 */
export class WasteIdentity extends ServiceEntrypoint<IdentityBindings> implements WasteIdentityService {
  protected readonly title = "Identité et journal (porte des déchets)";
  protected override readonly envSchema = identityEnvSchema;

  async memberByEmail(tenant: TenantRef, email: string): Promise<RpcResult<MemberRef | null>> {
    return rpcResult(async () => {
      const [tenantId, address] = [tenantIdOf(tenant), rpcArg(accountEmailSchema, email, "email")];
      return this.withDb((db) => memberByEmail({ db, tenantId, email: address }));
    });
  }

  async isMember(tenant: TenantRef, personId: string): Promise<RpcResult<boolean>> {
    return rpcResult(async () => {
      const [tenantId, id] = [tenantIdOf(tenant), rpcArg(z.uuid(), personId, "personId")];
      return this.withDb((db) => isMember({ db, tenantId, personId: id }));
    });
  }
}
