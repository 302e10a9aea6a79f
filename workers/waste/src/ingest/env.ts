/**
 * Bindings of the waste Worker's ingest side (ADR 0016): the event queues it consumes (and produces
 * onto, to replay a fixed dead letter) and their dead-letter queues.
 */
import { z } from "zod";
import type { DbEnv } from "@communa/core";

export interface IngestBindings extends DbEnv {
  /** bin-lifts and sorting-events: producers, for replays from the dead-letter screen. */
  LIFTS: Queue<unknown>;
  SORTING: Queue<unknown>;
  /** Where a consumer sets a poison message aside, with the reason. */
  LIFTS_DLQ: Queue<unknown>;
  SORTING_DLQ: Queue<unknown>;
}

const binding = (what: string) => z.custom<object>((v) => typeof v === "object" && v !== null, { error: `liaison ${what} absente` });

export const ingestEnvSchema = z.object({
  LIFTS: binding("LIFTS (file bin-lifts)"),
  SORTING: binding("SORTING (file sorting-events)"),
  LIFTS_DLQ: binding("LIFTS_DLQ (file bin-lifts-dlq)"),
  SORTING_DLQ: binding("SORTING_DLQ (file sorting-events-dlq)"),
});
