/**
 * The structured minutes of a closed sitting (pure: built from what the Durable Object recorded).
 * The same object is stored as JSON, rendered as PDF and deposited.
 */
import type { SittingConfig } from "./config.ts";
import type { Snapshot, VoteResult } from "@communa/contracts/council";

export interface Minutes {
  version: 1;
  sittingId: string;
  tenantId: string;
  title: string;
  openedAt: string | null;
  closedAt: string | null;
  teleconference: boolean;
  /** When the convocation was sent and, if it was shortened, the urgency's reason (L2121-11/12). */
  convocation?: { sentAt: string | null; urgencyReason: string | null };
  rooms: Array<{ id: string; name: string }>;
  /** Present: attended at some point; represented: never present, proxy given; otherwise absent. */
  /** `substitutedBy`: the suppléant (name) who sat for the absent titular (L5211-6). */
  members: Array<{ id: string; name: string; status: "present" | "represented" | "absent"; representedBy: string | null; substitutedBy?: string | null }>;
  attendance: Array<{ memberId: string; roomId: string; event: "arrive" | "depart"; at: string }>;
  /** Proxies given before (registered) or in the room, revoked; `sittings`: consecutive sittings covered. */
  proxies: Array<{ giverId: string; holderId: string; event: "given" | "revoked"; at: string; sittings: number; origin: "registered" | "room" }>;
  quorum: Array<{ at: string; present: number; reached: boolean }>;
  items: Array<{
    id: string;
    position: number;
    title: string;
    rapporteur: string | null;
    status: Snapshot["items"][number]["status"];
    votes: Array<{ id: string; round: number; kind: string; requesters: string[]; openedAt: string; closedAt: string; result: VoteResult }>;
  }>;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function buildMinutes(input: {
  config: SittingConfig;
  snapshot: Snapshot;
  openedAt: number | null;
  closedAt: number | null;
  attendance: Array<{ member_id: string; room_id: string; event: string; at: number }>;
  proxies: Array<{ giver_id: string; holder_id: string; event: string; at: number; sittings: number; origin: string }>;
  quorum: Array<{ at: number; present: number; reached: number }>;
  votes: Array<{ id: string; item_id: string; round: number; kind: string; requesters: string; opened_at: number; closed_at: number; result: string }>;
}): Minutes {
  const { config, snapshot } = input;
  const attended = new Set(input.attendance.filter((a) => a.event === "arrive").map((a) => a.member_id));
  const lastProxy = new Map<string, string | null>();
  for (const p of input.proxies) lastProxy.set(p.giver_id, p.event === "given" ? p.holder_id : (lastProxy.get(p.giver_id) ?? null));
  return {
    version: 1,
    sittingId: config.sittingId,
    tenantId: config.tenantId,
    title: config.title,
    openedAt: input.openedAt ? iso(input.openedAt) : null,
    closedAt: input.closedAt ? iso(input.closedAt) : null,
    teleconference: snapshot.teleconference,
    convocation: config.convocation ?? { sentAt: null, urgencyReason: null },
    rooms: config.rooms.map((r) => ({ id: r.id, name: r.name })),
    members: config.members.map((m) => {
      if (attended.has(m.id)) return { id: m.id, name: m.name, status: "present" as const, representedBy: null };
      const sub = (config.substitutes ?? []).find((x) => x.forId === m.id);
      if (sub && attended.has(sub.id)) return { id: m.id, name: m.name, status: "represented" as const, representedBy: null, substitutedBy: sub.name };
      const holder = lastProxy.get(m.id) ?? null;
      return { id: m.id, name: m.name, status: holder ? ("represented" as const) : ("absent" as const), representedBy: holder };
    }),
    attendance: input.attendance.map((a) => ({ memberId: a.member_id, roomId: a.room_id, event: a.event as "arrive" | "depart", at: iso(a.at) })),
    proxies: input.proxies.map((p) => ({
      giverId: p.giver_id,
      holderId: p.holder_id,
      event: p.event as "given" | "revoked",
      at: iso(p.at),
      sittings: p.sittings,
      origin: p.origin as "registered" | "room",
    })),
    quorum: input.quorum.map((q) => ({ at: iso(q.at), present: q.present, reached: q.reached === 1 })),
    items: snapshot.items.map((i) => ({
      id: i.id,
      position: i.position,
      title: i.title,
      rapporteur: i.rapporteur,
      status: i.status,
      votes: input.votes
        .filter((v) => v.item_id === i.id)
        .map((v) => ({
          id: v.id,
          round: v.round,
          kind: v.kind,
          requesters: JSON.parse(v.requesters) as string[],
          openedAt: iso(v.opened_at),
          closedAt: iso(v.closed_at),
          result: JSON.parse(v.result) as VoteResult,
        })),
    })),
  };
}
