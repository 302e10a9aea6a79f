/**
 * One Durable Object per council sitting: attendance, proxies, quorum and votes, held in the
 * object's SQLite storage (`room-store.ts`), ruled by `room-rules.ts`, with every participant on a
 * hibernatable WebSocket. This file is the transport: sockets, frames, broadcasts, the alarm.
 *
 * Trust: the object is reachable only through the council Worker (no public route), which passes
 * the actor the gateway authenticated (`x-communa-council-actor`); the role derived from it is kept
 * in the socket's attachment, so it survives hibernation; nothing the client sends can change it.
 *
 * Durability: each command's writes run in one synchronous SQLite transaction before its answer is
 * sent, and the runtime's output gate holds outgoing messages until those writes are durable, so a
 * vote acknowledged is a vote stored. After an eviction the object rebuilds everything from SQLite.
 */
import { DurableObject } from "cloudflare:workers";
import { actorSchema, log } from "@communa/core";
import { sittingConfigSchema, type SittingConfig, type SittingConfigInput } from "./config.ts";
import { clientMessageSchema, type ClientMessage, type ErrorCode, type Identity, type ServerMessage, type Snapshot } from "@communa/contracts/council";
import { liveErrors } from "../messages.fr.ts";
import type { Minutes } from "./minutes-data.ts";
import type { CouncilBindings } from "../env.ts";
import { RoomStore } from "./room-store.ts";
import { Refused, RoomRules, refuse, type Proclaimed } from "./room-rules.ts";
import { minutesData, snapshot } from "./room-views.ts";
import { ACTOR_HEADER, identify } from "./identity.ts";
import { SealedStore } from "./sealed.ts";
import type { BallotBox } from "@communa/contracts/ballot-crypto";

export { ACTOR_HEADER, identify } from "./identity.ts";

export class SittingRoom extends DurableObject<CouncilBindings> {
  private readonly store: RoomStore;
  private config: SittingConfig | null = null;

  constructor(ctx: DurableObjectState, env: CouncilBindings) {
    super(ctx, env);
    this.store = new RoomStore(ctx.storage.sql);
  }

  // ---------------------------------------------------------------- RPC from the council Worker

  /** Sets the sitting up (members, rooms, agenda). Allowed until the sitting opens. */
  async setup(input: SittingConfigInput, options: { record?: boolean } = {}): Promise<Snapshot> {
    const config = sittingConfigSchema.parse(input);
    const { sql } = this.store;
    this.ctx.storage.transactionSync(() => {
      this.store.init();
      const phase = this.store.meta("phase");
      if (phase && phase !== "pending") refuse("sittingNotOpen");
      this.store.setMeta("config", JSON.stringify(config));
      this.store.setMeta("phase", "pending");
      this.store.setMeta("record", options.record === false ? "no" : "yes");
      sql.exec("DELETE FROM items");
      for (const i of config.items) sql.exec("INSERT INTO items (id, status) VALUES (?, 'pending')", i.id);
      sql.exec("DELETE FROM proxies");
      const now = Date.now();
      for (const p of config.proxies) {
        sql.exec("INSERT INTO proxies (giver_id, holder_id, sittings, given_at) VALUES (?, ?, ?, ?)", p.giverId, p.holderId, p.sittings, now);
        sql.exec(
          "INSERT INTO proxy_log (giver_id, holder_id, event, at, sittings, origin) VALUES (?, ?, 'given', ?, ?, 'registered')",
          p.giverId,
          p.holderId,
          now,
          p.sittings,
        );
      }
      this.store.bump();
    });
    this.config = config;
    this.broadcastState();
    return snapshot(this.store, config, null);
  }

  /** The current state as a viewer sees it (public page, reconnecting clients). */
  async state(): Promise<Snapshot | null> {
    const config = this.loadConfig();
    return config ? snapshot(this.store, config, null) : null;
  }

  /** Minutes data once the sitting is closed (null before). */
  async minutes(): Promise<Minutes | null> {
    const config = this.loadConfig();
    if (!config || this.store.meta("phase") !== "closed") return null;
    return minutesData(this.store, config);
  }

  // ---------------------------------------------------------------- WebSockets

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("WebSocket attendu", { status: 426 });
    let actor: unknown = null;
    try {
      actor = JSON.parse(decodeURIComponent(request.headers.get(ACTOR_HEADER) ?? "null"));
    } catch {
      // refused below
    }
    const parsed = actorSchema.safeParse(actor);
    if (!parsed.success) return new Response("Identité absente", { status: 403 });
    const config = this.loadConfig();
    if (!config) return new Response("Séance non préparée", { status: 404 });
    const identity = identify(parsed.data, config);
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    const tags: string[] = [identity.role];
    if ("memberId" in identity && identity.memberId) tags.push(`member:${identity.memberId}`);
    this.ctx.acceptWebSocket(server, tags);
    server.serializeAttachment(identity);
    // A client (re)connecting gets the full current state first.
    server.send(JSON.stringify({ type: "state", state: snapshot(this.store, config, identity) } satisfies ServerMessage));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const identity = ws.deserializeAttachment() as Identity;
    let raw: unknown;
    try {
      raw = JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data));
    } catch {
      raw = null;
    }
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const ref = typeof (raw as { ref?: unknown } | null)?.ref === "string" ? String((raw as { ref: string }).ref).slice(0, 64) : undefined;
      return this.sendError(ws, ref, identity.role === "viewer" ? "readOnly" : "malformed");
    }
    const msg: ClientMessage = parsed.data;
    // After hibernation or eviction the instance is new: its configuration comes back from SQLite.
    const config = this.loadConfig();
    if (!config) return this.sendError(ws, msg.ref, "sittingNotOpen");
    if (msg.type === "sync") {
      ws.send(JSON.stringify({ type: "state", state: snapshot(this.store, config, identity) } satisfies ServerMessage));
      ws.send(JSON.stringify({ type: "ack", ref: msg.ref, of: "sync" } satisfies ServerMessage));
      return;
    }
    if (msg.type === "box.get") {
      // Public once the vote is closed, for anyone (a viewer included): universal verifiability.
      const e = new SealedStore(this.store).election(msg.voteId);
      if (!e) return this.sendError(ws, msg.ref, "notSealed");
      let box: BallotBox;
      try {
        box = new SealedStore(this.store).box(e);
      } catch (err) {
        if (err instanceof Refused) return this.sendError(ws, msg.ref, err.code);
        throw err;
      }
      ws.send(JSON.stringify({ type: "box", ref: msg.ref, voteId: msg.voteId, box } satisfies ServerMessage));
      ws.send(JSON.stringify({ type: "ack", ref: msg.ref, of: "box.get" } satisfies ServerMessage));
      return;
    }
    let result: Proclaimed | null = null;
    try {
      result = this.ctx.storage.transactionSync(() => {
        const r = new RoomRules(this.store, config).apply(identity, msg);
        this.store.bump();
        return r;
      });
    } catch (err) {
      if (err instanceof Refused) return this.sendError(ws, msg.ref, err.code);
      log("error", "commande de séance en échec", { type: msg.type, error: String(err) });
      return this.sendError(ws, msg.ref, "internal");
    }
    // Result and new state first, then the ack: when a client sees its ack, its state is current.
    if (result) {
      // Closing a vote changes nothing but what the result says: clients apply it (`applyResult`).
      this.broadcast(JSON.stringify({ type: "result", ...result, seq: this.store.seq() } satisfies ServerMessage));
    } else if (msg.type === "ballot" || msg.type === "ballot.sealed") {
      // A ballot changes only a count for everyone, and the voter's own state (on all their devices).
      const vote = snapshot(this.store, config, null).vote!;
      this.broadcast(
        JSON.stringify({ type: "progress", voteId: vote.id, ballots: vote.ballots, expected: vote.expected, seq: this.store.seq() } satisfies ServerMessage),
      );
      const frame = JSON.stringify({ type: "state", state: snapshot(this.store, config, identity) } satisfies ServerMessage);
      for (const own of this.ctx.getWebSockets(`member:${(identity as { memberId: string }).memberId}`)) own.send(frame);
    } else this.broadcastState();
    ws.send(JSON.stringify({ type: "ack", ref: msg.ref, of: msg.type } satisfies ServerMessage));
    if (msg.type === "sitting.close" && this.store.meta("record") === "yes") await this.ctx.storage.setAlarm(Date.now());
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code);
    } catch {
      // already closed
    }
  }

  /** Records the closed sitting in Postgres and deposits its minutes; retried until it succeeds. */
  override async alarm(): Promise<void> {
    const config = this.loadConfig();
    if (!config || this.store.meta("phase") !== "closed" || this.store.meta("recorded") === "yes") return;
    const { recordSitting } = await import("./record.ts");
    try {
      await recordSitting(this.env, minutesData(this.store, config), this.store.meta("closedBy") ?? "");
      this.store.setMeta("recorded", "yes");
    } catch (err) {
      const attempt = Number(this.store.meta("recordAttempts") ?? "0") + 1;
      this.store.setMeta("recordAttempts", String(attempt));
      log("error", "enregistrement de la séance impossible", { attempt, error: String(err) });
      await this.ctx.storage.setAlarm(Date.now() + Math.min(60_000 * 2 ** Math.min(attempt, 6), 3_600_000));
    }
  }

  // ---------------------------------------------------------------- frames

  private broadcastState(): void {
    const sockets = this.ctx.getWebSockets();
    const config = this.loadConfig();
    if (!sockets.length || !config) return;
    // Viewers share one serialised snapshot; members get theirs with their own `you`.
    const publicFrame = JSON.stringify({ type: "state", state: snapshot(this.store, config, null) } satisfies ServerMessage);
    for (const ws of sockets) {
      const who = ws.deserializeAttachment() as Identity;
      try {
        ws.send(who.role === "viewer" ? publicFrame : JSON.stringify({ type: "state", state: snapshot(this.store, config, who) } satisfies ServerMessage));
      } catch {
        // a socket closing meanwhile
      }
    }
  }

  private broadcast(frame: string): void {
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(frame);
      } catch {
        // a socket closing meanwhile
      }
    }
  }

  private sendError(ws: WebSocket, ref: string | undefined, code: ErrorCode): void {
    ws.send(JSON.stringify({ type: "error", ref, code, message: liveErrors[code] } satisfies ServerMessage));
  }

  private loadConfig(): SittingConfig | null {
    if (!this.config && this.store.exists()) {
      const raw = this.store.meta("config");
      this.config = raw ? (JSON.parse(raw) as SittingConfig) : null;
    }
    return this.config;
  }
}
