/**
 * The territory Worker: tenants, communes, competences. Reached only through the gateway's
 * service binding; also answers the gateway's tenant look-ups and other domains' "who holds this
 * competence for this commune?" over RPC.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { rpcResult, type RpcResult, type Tenant } from "@communa/core";
import { app } from "./app.ts";
import { territoryEnvSchema, type TerritoryBindings } from "./env.ts";
import { listTenants, tenantBySlug } from "./services/tenants.ts";
import type { TenantDirectory } from "@communa/contracts/rpc";
import { holderOf, type Holder } from "./services/competences.ts";

export default class TerritoryWorker extends DomainEntrypoint<TerritoryBindings> {
  protected readonly app = app;
  protected readonly title = "Territoire";
  protected override readonly envSchema = territoryEnvSchema;

  /** The gateway's tenant look-up (null: no tenant has this slug). */
  async resolveTenant(slug: string): Promise<RpcResult<Tenant | null>> {
    return rpcResult(() => this.withDb((db) => tenantBySlug({ db, slug })));
  }

  /** Every tenant and the communes they cover, for the gateway's public `GET /api/tenants`. */
  async listTenants(withGeometry: boolean): Promise<RpcResult<TenantDirectory>> {
    return rpcResult(() => this.withDb((db) => listTenants({ db, withGeometry: withGeometry === true })));
  }

  async holderOf(competence: string, insee: string): Promise<RpcResult<Holder>> {
    return rpcResult(() => this.withDb((db) => holderOf({ db, competence, insee })));
  }
}
