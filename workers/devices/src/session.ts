/**
 * One Durable Object per device (ADR 0016): the device's live session. It remembers the device's
 * profile (kind, name, read from the registry and refreshed every few minutes), its last contact,
 * versions and device-side backlog, what it sent (accepted and rejected events), and the
 * configuration pushed to it. Event batches pass through it: the kind check, the queueing and the
 * counters happen in one place, one batch of a device at a time. SQLite-backed storage.
 */
import { DurableObject } from "cloudflare:workers";
import { AppError, appErrorOf, forbidden, unavailable } from "@communa/core";
import type { DevicesBindings } from "./env.ts";
import { validateBatch, KINDS_FOR, type Accepted, type DeviceKind, type Rejected, type Stream } from "./services/ingest.ts";
import { DEFAULT_CONFIG, ONLINE_PERIODS, type DeviceConfig } from "./services/config.ts";
import { texts } from "./messages.fr.ts";

const PROFILE_TTL_MS = 5 * 60 * 1000;

interface Profile {
  kind: DeviceKind;
  name: string;
  loadedAt: number;
}

interface SessionState {
  tenantId: string;
  deviceId: string;
  profile: Profile | null;
  lastSeenAt: number | null;
  lastHeartbeatAt: number | null;
  lastBatchAt: number | null;
  /** Time of the latest event accepted (device clock, ISO). */
  lastEventAt: string | null;
  firmware: string | null;
  appVersion: string | null;
  /** Events still waiting on the device, as it last reported. */
  backlog: number | null;
  battery: number | null;
  accepted: number;
  rejected: number;
  config: DeviceConfig & { version: number; updatedAt: string | null; updatedBy: string | null };
  /** The configuration version the device says it runs. */
  appliedConfigVersion: number | null;
}

export interface HeartbeatInput {
  firmware: string;
  appVersion?: string;
  backlog: number;
  configVersion: number;
  battery?: number;
}

export interface DeviceStatus {
  id: string;
  kind: DeviceKind | null;
  name: string | null;
  online: boolean;
  lastSeenAt: string | null;
  lastHeartbeatAt: string | null;
  lastBatchAt: string | null;
  lastEventAt: string | null;
  firmware: string | null;
  appVersion: string | null;
  backlog: number | null;
  battery: number | null;
  accepted: number;
  rejected: number;
  config: DeviceConfig & { version: number; updatedAt: string | null; updatedBy: string | null };
  appliedConfigVersion: number | null;
}

export interface IngestResult {
  accepted: Accepted[];
  rejected: Rejected[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export class DeviceSession extends DurableObject<DevicesBindings> {
  private state: SessionState | null = null;

  constructor(ctx: DurableObjectState, env: DevicesBindings) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      this.state = (await ctx.storage.get<SessionState>("state")) ?? null;
    });
  }

  private fresh(tenantId: string, deviceId: string): SessionState {
    return {
      tenantId,
      deviceId,
      profile: null,
      lastSeenAt: null,
      lastHeartbeatAt: null,
      lastBatchAt: null,
      lastEventAt: null,
      firmware: null,
      appVersion: null,
      backlog: null,
      battery: null,
      accepted: 0,
      rejected: 0,
      config: { ...DEFAULT_CONFIG, version: 0, updatedAt: null, updatedBy: null },
      appliedConfigVersion: null,
    };
  }

  /** The session of this (tenant, device); the object's name binds them, checked here too. */
  private session(tenantId: string, deviceId: string): SessionState {
    if (this.state && (this.state.tenantId !== tenantId || this.state.deviceId !== deviceId)) throw forbidden(texts.unknownDevice);
    this.state ??= this.fresh(tenantId, deviceId);
    return this.state;
  }

  private async save(): Promise<void> {
    await this.ctx.storage.put("state", this.state);
  }

  /** Kind and name from identity's registry (asked over RPC, ADR 0025), refreshed every 5 minutes. */
  private async profile(s: SessionState): Promise<Profile> {
    if (s.profile && Date.now() - s.profile.loadedAt < PROFILE_TTL_MS) return s.profile;
    const found = await this.env.IDENTITY.activeDevice({ id: s.tenantId }, s.deviceId);
    if (!found.ok) {
      // Not (or no longer) registered: the device is refused; identity unreachable or failing: retry later.
      if (found.problem.status === 404) throw forbidden(texts.unknownDevice);
      throw unavailable(found.problem.detail, appErrorOf(found.problem));
    }
    s.profile = { kind: found.value.kind, name: found.value.name, loadedAt: Date.now() };
    return s.profile;
  }

  /**
   * A batch from the device: kind check, per-event validation, the valid events onto the queue in
   * one `sendBatch`, counters. Errors come back as a result (their type would not survive RPC).
   */
  async ingest(input: {
    tenantId: string;
    deviceId: string;
    requestId: string;
    stream: Stream;
    events: unknown[];
    backlog?: number;
  }): Promise<{ ok: true; result: IngestResult } | { ok: false; kind: "forbidden" | "unavailable"; detail: string }> {
    try {
      const s = this.session(input.tenantId, input.deviceId);
      const profile = await this.profile(s);
      const allowed = KINDS_FOR[input.stream];
      if (!allowed.includes(profile.kind)) throw forbidden(texts.wrongKind(profile.kind, allowed));
      const batch = validateBatch({
        stream: input.stream,
        tenantId: input.tenantId,
        deviceId: input.deviceId,
        requestId: input.requestId,
        events: input.events,
      });
      if (batch.messages.length) {
        const queue = input.stream === "lifts" ? this.env.LIFTS : input.stream === "sorting" ? this.env.SORTING : this.env.TELEMETRY;
        try {
          await (queue as Queue<unknown>).sendBatch(batch.messages.map((body) => ({ body, contentType: "json" as const })));
        } catch (err) {
          throw unavailable(texts.queueUnavailable, err);
        }
      }
      const now = Date.now();
      s.lastSeenAt = now;
      s.lastBatchAt = now;
      s.accepted += batch.accepted.length;
      s.rejected += batch.rejected.length;
      if (batch.latestAt && (!s.lastEventAt || Date.parse(batch.latestAt) > Date.parse(s.lastEventAt))) s.lastEventAt = batch.latestAt;
      if (input.backlog !== undefined) s.backlog = input.backlog;
      await this.save();
      return { ok: true, result: { accepted: batch.accepted, rejected: batch.rejected } };
    } catch (err) {
      if (err instanceof AppError && (err.kind === "forbidden" || err.kind === "unavailable")) return { ok: false, kind: err.kind, detail: err.message };
      throw err;
    }
  }

  /** A sign of life: versions and backlog; the answer carries the configuration if it changed. */
  async heartbeat(
    tenantId: string,
    deviceId: string,
    hb: HeartbeatInput,
  ): Promise<{ ok: true; config: (DeviceConfig & { version: number }) | null; heartbeatSeconds: number } | { ok: false; detail: string }> {
    try {
      const s = this.session(tenantId, deviceId);
      await this.profile(s);
      const now = Date.now();
      s.lastSeenAt = now;
      s.lastHeartbeatAt = now;
      s.firmware = hb.firmware;
      s.appVersion = hb.appVersion ?? null;
      s.backlog = hb.backlog;
      s.battery = hb.battery ?? null;
      s.appliedConfigVersion = hb.configVersion;
      await this.save();
      const { version, heartbeatSeconds, batchSize, settings } = s.config;
      return { ok: true, config: hb.configVersion === version ? null : { version, heartbeatSeconds, batchSize, settings }, heartbeatSeconds };
    } catch (err) {
      if (err instanceof AppError && err.kind === "forbidden") return { ok: false, detail: err.message };
      throw err;
    }
  }

  /** An agent's new configuration: next version, sent with the answer to the next heartbeat. */
  async setConfig(tenantId: string, deviceId: string, config: DeviceConfig, by: string): Promise<DeviceStatus> {
    const s = this.session(tenantId, deviceId);
    s.config = { ...config, version: s.config.version + 1, updatedAt: new Date().toISOString(), updatedBy: by };
    await this.save();
    return this.snapshot(s);
  }

  /** For the status board. */
  async status(tenantId: string, deviceId: string): Promise<DeviceStatus> {
    return this.snapshot(this.session(tenantId, deviceId));
  }

  private snapshot(s: SessionState): DeviceStatus {
    const period = s.config.heartbeatSeconds * 1000 * ONLINE_PERIODS;
    return {
      id: s.deviceId,
      kind: s.profile?.kind ?? null,
      name: s.profile?.name ?? null,
      online: s.lastSeenAt !== null && Date.now() - s.lastSeenAt <= period,
      lastSeenAt: iso(s.lastSeenAt),
      lastHeartbeatAt: iso(s.lastHeartbeatAt),
      lastBatchAt: iso(s.lastBatchAt),
      lastEventAt: s.lastEventAt,
      firmware: s.firmware,
      appVersion: s.appVersion,
      backlog: s.backlog,
      battery: s.battery,
      accepted: s.accepted,
      rejected: s.rejected,
      config: s.config,
      appliedConfigVersion: s.appliedConfigVersion,
    };
  }
}
