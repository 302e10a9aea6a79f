/**
 * Test client of a sitting's live room: a real WebSocket to the Durable Object, identified the way
 * the council Worker identifies callers (the trusted identity header), with request/answer
 * matching by `ref`.
 */
import { env } from "cloudflare:workers";
import type { SittingRoom } from "../src/live/sitting-room.ts";
import { ACTOR_HEADER } from "../src/live/sitting-room.ts";
import { applyResult, type ClientMessageInput, type Identity, type ServerMessage, type Snapshot } from "@communa/contracts/council";
import type { SittingConfigInput } from "../src/live/config.ts";
import { FAIL_SAFE } from "../../../tests/setup/fail-safe.ts";

export const rooms = (env as unknown as { SITTINGS: DurableObjectNamespace<SittingRoom> }).SITTINGS;

export type Answer = Extract<ServerMessage, { type: "ack" | "error" }>;

export class LiveClient {
  readonly received: ServerMessage[] = [];
  state!: Snapshot;
  private waiters: Array<{ test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }> = [];
  private next = 0;
  constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (e) => {
      const m = JSON.parse(String(e.data)) as ServerMessage;
      this.received.push(m);
      if (m.type === "state" && (!this.state || m.state.seq >= this.state.seq)) this.state = m.state;
      // As the browser client does: a result updates the state held.
      if (m.type === "result" && this.state) this.state = applyResult(this.state, m);
      this.waiters = this.waiters.filter((w) => (w.test(m) ? (w.resolve(m), false) : true));
    });
  }
  /** Waits for a message from the room; the timer is a fail-safe (the room answers every message). */
  waitFor(test: (m: ServerMessage) => boolean, timeoutMs: number = FAIL_SAFE.pollMs): Promise<ServerMessage> {
    const seen = this.received.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error("pas de réponse")), timeoutMs);
      this.waiters.push({ test, resolve: (m) => (clearTimeout(t), resolve(m)) });
    });
  }
  /** Sends a message and waits for its ack or error. */
  async send(msg: ClientMessageInput): Promise<Answer> {
    const ref = `r${this.next++}`;
    const answer = this.waitFor((m) => (m.type === "ack" || m.type === "error") && m.ref === ref);
    this.ws.send(JSON.stringify({ ...msg, ref }));
    return (await answer) as Answer;
  }
  close(): void {
    try {
      this.ws.close(1000);
    } catch {
      // already closed
    }
  }
}

export async function connect(stub: DurableObjectStub<SittingRoom>, identity: Identity): Promise<LiveClient> {
  const res = await stub.fetch("https://council.internal/connect", {
    headers: { upgrade: "websocket", [ACTOR_HEADER]: encodeURIComponent(JSON.stringify(actorOf(identity))) },
  });
  if (res.status !== 101 || !res.webSocket) throw new Error(`connexion refusée : ${res.status}`);
  res.webSocket.accept();
  const client = new LiveClient(res.webSocket);
  await client.waitFor((m) => m.type === "state");
  return client;
}

/** The actor the gateway would have authenticated for this role (the room derives the role back). */
export function actorOf(identity: Identity) {
  switch (identity.role) {
    case "viewer":
      return { kind: "anonymous" };
    case "secretary":
      return { kind: "person", id: identity.personId, permissions: ["council:read", "council:write"] };
    case "councillor":
      return { kind: "person", id: identity.personId, permissions: ["council:read", "council:vote"] };
    case "president":
      return { kind: "person", id: identity.personId, permissions: ["council:preside", "council:read", "council:vote"] };
  }
}

let counter = 0;
/** A fresh sitting (its own Durable Object) set up with `config`, not recorded in Postgres. */
export async function freshSitting(config: Omit<SittingConfigInput, "sittingId" | "tenantId" | "title"> & { title?: string }) {
  const sittingId = `s-${Date.now()}-${counter++}`;
  const stub = rooms.get(rooms.idFromName(sittingId));
  await stub.setup({ sittingId, tenantId: "test", title: config.title ?? "Séance d’essai", ...config }, { record: false });
  return { stub, sittingId };
}

/** n members m0…m(n-1), born a year apart (m0 the oldest). */
export function members(n: number) {
  return Array.from({ length: n }, (_, i) => ({ id: `m${i}`, name: `Membre ${i}`, birthDate: `${1950 + i}-01-01`, personId: `p${i}` }));
}
