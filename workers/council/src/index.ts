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

export default class CouncilWorker extends DomainEntrypoint<CouncilBindings> {
  protected readonly app = app;
  protected readonly title = "Conseil et séances";
  protected override readonly envSchema = councilEnvSchema;

  /** Daily: purges convocation receipts past their retention period (6 years). */
  override async scheduled(): Promise<void> {
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
