/**
 * Archives électroniques (SAE): sealed, content-addressed deposits on R2, SEDA 2.3, management
 * rules, disposal with the control authority's visa, integrity audit (ADR 0015).
 * Reached through the gateway (`serve`), by other Workers over RPC (`deposit`), and by its cron
 * trigger (`scheduled`: the integrity audit).
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { actorSchema, requestId, tenantSchema, toAppError, type Actor, type Tenant } from "@communa/core";
import { app } from "./app.ts";
import { archiveEnvSchema, type ArchiveBindings } from "./env.ts";
import { depositPackage, type PackageInput, type Receipt } from "./services/deposits.ts";
import { scheduledAudit } from "./services/audit.ts";

export default class ArchiveWorker extends DomainEntrypoint<ArchiveBindings> {
  protected readonly app = app;
  protected readonly title = "Archives électroniques (SAE)";
  protected override readonly envSchema = archiveEnvSchema;

  /**
   * The deposit service other modules call (council minutes, HR files): `env.ARCHIVE.deposit(tenant,
   * package, actor)` over a service binding. Files come as bytes (checked against their declared
   * SHA-512, if any, before anything is stored) or as streams with their declared SHA-512 and size.
   * The caller's actor is journalled as the depositor; HR agent files need hr:write or
   * archives:restricted, like over HTTP. Returns the receipt (units, fingerprints, seal).
   */
  async deposit(tenant: Tenant, pkg: Omit<PackageInput, "source">, actor: Actor): Promise<Receipt> {
    const ctx = { tenant: tenantSchema.parse(tenant), actor: actorSchema.parse(actor), requestId: requestId() };
    try {
      return await this.withDb((db) => depositPackage({ db, ctx, env: this.env }, { ...pkg, source: "service" }));
    } catch (err) {
      // Across RPC the caller gets a plain Error: the problem's kind and French detail, and its field errors.
      const e = toAppError(err);
      throw new Error(`${e.kind}: ${e.message}${e.fieldErrors?.length ? ` (${e.fieldErrors.map((f) => `${f.path} : ${f.message}`).join(" ; ")})` : ""}`);
    }
  }

  /** Cron trigger: the integrity audit of every tenant (objects re-read and re-hashed, journal chains checked). */
  override async scheduled(controller: ScheduledController): Promise<void> {
    await this.withDb((db) => scheduledAudit(db, this.env, new Date(controller.scheduledTime)));
  }
}
