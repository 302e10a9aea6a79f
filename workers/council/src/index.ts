/**
 * Conseil et séances: councils, members in office and their mandates, sittings, convocations, the
 * live voting room of each sitting (a Durable Object) and the minutes.
 * Reached only through the gateway: `serve` (RPC) for the API, and `fetch` for the live socket,
 * which carries the trusted context the gateway computed (see ADR 0014).
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { log } from "@communa/core";
import { app } from "./app.ts";
import { councilEnvSchema, type CouncilBindings } from "./env.ts";
import { connectLive } from "./live/connect.ts";
import { retryDueTransfers } from "./minutes/archive.ts";

export default class CouncilWorker extends DomainEntrypoint<CouncilBindings> {
  protected readonly app = app;
  protected readonly title = "Conseil et séances";
  protected override readonly envSchema = councilEnvSchema;

  /**
   * Daily (03:40): purges convocation receipts past their retention period (6 years). Every 10
   * minutes: delivers to the archive the minutes whose deposit is due again.
   */
  override async scheduled(controller?: ScheduledController): Promise<void> {
    if (controller?.cron === "*/10 * * * *") {
      const r = await this.withDb((db) => retryDueTransfers(this.env, db, controller.scheduledTime ? new Date(controller.scheduledTime) : new Date()));
      if (r.tried) log("info", "procès-verbaux versés aux archives", r);
      return;
    }
    const counts = await this.withDb((db) => db.applyRetention("purge_council_expired"));
    log("info", "rétention du conseil appliquée", { counts });
  }

  /** The live socket of a sitting (WebSocket upgrade), forwarded by the gateway with its context. */
  override async fetch(request?: Request): Promise<Response> {
    if (!request) return super.fetch();
    return connectLive(this.env, request, (p) => this.ctx.waitUntil(p));
  }
}

export { SittingRoom } from "./live/sitting-room.ts";
