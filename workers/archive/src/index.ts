/**
 * Archives électroniques (SAE): sealed, content-addressed deposits on R2, SEDA 2.3, management
 * rules, disposal with the control authority's visa, integrity audit (ADR 0015).
 * Reached through the gateway (`serve`), by other Workers over RPC (`deposit`), and by its cron
 * trigger (`scheduled`: the integrity audit).
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { actorSchema, requestId, rpcResult, tenantSchema, type Actor, type RpcResult, type Tenant } from "@communa/core";
import { app } from "./app.ts";
import { archiveEnvSchema, type ArchiveBindings } from "./env.ts";
import { depositPackage, type PackageInput, type Receipt } from "./services/deposits.ts";
import { lastIntegrityAudit, scheduledAudit } from "./services/audit.ts";

export default class ArchiveWorker extends DomainEntrypoint<ArchiveBindings> {
  protected readonly app = app;
  protected readonly title = "Archives électroniques (SAE)";
  protected override readonly envSchema = archiveEnvSchema;

  /**
   * The deposit service other modules call (council minutes, HR files): `env.ARCHIVE.deposit(tenant,
   * package, actor)` over a service binding. Files come as bytes (checked against their declared
   * SHA-512, if any, before anything is stored) or as streams with their declared SHA-512 and size.
   * The caller's actor is journalled as the depositor; HR agent files need hr:write or
   * archives:restricted, like over HTTP. Answers the one RPC result shape (@communa/contracts/rpc,
   * `ArchiveDepositService`): the receipt (units, fingerprints, seal), or the problem — its kind,
   * French detail and field errors — that the caller's `rpcValue` turns back into the same error.
   */
  async deposit(tenant: Tenant, pkg: Omit<PackageInput, "source">, actor: Actor): Promise<RpcResult<Receipt>> {
    return rpcResult(async () => {
      const ctx = { tenant: tenantSchema.parse(tenant), actor: actorSchema.parse(actor), requestId: requestId() };
      return this.withDb((db) => depositPackage({ db, ctx, env: this.env }, { ...pkg, source: "service" }));
    });
  }

  /**
   * The security audit's evidence (issue #25, `ArchiveIntegrityService`): the tenant's newest
   * integrity audit of the whole fonds, or null when none has run yet. Read-only.
   */
  async lastIntegrityAudit(tenant: Tenant): Promise<RpcResult<Awaited<ReturnType<typeof lastIntegrityAudit>>>> {
    return rpcResult(async () => {
      const t = tenantSchema.parse(tenant);
      return this.withDb((db) => lastIntegrityAudit(db, t.id));
    });
  }

  /** Cron trigger: the integrity audit of every tenant (objects re-read and re-hashed, journal chains checked). */
  override async scheduled(controller: ScheduledController): Promise<void> {
    await this.withDb((db) => scheduledAudit(db, this.env, new Date(controller.scheduledTime)));
  }
}
