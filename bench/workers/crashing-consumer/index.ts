/**
 * Crash case (c) of the ingest bench (see wrangler.toml): the real bin-lifts consumer, made to crash
 * on a share (CRASH_SHARE) of first deliveries, half of them before writing and half after the write
 * committed and before any acknowledgement (acknowledgements are held back, then the handler
 * throws). The queue then redelivers the whole batch; the bench checks that every event it had
 * acknowledged is stored exactly once. Each crash is reported to the bench's COLLECTOR.
 */
import { consumeEvents, type IngestBindings } from "@communa/waste/consumer";

interface Env extends IngestBindings {
  COLLECTOR: string;
  CRASH_SHARE: string;
}

async function report(env: Env, kind: "avant l’écriture" | "après l’écriture, avant l’acquittement"): Promise<void> {
  const res = await fetch(env.COLLECTOR, { method: "POST", body: JSON.stringify({ crash: kind }) });
  await res.arrayBuffer();
}

export default {
  async queue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
    const first = batch.messages.every((m) => m.attempts <= 1);
    const draw = Math.random();
    const share = Number(env.CRASH_SHARE);
    if (first && draw < share / 2) {
      await report(env, "avant l’écriture");
      throw new Error("panne simulée du consommateur, avant l’écriture");
    }
    if (first && draw < share) {
      // The isolate dies once the rows are committed, before a single acknowledgement reaches the queue.
      const held = {
        queue: batch.queue,
        messages: batch.messages.map((m) => ({ id: m.id, timestamp: m.timestamp, attempts: m.attempts, body: m.body, ack() {}, retry() {} })),
        ackAll() {},
        retryAll() {},
      } as unknown as MessageBatch<unknown>;
      await consumeEvents(held, env);
      await report(env, "après l’écriture, avant l’acquittement");
      throw new Error("panne simulée du consommateur, après l’écriture");
    }
    await consumeEvents(batch, env);
  },
};
