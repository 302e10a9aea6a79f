/**
 * The territory Worker: tenants, communes, competences. Reached only through the gateway's
 * service binding; also answers the gateway's tenant look-ups and other domains' "who holds this
 * competence for this commune?" over RPC.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { rpcResult, type RpcResult, type Tenant } from "@communa/core";
import { app } from "./app.ts";
import type { TerritoryBindings } from "./env.ts";
import { tenantBySlug } from "./services/tenants.ts";
import { holderOf, type Holder } from "./services/competences.ts";

export default class TerritoryWorker extends DomainEntrypoint<TerritoryBindings> {
  protected readonly app = app;
  protected readonly title = "Territoire";

  /** The gateway's tenant look-up (null: no tenant has this slug). */
  async resolveTenant(slug: string): Promise<RpcResult<Tenant | null>> {
    return rpcResult(() => this.withDb((db) => tenantBySlug({ db, slug })));
  }

  async holderOf(competence: string, insee: string): Promise<RpcResult<Holder>> {
    return rpcResult(() => this.withDb((db) => holderOf({ db, competence, insee })));
  }
}
