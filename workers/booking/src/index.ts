/**
 * Réservations (issue #19, ADR 0032): halls, third-place rooms and machines, equipment loans and
 * workshop sessions, never double-booked. Reached only through the gateway.
 */
import { DomainEntrypoint, ServiceEntrypoint } from "@communa/core/worker";
import { log, requestId, rpcArg, rpcResult, tenantSchema, type RpcResult } from "@communa/core";
import {
  occupancyQuerySchema,
  type BookableResource,
  type EnvironmentBookingService,
  type Occupancy,
  type OccupancyQuery,
  type Tenant,
} from "@communa/contracts/rpc";
import { listRooms, occupancy } from "./services/occupancy.ts";
import { app } from "./app.ts";
import { bookingEnvSchema, type BookingBindings } from "./env.ts";
import { expireAllOptions } from "./services/expiry.ts";

export default class BookingWorker extends DomainEntrypoint<BookingBindings> {
  protected readonly app = app;
  protected readonly title = "Réservations";
  protected override readonly envSchema = bookingEnvSchema;

  /** Every 15 minutes: lapsed options free their slot; daily at 04:10, retention too (wrangler.toml). */
  override async scheduled(controller: ScheduledController): Promise<void> {
    const now = new Date(controller.scheduledTime);
    await this.withDb(async (db) => {
      const expired = await expireAllOptions(db, now);
      if (expired) log("info", "options échues libérées", { expired });
      if (controller.cron === "10 4 * * *")
        log("info", "durées de conservation des réservations appliquées", { counts: await db.applyRetention("purge_booking_expired") });
    });
  }
}

/**
 * The environment Worker's door (named entrypoint `EnvironmentBooking`, ADR 0035 addendum): which
 * rooms a building may house, and when they are in use. Reads only, nothing personal.
 */
export class EnvironmentBooking extends ServiceEntrypoint<BookingBindings> implements EnvironmentBookingService {
  protected readonly title = "Réservations (porte de l’énergie)";
  protected override readonly envSchema = bookingEnvSchema;

  async resources(tenant: Tenant): Promise<RpcResult<BookableResource[]>> {
    return rpcResult(() => {
      const ctx = { tenant: rpcArg(tenantSchema, tenant, "tenant"), actor: { kind: "anonymous" as const }, requestId: requestId() };
      return this.withDb((db) => listRooms({ db, ctx }));
    });
  }

  async occupancy(tenant: Tenant, query: OccupancyQuery): Promise<RpcResult<Occupancy[]>> {
    return rpcResult(() => {
      const ctx = { tenant: rpcArg(tenantSchema, tenant, "tenant"), actor: { kind: "anonymous" as const }, requestId: requestId() };
      const q = rpcArg(occupancyQuerySchema, query, "query");
      return this.withDb((db) => occupancy({ db, ctx, query: q }));
    });
  }
}
