/**
 * Appareils connectés (ADR 0016): device sessions (one Durable Object per device: heartbeat,
 * configuration pushed to the device, versions, backlog, status board) and batch ingest of device
 * events onto Cloudflare Queues (bin-lifts, sorting-events, telemetry). Registration and request
 * signatures are the identity Worker's. Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { app } from "./app.ts";
import { devicesEnvSchema, type DevicesBindings } from "./env.ts";

export { DeviceSession } from "./session.ts";

export default class DevicesWorker extends DomainEntrypoint<DevicesBindings> {
  protected readonly app = app;
  protected readonly title = "Appareils connectés";
  protected override readonly envSchema = devicesEnvSchema;
}
