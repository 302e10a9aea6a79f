/**
 * Validation of a device's batch, event by event (ADR 0016): each valid event becomes one queue
 * message carrying the tenant (from the gateway's trusted context, never from the device) and the
 * event's key (device id + sequence); each invalid one is answered with its reasons in French, so a
 * device never loses an event silently. Plain TypeScript: no binding here.
 */
import type { z } from "zod";
import { eventIdOf, issuesOf, liftEventSchema, sortingEventSchema, telemetryEventSchema, type EventMessage } from "@communa/contracts/devices";
import { texts } from "../messages.fr.ts";

export type Stream = "lifts" | "sorting" | "telemetry";
export type { DeviceKind } from "@communa/contracts/devices";
import type { DeviceKind } from "@communa/contracts/devices";

/** Which kinds of device may post which events. */
export const KINDS_FOR: Record<Stream, readonly DeviceKind[]> = {
  lifts: ["rfid-reader"],
  sorting: ["sorting-camera"],
  telemetry: ["groundwater-sensor", "energy-meter"],
};

const SCHEMAS: Record<Stream, z.ZodType<{ seq: number }>> = {
  lifts: liftEventSchema,
  sorting: sortingEventSchema,
  telemetry: telemetryEventSchema,
};

export interface Accepted {
  index: number;
  seq: number;
  eventId: string;
}
export interface Rejected {
  index: number;
  seq: number | null;
  errors: { path: string; message: string }[];
}

export interface ValidatedBatch {
  messages: EventMessage<unknown>[];
  accepted: Accepted[];
  rejected: Rejected[];
  /** Latest event time among accepted events (ISO), for the status board. */
  latestAt: string | null;
}

const timeOf = (e: Record<string, unknown>) => (e.liftedAt ?? e.observedAt ?? e.at) as string | undefined;

export function validateBatch({
  stream,
  tenantId,
  deviceId,
  requestId,
  events,
  now = new Date(),
}: {
  stream: Stream;
  tenantId: string;
  deviceId: string;
  requestId: string;
  events: unknown[];
  now?: Date;
}): ValidatedBatch {
  const schema = SCHEMAS[stream];
  const receivedAt = now.toISOString();
  const out: ValidatedBatch = { messages: [], accepted: [], rejected: [], latestAt: null };
  const seen = new Set<number>();
  events.forEach((raw, index) => {
    const rawSeq = raw && typeof raw === "object" && Number.isSafeInteger((raw as { seq?: unknown }).seq) ? (raw as { seq: number }).seq : null;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      out.rejected.push({ index, seq: rawSeq, errors: issuesOf(parsed.error) });
      return;
    }
    const event = parsed.data;
    if (seen.has(event.seq)) {
      out.rejected.push({ index, seq: event.seq, errors: [{ path: "seq", message: texts.duplicateSeq }] });
      return;
    }
    seen.add(event.seq);
    const eventId = eventIdOf(deviceId, event.seq);
    out.messages.push({ v: 1, tenantId, deviceId, eventId, requestId, receivedAt, event });
    out.accepted.push({ index, seq: event.seq, eventId });
    const at = timeOf(event as Record<string, unknown>);
    if (at && (!out.latestAt || Date.parse(at) > Date.parse(out.latestAt))) out.latestAt = new Date(at).toISOString();
  });
  return out;
}
