/**
 * The audit Worker (issue #25, second half; ADR 0043): the collectivité's security audit of its
 * whole IT — the ANSSI hygiene measures and their maturity, the findings register and its action
 * plan, re-assessments, the homologation pack of each online service, the register of processing
 * activities generated from the code, and the incident register with its notification deadlines.
 * Reached only through the gateway.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { app } from "./app.ts";
import { auditEnvSchema, type AuditBindings } from "./env.ts";

export default class AuditWorker extends DomainEntrypoint<AuditBindings> {
  protected readonly app = app;
  protected readonly title = "Audit de sécurité";
  protected override readonly envSchema = auditEnvSchema;
}
