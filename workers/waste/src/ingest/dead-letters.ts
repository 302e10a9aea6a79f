/**
 * Dead letters (ADR 0016): the consumer of the dead-letter queues stores each message set aside in
 * `waste_dead_letters` under its tenant; agents inspect them, fix the JSON and replay them onto the
 * queue they came from (or discard them), each decision journalled. The device's message is never
 * overwritten (`body`, kept as received; the database refuses to change it): an agent's fix is
 * stored beside it (`edited_body`, who, when) and the journal records each field it changed, before
 * and after — lifts and weights are billing data.
 */
import { and, desc, eq } from "drizzle-orm";
import { wasteDeadLetters } from "@communa/db";
import { AppError, conflict, invalid, log, notFound, uuidv7, type Db, type TrustedContext } from "@communa/core";
import { QUEUES, deadLetterSchema, issuesOf, liftMessageSchema, sortingMessageSchema } from "@communa/contracts/devices";
import type { IngestBindings } from "./env.ts";
import { ingestStore, isTransient, type IngestStore } from "./store.ts";
import { ingestTexts } from "./messages.fr.ts";
import { isUuid } from "@communa/core/ids";

const DLQ_QUEUE: Record<string, string> = { "bin-lifts-dlq": QUEUES.lifts, "sorting-events-dlq": QUEUES.sorting };
const INSERT_SQL = `
INSERT INTO waste_dead_letters (id, tenant_id, queue, message_id, body, reason, attempts)
SELECT id, app.current_tenant(), queue, message_id, body, reason, attempts
FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, queue text, message_id text, body text, reason text, attempts int)
ON CONFLICT (tenant_id, queue, message_id) DO NOTHING`;

/** The consumer of bin-lifts-dlq and sorting-events-dlq. */
export async function storeDeadLetters(batch: MessageBatch<unknown>, env: IngestBindings, store: IngestStore = ingestStore(env)): Promise<void> {
  const byTenant = new Map<string, { msg: Message<unknown>; row: Record<string, unknown> }[]>();
  for (const msg of batch.messages) {
    const wrapped = deadLetterSchema.safeParse(msg.body);
    // Set aside by a consumer (with its reason), or moved here by the queue once retries ran out.
    const letter = wrapped.success
      ? { tenantId: wrapped.data.tenantId, queue: wrapped.data.queue, reason: wrapped.data.reason, attempts: wrapped.data.attempts, body: wrapped.data.body }
      : {
          tenantId: (msg.body as { tenantId?: unknown } | null)?.tenantId,
          queue: DLQ_QUEUE[batch.queue],
          reason: ingestTexts.retriesExhausted,
          attempts: msg.attempts,
          body: msg.body,
        };
    if (typeof letter.tenantId !== "string" || !isUuid(letter.tenantId)) {
      log("error", "message rejeté sans collectivité", { queue: batch.queue, messageId: msg.id, body: msg.body });
      msg.ack();
      continue;
    }
    const list = byTenant.get(letter.tenantId) ?? [];
    list.push({
      msg,
      row: {
        id: uuidv7(),
        queue: letter.queue,
        message_id: msg.id,
        body: JSON.stringify(letter.body ?? null, null, 2),
        reason: letter.reason,
        attempts: letter.attempts,
      },
    });
    byTenant.set(letter.tenantId, list);
  }
  for (const [tenantId, group] of byTenant) {
    try {
      await store.ingest(tenantId, { statements: [{ text: INSERT_SQL, params: [JSON.stringify(group.map((g) => g.row))] }] });
      for (const g of group) g.msg.ack();
      log("warn", "messages rejetés enregistrés", { tenantId, count: group.length });
    } catch (err) {
      if (isTransient(err)) {
        for (const g of group) g.msg.retry({ delaySeconds: Math.min(600, 5 * 2 ** Math.max(0, g.msg.attempts - 1)) });
      } else {
        // An unknown tenant: nobody could ever see it on the screen.
        log("error", "message rejeté impossible à enregistrer", { tenantId, error: err, bodies: group.map((g) => g.row.body) });
        for (const g of group) g.msg.ack();
      }
    }
  }
}

export type DeadLetterStatus = "pending" | "replayed" | "discarded";

const present = (r: typeof wasteDeadLetters.$inferSelect) => ({
  id: r.id,
  queue: r.queue,
  messageId: r.messageId,
  body: r.body,
  editedBody: r.editedBody,
  editedBy: r.editedBy,
  editedAt: r.editedAt ? new Date(r.editedAt).toISOString() : null,
  reason: r.reason,
  attempts: r.attempts,
  status: r.status,
  handledBy: r.handledBy,
  handledAt: r.handledAt ? new Date(r.handledAt).toISOString() : null,
  createdAt: new Date(r.createdAt).toISOString(),
});
export type DeadLetterView = ReturnType<typeof present>;

export async function listDeadLetters({ db, ctx, status }: { db: Db; ctx: TrustedContext; status?: DeadLetterStatus }): Promise<DeadLetterView[]> {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(wasteDeadLetters)
      .where(status ? eq(wasteDeadLetters.status, status) : undefined)
      .orderBy(desc(wasteDeadLetters.createdAt))
      .limit(200),
  );
  return rows.map(present);
}

export async function oneDeadLetter({ db, ctx, id }: { db: Db; ctx: TrustedContext; id: string }): Promise<DeadLetterView> {
  const [row] = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(wasteDeadLetters).where(eq(wasteDeadLetters.id, id)).limit(1));
  if (!row) throw notFound(ingestTexts.deadLetterNotFound);
  return present(row);
}

const by = (ctx: TrustedContext) => (ctx.actor.kind === "anonymous" ? "anonyme" : ctx.actor.id);

/** Leaves of a JSON value by path ("event/chipId"), for the journal's before/after. */
function leaves(value: unknown, path = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (!entries.length) out.set(path, value);
    for (const [k, v] of entries) leaves(v, path ? `${path}/${k}` : k, out);
  } else out.set(path, value);
  return out;
}

export interface FieldChange {
  path: string;
  /** JSON text of the value (absent: the field was not there), so that any value fits the journal (even a NUL). */
  before?: string;
  after?: string;
}

/** The fields an agent changed in a message, before and after (as JSON text), in path order. */
export function changedFields(original: unknown, edited: unknown): FieldChange[] {
  const a = leaves(original);
  const b = leaves(edited);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: FieldChange[] = [];
  for (const p of paths) {
    const before = a.has(p) ? JSON.stringify(a.get(p)) : undefined;
    const after = b.has(p) ? JSON.stringify(b.get(p)) : undefined;
    if (before !== after) out.push({ path: p, ...(before !== undefined && { before }), ...(after !== undefined && { after }) });
  }
  return out;
}

const parseOr = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * Replays a dead letter onto the queue it came from, as stored or as fixed by the agent (`message`:
 * the JSON text). The fixed message must validate and stay in the tenant; the queue's consumer then
 * writes it idempotently.
 */
export async function replayDeadLetter({
  db,
  env,
  ctx,
  id,
  message,
}: {
  db: Db;
  env: IngestBindings;
  ctx: TrustedContext;
  id: string;
  message?: string;
}): Promise<DeadLetterView> {
  return db.write(ctx, async (tx, journal) => {
    const [row] = await tx.select().from(wasteDeadLetters).where(eq(wasteDeadLetters.id, id)).for("update").limit(1);
    if (!row) throw notFound(ingestTexts.deadLetterNotFound);
    if (row.status !== "pending") throw conflict(ingestTexts.notPending);
    const text = message ?? row.body;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw invalid(undefined, [{ path: "body/message", message: ingestTexts.notJson((err as Error).message) }]);
    }
    const schema = row.queue === QUEUES.lifts ? liftMessageSchema : sortingMessageSchema;
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      throw invalid(
        undefined,
        issuesOf(parsed.error).map((i) => ({ path: `body/message/${i.path}`.replace(/\/$/, ""), message: i.message })),
      );
    if (parsed.data.tenantId !== ctx.tenant.id) throw invalid(undefined, [{ path: "body/message/tenantId", message: ingestTexts.otherTenant }]);
    // The device's message stays as received; the agent's version, if it differs, goes beside it.
    const changes = changedFields(parseOr(row.body), value);
    const edited = message !== undefined && message !== row.body;
    const now = new Date();
    const [updated] = await tx
      .update(wasteDeadLetters)
      .set({ status: "replayed", handledBy: by(ctx), handledAt: now, ...(edited && { editedBody: text, editedBy: by(ctx), editedAt: now }) })
      .where(and(eq(wasteDeadLetters.id, id), eq(wasteDeadLetters.status, "pending")))
      .returning();
    try {
      await (row.queue === QUEUES.lifts ? env.LIFTS : env.SORTING).send(value, { contentType: "json" });
    } catch (err) {
      throw new AppError("unavailable", ingestTexts.queueUnavailable, { cause: err });
    }
    await journal({
      action: "waste.dead-letter.replay",
      target: `waste_dead_letters/${id}`,
      summary: { queue: row.queue, eventId: parsed.data.eventId, fixed: edited, changes },
    });
    return present(updated);
  });
}

/** Sets a dead letter aside for good (duplicate, test message…), with the agent's reason. */
export async function discardDeadLetter({ db, ctx, id, reason }: { db: Db; ctx: TrustedContext; id: string; reason: string }): Promise<DeadLetterView> {
  return db.write(ctx, async (tx, journal) => {
    const [updated] = await tx
      .update(wasteDeadLetters)
      .set({ status: "discarded", handledBy: by(ctx), handledAt: new Date() })
      .where(and(eq(wasteDeadLetters.id, id), eq(wasteDeadLetters.status, "pending")))
      .returning();
    if (!updated) {
      const [exists] = await tx.select({ id: wasteDeadLetters.id }).from(wasteDeadLetters).where(eq(wasteDeadLetters.id, id)).limit(1);
      throw exists ? conflict(ingestTexts.notPending) : notFound(ingestTexts.deadLetterNotFound);
    }
    await journal({ action: "waste.dead-letter.discard", target: `waste_dead_letters/${id}`, summary: { queue: updated.queue, reason } });
    return present(updated);
  });
}
