/**
 * The identity and access Worker. For now: the tenant's audit journal and its verifier.
 * Issue #3 adds people, roles per tenant, sessions, API keys and devices here.
 */
import { DomainEntrypoint } from "@communa/core/worker";
import { app } from "./app.ts";
import type { IdentityBindings } from "./env.ts";

export default class IdentityWorker extends DomainEntrypoint<IdentityBindings> {
  protected readonly app = app;
  protected readonly title = "Identité et journal";
}
