/**
 * Appareils connectés (ADR 0016): device sessions (one Durable Object per device: heartbeat,
 * configuration pushed to the device, versions, backlog, status board) and batch ingest of device
 * events onto Cloudflare Queues (bin-lifts, sorting-events, telemetry). Registration and request
 * signatures are the identity Worker's. Kiosks and station screens (ADR 0046): the display board,
 * its live socket (`fetch`, forwarded by the gateway with its context) and kiosks' help requests.
 * Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { AppError, problemResponse } from "@communa/core";
import { app } from "./app.ts";
import { devicesEnvSchema, type DevicesBindings } from "./env.ts";
import { connectScreen } from "./live/connect.ts";

export { DeviceSession } from "./session.ts";
export { SignageHub } from "./live/signage-hub.ts";

export default class DevicesWorker extends DomainEntrypoint<DevicesBindings> {
  protected readonly app = app;
  protected readonly title = "Appareils connectés";
  protected override readonly envSchema = devicesEnvSchema;

  /** The station screens' live socket (WebSocket upgrade), forwarded by the gateway with its context. */
  override async fetch(request?: Request): Promise<Response> {
    if (!request) return super.fetch();
    try {
      return await connectScreen(this.env, request);
    } catch (err) {
      return problemResponse(err instanceof AppError ? err : new AppError("internal", undefined, { cause: err }));
    }
  }
}
