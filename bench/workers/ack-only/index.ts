/**
 * Baseline (a) of the ingest and telemetry benches: tells the bench (COLLECTOR, an HTTP endpoint of
 * the bench process) which event ids a batch holds (bin-lifts with wrangler.toml, telemetry with
 * telemetry.toml), then acknowledges it — no validation, no database — so the bench counts them
 * exactly as it counts rows for the real consumer.
 */
interface Env {
  COLLECTOR: string;
}

export default {
  async queue(batch: MessageBatch<{ eventId?: string }>, env: Env): Promise<void> {
    // Reported before acknowledging (a lost report would be a lost count): one local HTTP round trip
    // per batch, as the real consumer has one to the database.
    const res = await fetch(env.COLLECTOR, { method: "POST", body: JSON.stringify(batch.messages.map((m) => m.body?.eventId ?? "")) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`collecteur : HTTP ${res.status}`);
    batch.ackAll();
  },
};
