/**
 * Queue consumers of the waste Worker (ADR 0016). For each batch: every message is checked again
 * (a replayed message may have been edited by an agent); valid ones are written per tenant in one
 * idempotent statement and acknowledged one by one once committed; if the database is unreachable
 * or busy they are retried with an exponential backoff; a message the database refuses, or that
 * does not validate, is poison: it goes to the dead-letter queue with the reason, for the agent
 * screen. Committing before acknowledging means a crash between the two redelivers messages that
 * are already written — which the unique event key makes harmless.
 */
import type { z } from "zod";
import { log } from "@communa/core";
import { QUEUES, issuesOf, liftMessageSchema, sortingMessageSchema, type DeadLetter } from "@communa/contracts/devices";
import type { IngestBindings } from "./env.ts";

export type { IngestBindings };
import { describeDbError, ingestStore, isTransient, type IngestStore } from "./store.ts";
import { writeLifts, writeSortingEvents, type WriteCounts } from "./write.ts";
import { storeDeadLetters } from "./dead-letters.ts";
import { ingestTexts } from "./messages.fr.ts";
import { isUuid } from "@communa/core/ids";

/** Dead-letter queues and the queue each one serves. */
export const DLQ_OF = { [QUEUES.lifts]: "bin-lifts-dlq", [QUEUES.sorting]: "sorting-events-dlq" } as const;
export const QUEUE_OF_DLQ: Record<string, typeof QUEUES.lifts | typeof QUEUES.sorting> = {
  "bin-lifts-dlq": QUEUES.lifts,
  "sorting-events-dlq": QUEUES.sorting,
};

/** Delay before the next attempt: 5 s, 10 s, 20 s… capped at 10 minutes, with ±20 % jitter. */
export function backoffSeconds(attempts: number): number {
  const base = Math.min(600, 5 * 2 ** Math.max(0, attempts - 1));
  return Math.max(1, Math.round(base * (0.8 + Math.random() * 0.4)));
}

type Kind = typeof QUEUES.lifts | typeof QUEUES.sorting;

interface Spec<M extends { tenantId: string }> {
  schema: z.ZodType<M>;
  write: (store: IngestStore, tenantId: string, messages: M[]) => Promise<WriteCounts>;
}

const SPECS: { [K in Kind]: Spec<K extends typeof QUEUES.lifts ? z.output<typeof liftMessageSchema> : z.output<typeof sortingMessageSchema>> } = {
  [QUEUES.lifts]: { schema: liftMessageSchema, write: writeLifts },
  [QUEUES.sorting]: { schema: sortingMessageSchema, write: writeSortingEvents },
} as never;

/** Sets a message aside on the dead-letter queue with its reason (or, without a tenant, in the logs). */
async function setAside(env: IngestBindings, queue: Kind, msg: Message<unknown>, reason: string): Promise<void> {
  const tenantId = (msg.body as { tenantId?: unknown } | null)?.tenantId;
  if (typeof tenantId !== "string" || !isUuid(tenantId)) {
    // Our producers always set the tenant: such a message was not sent by the platform.
    log("error", "message sans collectivité écarté", { queue, messageId: msg.id, reason, body: msg.body });
    msg.ack();
    return;
  }
  const dlq = queue === QUEUES.lifts ? env.LIFTS_DLQ : env.SORTING_DLQ;
  const letter: DeadLetter = { deadLetter: 1, queue, tenantId, reason, attempts: msg.attempts, body: msg.body };
  try {
    await dlq.send(letter, { contentType: "json" });
    msg.ack();
  } catch (err) {
    log("error", "file des rejets indisponible", { queue, messageId: msg.id, error: err });
    msg.retry({ delaySeconds: backoffSeconds(msg.attempts) });
  }
}

/**
 * Writes `messages` (one tenant's), splitting the set in halves when the database refuses it, to
 * find the poison ones without giving up the others.
 */
async function writeGroup<M extends { tenantId: string }>(
  env: IngestBindings,
  store: IngestStore,
  queue: Kind,
  spec: Spec<M>,
  tenantId: string,
  group: { msg: Message<unknown>; value: M }[],
): Promise<void> {
  let written: WriteCounts;
  try {
    written = await spec.write(
      store,
      tenantId,
      group.map((g) => g.value),
    );
  } catch (err) {
    if (isTransient(err)) {
      log("warn", "base indisponible, nouvel essai différé", { queue, tenantId, messages: group.length, error: err });
      for (const g of group) g.msg.retry({ delaySeconds: backoffSeconds(g.msg.attempts) });
      return;
    }
    if (group.length === 1) {
      await setAside(env, queue, group[0].msg, describeDbError(err));
      return;
    }
    const half = Math.ceil(group.length / 2);
    await writeGroup(env, store, queue, spec, tenantId, group.slice(0, half));
    await writeGroup(env, store, queue, spec, tenantId, group.slice(half));
    return;
  }
  // Acknowledged only once committed: a crash in between means redelivery, which counts once.
  for (const g of group) g.msg.ack();
  // One line per batch would be most of the consumer's output; redeliveries and conflicts are the news.
  if (written.conflicts > 0)
    log("warn", "clé d’événement déjà enregistrée avec un autre contenu : anomalie pour les agents", { queue, tenantId, conflicts: written.conflicts });
  if (written.inserted + written.conflicts < group.length)
    log("info", "événements déjà écrits ignorés", { queue, tenantId, messages: group.length, inserted: written.inserted, anomalies: written.anomalies });
}

/**
 * Splits a tenant's messages into rounds whose event keys are distinct (the k-th message carrying a
 * key goes into round k): the database compares a key with what is stored before the statement, so
 * a second version of a key in the same statement would be neither written nor compared.
 */
export function distinctKeyRounds<T extends { value: { eventId: string } }>(group: T[]): T[][] {
  const rounds: T[][] = [];
  const seen = new Map<string, number>();
  for (const g of group) {
    const k = seen.get(g.value.eventId) ?? 0;
    seen.set(g.value.eventId, k + 1);
    (rounds[k] ??= []).push(g);
  }
  return rounds;
}

/** The handler of bin-lifts and sorting-events batches. */
export async function consumeEvents(batch: MessageBatch<unknown>, env: IngestBindings, store: IngestStore = ingestStore(env)): Promise<void> {
  const queue = batch.queue as Kind;
  const spec = SPECS[queue] as unknown as Spec<{ tenantId: string; eventId: string }>;
  const byTenant = new Map<string, { msg: Message<unknown>; value: { tenantId: string; eventId: string } }[]>();
  for (const msg of batch.messages) {
    const parsed = spec.schema.safeParse(msg.body);
    if (!parsed.success) {
      await setAside(env, queue, msg, ingestTexts.invalidMessage(issuesOf(parsed.error)));
      continue;
    }
    const list = byTenant.get(parsed.data.tenantId) ?? [];
    list.push({ msg, value: parsed.data });
    byTenant.set(parsed.data.tenantId, list);
  }
  for (const [tenantId, group] of byTenant) {
    for (const round of distinctKeyRounds(group)) await writeGroup(env, store, queue, spec, tenantId, round);
  }
}

/** Entry point of the Worker's `queue()`: event queues and their dead-letter queues. */
export async function handleQueue(batch: MessageBatch<unknown>, env: IngestBindings): Promise<void> {
  if (batch.queue in QUEUE_OF_DLQ) return storeDeadLetters(batch, env);
  if (batch.queue === QUEUES.lifts || batch.queue === QUEUES.sorting) return consumeEvents(batch, env);
  log("error", "file inconnue", { queue: batch.queue, messages: batch.messages.length });
  batch.retryAll();
}
