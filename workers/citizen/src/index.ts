/**
 * The citizen Worker (GRU, ADR 0031): services and motifs, slots, appointments booked with or
 * without an account (managed through a signed link), iCalendar messages, requests (« main
 * courante ») with their legal receipts. Reached only through the gateway.
 */
import { DomainEntrypoint, ServiceEntrypoint } from "@communa/core/worker";
import { actorSchema, log, requestId as newRequestId, rpcArg, rpcResult, tenantSchema, type RpcResult } from "@communa/core";
import {
  bookablePlaceIdsSchema,
  kioskHelpRequestSchema,
  type BookablePlace,
  type FranceServicesCitizenService,
  type KioskCitizenService,
  type KioskHelpRequest,
  type Tenant,
} from "@communa/contracts/rpc";
import { kioskHelp } from "./services/requests.ts";
import { bookablePlaces } from "./services/catalogue.ts";
import { app } from "./app.ts";
import { citizenEnvSchema, type CitizenBindings } from "./env.ts";

export default class CitizenWorker extends DomainEntrypoint<CitizenBindings> {
  protected readonly app = app;
  protected readonly title = "Relation usagers";
  protected override readonly envSchema = citizenEnvSchema;

  /** Daily (cron in wrangler.toml): appointments and requests older than 2 years go (db/src/retention.ts). */
  override async scheduled(_controller: ScheduledController): Promise<void> {
    const counts = await this.withDb((db) => db.applyRetention("purge_citizen_expired"));
    log("info", "durées de conservation de la relation usagers appliquées", { counts });
  }
}

/**
 * The devices Worker's door (named entrypoint `KioskCitizen`, ADR 0046): a kiosk's help request.
 * The devices Worker has checked the signature and that the device is a kiosk; the request is
 * journalled with the kiosk as its actor.
 */
export class KioskCitizen extends ServiceEntrypoint<CitizenBindings> implements KioskCitizenService {
  protected readonly title = "Relation usagers (porte des bornes)";
  protected override readonly envSchema = citizenEnvSchema;

  async kioskHelp(tenant: Tenant, help: KioskHelpRequest, requestId: string): Promise<RpcResult<{ code: string }>> {
    return rpcResult(() => {
      const t = rpcArg(tenantSchema, tenant, "tenant");
      const h = rpcArg(kioskHelpRequestSchema, help, "help");
      const ctx = {
        tenant: t,
        actor: rpcArg(actorSchema, { kind: "device", id: h.deviceId, permissions: ["devices:ingest"] }, "actor"),
        requestId: String(requestId || newRequestId()),
      };
      return this.withDb((db) => kioskHelp({ db, ctx, help: h }));
    });
  }
}

/**
 * The France services Worker's door (named entrypoint `FranceServicesCitizen`, ADR 0045 addendum):
 * which of the tenant's appointment places a permanence can point to, and what residents can book
 * there. Reads only; the places, rules and motifs stay citizen's.
 */
export class FranceServicesCitizen extends ServiceEntrypoint<CitizenBindings> implements FranceServicesCitizenService {
  protected readonly title = "Relation usagers (porte de France services)";
  protected override readonly envSchema = citizenEnvSchema;

  async bookablePlaces(tenant: Tenant, ids: string[] | null): Promise<RpcResult<BookablePlace[]>> {
    return rpcResult(() => {
      const t = rpcArg(tenantSchema, tenant, "tenant");
      const only = ids === null ? null : rpcArg(bookablePlaceIdsSchema, ids, "ids");
      const ctx = { tenant: t, actor: { kind: "anonymous" as const }, requestId: newRequestId() };
      return this.withDb((db) => bookablePlaces({ db, ctx, ids: only }));
    });
  }
}
