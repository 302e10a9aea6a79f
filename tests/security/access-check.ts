/**
 * The authorisation matrix's judge, apart from the gateway so that it can be tested on its own
 * (tests/node/security-checks.test.ts): given the hand-written table (access-policy.ts), the
 * operations the API publishes and what each caller was answered, the list of disagreements.
 */
import type { Who } from "./access-policy.ts";

/** A caller of the walk: "anonyme" or one role. */
export type Caller = string;

export interface Answer {
  /** "METHOD /path" as in the OpenAPI document. */
  operation: string;
  caller: Caller;
  status: number;
}

/** Whether the table lets this caller through. */
export function allowedBy(who: Who, caller: Caller): boolean {
  if (who === "anonyme") return true;
  if (who === "connecté") return caller !== "anonyme";
  return caller !== "anonyme" && who.includes(caller as never);
}

/** Operations with no line in the table, and lines naming an operation the API no longer has. */
export function coverageFailures(policy: Record<string, Who>, operations: readonly string[]): string[] {
  const published = new Set(operations);
  return [
    ...operations.filter((o) => !(o in policy)).map((o) => `${o} : aucune ligne dans la table des droits (tests/security/access-policy.ts)`),
    ...Object.keys(policy)
      .filter((o) => !published.has(o))
      .map((o) => `${o} : ligne de la table pour une opération que l’API ne publie pas`),
  ];
}

/**
 * Each answer against the table: an allowed caller must not be refused (401/403); a caller the table
 * refuses must get 401 when anonymous, 403 when signed in — a 200 there is a route open to someone
 * it should not be (a route wrongly declared public, or guarded by a permission too wide).
 */
export function answerFailures(policy: Record<string, Who>, answers: readonly Answer[]): string[] {
  const failures: string[] = [];
  for (const { operation, caller, status } of answers) {
    const who = policy[operation];
    if (who === undefined) continue; // reported by coverageFailures
    const denied = status === 401 || status === 403;
    if (status >= 500) failures.push(`${operation} (${caller}) : ${status}`);
    if (allowedBy(who, caller)) {
      if (denied) failures.push(`${operation} (${caller}) : refusé (${status}) alors que la table l’autorise`);
    } else {
      const expected = caller === "anonyme" ? 401 : 403;
      if (status !== expected) failures.push(`${operation} (${caller}) : ${status} au lieu de ${expected} (la table le refuse)`);
    }
  }
  return failures;
}
