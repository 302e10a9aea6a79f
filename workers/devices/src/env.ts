import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";
import type { DeviceSession } from "./session.ts";
import type { EventMessage, LiftEvent, SortingEvent, TelemetryEvent } from "@communa/contracts/devices";
import type { DevicesIdentityService } from "@communa/contracts/rpc";

export type DevicesBindings = DomainBindings & {
  /** One Durable Object per device: its live session (heartbeat, configuration, counters). */
  DEVICE_SESSIONS: DurableObjectNamespace<DeviceSession>;
  /** Producers of the event queues (consumers: the waste Worker; telemetry: the environment module). */
  LIFTS: Queue<EventMessage<LiftEvent>>;
  SORTING: Queue<EventMessage<SortingEvent>>;
  TELEMETRY: Queue<EventMessage<TelemetryEvent>>;
  /** Identity's door for the devices Worker: reads of the device registry (ADR 0025). */
  IDENTITY: Service & DevicesIdentityService;
};

const binding = (what: string) => z.custom<object>((v) => typeof v === "object" && v !== null, { error: `liaison ${what} absente` });

export const devicesEnvSchema = dbEnvSchema.extend({
  DEVICE_SESSIONS: binding("DEVICE_SESSIONS (Durable Object)"),
  LIFTS: binding("LIFTS (file bin-lifts)"),
  SORTING: binding("SORTING (file sorting-events)"),
  TELEMETRY: binding("TELEMETRY (file telemetry)"),
  IDENTITY: binding("IDENTITY (service identité)"),
});
