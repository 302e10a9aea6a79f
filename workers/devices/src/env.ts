import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";
import type { DeviceSession } from "./session.ts";
import type { EventMessage, LiftEvent, SortingEvent, TelemetryEvent } from "@communa/contracts/devices";
import type { DevicesIdentityService, KioskCitizenService } from "@communa/contracts/rpc";
import type { SignageHub } from "./live/signage-hub.ts";

export type DevicesBindings = DomainBindings & {
  /** One Durable Object per device: its live session (heartbeat, configuration, counters). */
  DEVICE_SESSIONS: DurableObjectNamespace<DeviceSession>;
  /** Producers of the event queues (consumers: the waste Worker; telemetry: the environment module). */
  LIFTS: Queue<EventMessage<LiftEvent>>;
  SORTING: Queue<EventMessage<SortingEvent>>;
  TELEMETRY: Queue<EventMessage<TelemetryEvent>>;
  /** Identity's door for the devices Worker: reads of the device registry (ADR 0025). */
  IDENTITY: Service & DevicesIdentityService;
  /** One Durable Object per tenant: the station screens' live sockets (ADR 0046). */
  SIGNAGE_HUBS: DurableObjectNamespace<SignageHub>;
  /** The citizen Worker's door for kiosks' help requests (ADR 0046). */
  CITIZEN: Service & KioskCitizenService;
};

const binding = (what: string) => z.custom<object>((v) => typeof v === "object" && v !== null, { error: `liaison ${what} absente` });

export const devicesEnvSchema = dbEnvSchema.extend({
  DEVICE_SESSIONS: binding("DEVICE_SESSIONS (Durable Object)"),
  LIFTS: binding("LIFTS (file bin-lifts)"),
  SORTING: binding("SORTING (file sorting-events)"),
  TELEMETRY: binding("TELEMETRY (file telemetry)"),
  IDENTITY: binding("IDENTITY (service identité)"),
  SIGNAGE_HUBS: binding("SIGNAGE_HUBS (Durable Object)"),
  CITIZEN: binding("CITIZEN (service relation usagers)"),
});
