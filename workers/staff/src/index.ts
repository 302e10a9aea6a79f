/**
 * The staff Worker (issue #23, ADR 0039): the agents' digital safe — payslips deposited in bulk and
 * checked by a second person, arrêtés notified and acknowledged, contracts and certificates —
 * envelope-encrypted in R2 under keys only this Worker can unwrap, every access in the agent's
 * hash-chained journal. Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { app } from "./app.ts";
import { staffEnvSchema, type StaffBindings } from "./env.ts";

export default class StaffWorker extends DomainEntrypoint<StaffBindings> {
  protected readonly app = app;
  protected readonly title = "Personnel (coffre-fort numérique)";
  protected override readonly envSchema = staffEnvSchema;
}
