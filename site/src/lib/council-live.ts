/**
 * Browser client of a sitting's live room: one WebSocket through the gateway, re-opened with
 * back-off when it drops (the room sends its full state on every connection, so nothing is missed),
 * and `send` answering with the room's ack or refusal.
 */
import "./zod-browser.ts";
import type { BallotBox } from "@communa/contracts/ballot-crypto";
import { applyResult, clientMessageSchema, type ClientMessageInput, type ServerMessage, type Snapshot, type VoteResult } from "@communa/contracts/council";

export type Answer = Extract<ServerMessage, { type: "ack" | "error" }>;
export type Connection = "connecting" | "live" | "lost" | "refused";

export interface LiveHandlers {
  state(s: Snapshot): void;
  result?(r: { voteId: string; itemId: string; result: VoteResult }): void;
  connection?(c: Connection, detail?: string): void;
}

export class LiveRoom {
  private ws: WebSocket | null = null;
  private pending = new Map<string, (a: Answer) => void>();
  private next = 0;
  private retry = 500;
  private seq = -1;
  private stopped = false;
  private last: Snapshot | null = null;
  /** Published ballot boxes of sealed votes, as the room sent them (before the ack of `box.get`). */
  private boxes = new Map<string, BallotBox>();
  constructor(
    private readonly url: string,
    private readonly on: LiveHandlers,
  ) {
    this.open();
  }

  /** The live socket's address on the same origin (the gateway), ws: or wss: as the page. */
  static url(slug: string, sittingId: string): string {
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    return `${proto}//${location.host}/t/${slug}/api/council/sittings/${sittingId}/live`;
  }

  private open() {
    this.on.connection?.("connecting");
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.addEventListener("open", () => {
      this.retry = 500;
      this.on.connection?.("live");
    });
    ws.addEventListener("message", (e) => {
      const m = JSON.parse(String(e.data)) as ServerMessage;
      if (m.type === "state") {
        if (m.state.seq < this.seq) return;
        this.seq = m.state.seq;
        this.last = m.state;
        this.on.state(m.state);
      } else if (m.type === "progress") {
        // Only the count of ballots changed: patch the state held.
        if (this.last?.vote?.id === m.voteId) {
          this.last = { ...this.last, vote: { ...this.last.vote, ballots: m.ballots, expected: m.expected } };
          this.on.state(this.last);
        }
      } else if (m.type === "result") {
        if (this.last) {
          this.last = applyResult(this.last, m);
          this.seq = m.seq;
          this.on.state(this.last);
        }
        this.on.result?.(m);
      } else if (m.type === "box") {
        this.boxes.set(m.voteId, m.box);
      } else if (m.ref && this.pending.has(m.ref)) {
        this.pending.get(m.ref)!(m);
        this.pending.delete(m.ref);
      }
    });
    ws.addEventListener("close", (e) => {
      for (const [, resolve] of this.pending)
        resolve({ type: "error", code: "internal", message: "Connexion perdue avant la réponse : vérifiez l’état avant de recommencer." });
      this.pending.clear();
      if (this.stopped) return;
      // 1006 before ever opening: the gateway refused the upgrade (not signed in, not yet open…).
      this.on.connection?.("lost", String(e.code));
      setTimeout(() => this.open(), this.retry);
      this.retry = Math.min(this.retry * 2, 15_000);
    });
  }

  /** Sends a command; resolves with the room's ack or refusal (never before it is stored). */
  send(msg: ClientMessageInput): Promise<Answer> {
    const ref = `c${this.next++}`;
    const checked = clientMessageSchema.parse({ ...msg, ref });
    return new Promise((resolve) => {
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN)
        return resolve({ type: "error", ref, code: "internal", message: "Pas de connexion au direct : réessayez dans un instant." });
      this.pending.set(ref, resolve);
      this.ws.send(JSON.stringify(checked));
    });
  }

  /** The published ballot box of a sealed vote (after its close), or the room's refusal. */
  async box(voteId: string): Promise<BallotBox | Extract<Answer, { type: "error" }>> {
    const a = await this.send({ type: "box.get", voteId });
    return a.type === "ack" ? this.boxes.get(voteId)! : a;
  }

  close() {
    this.stopped = true;
    this.ws?.close(1000);
  }
}
