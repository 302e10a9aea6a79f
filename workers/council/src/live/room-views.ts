/** What the room shows (its state, per viewer) and records (the minutes), read from its storage. */
import { isTeleconference, titularOf, type SittingConfig } from "./config.ts";
import type { Identity, SealedView, Snapshot, VoteResult } from "@communa/contracts/council";
import { quorumRequired } from "@communa/contracts/council-rules";
import { buildMinutes, type Minutes } from "./minutes-data.ts";
import type { RoomStore } from "./room-store.ts";
import { SealedStore } from "./sealed.ts";

export function snapshot(store: RoomStore, config: SittingConfig, who: Identity | null): Snapshot {
  const presence = new Map(store.rows("SELECT member_id, room_id FROM presence").map((r) => [r.member_id as string, r.room_id as string]));
  const proxies = new Map(store.rows("SELECT giver_id, holder_id FROM proxies").map((r) => [r.giver_id as string, r.holder_id as string]));
  const statuses = new Map(store.rows("SELECT id, status FROM items").map((r) => [r.id as string, r.status as Snapshot["items"][number]["status"]]));
  const results = new Map<string, VoteResult[]>();
  for (const r of store.rows("SELECT item_id, result FROM votes WHERE status = 'closed' ORDER BY item_id, round")) {
    results.set(r.item_id as string, [...(results.get(r.item_id as string) ?? []), JSON.parse(r.result as string) as VoteResult]);
  }
  const vote = store.openVote();
  const voted = vote
    ? new Set(
        store
          .rows(vote.kind === "secret" ? "SELECT principal_id FROM voted WHERE vote_id = ?" : "SELECT principal_id FROM ballots WHERE vote_id = ?", vote.id)
          .map((r) => r.principal_id as string),
      )
    : new Set<string>();
  const inOffice = config.members.length;
  const subs = new Map((config.substitutes ?? []).map((x) => [x.forId, x]));
  // A titular's seat is filled by them or, in their absence, by their suppléant (L5211-6).
  const seated = (id: string) => presence.has(id) || (subs.has(id) && presence.has(subs.get(id)!.id));
  const proxyActive = (id: string) => proxies.has(id) && !seated(id);
  const expected = config.members.filter((m) => seated(m.id) || (proxyActive(m.id) && presence.has(proxies.get(m.id)!))).length;
  let you: Snapshot["you"] = null;
  if (who && who.role !== "viewer") {
    const memberId = "memberId" in who ? who.memberId : null;
    const principal = memberId ? (titularOf(config, memberId) ?? memberId) : null;
    const proxyFor = memberId ? ([...proxies.entries()].find(([, h]) => h === memberId)?.[0] ?? null) : null;
    you = {
      role: who.role,
      memberId,
      present: memberId ? presence.has(memberId) : false,
      voted: principal ? voted.has(principal) : false,
      proxyFor,
      proxyVoted: proxyFor ? voted.has(proxyFor) : false,
    };
  }
  return {
    sittingId: config.sittingId,
    title: config.title,
    phase: (store.meta("phase") ?? "pending") as Snapshot["phase"],
    teleconference: isTeleconference(config),
    rooms: config.rooms.map((r) => ({ ...r, present: [...presence.values()].filter((x) => x === r.id).length })),
    members: config.members.map((m) => ({
      id: m.id,
      name: m.name,
      roomId: presence.get(m.id) ?? null,
      proxyHolder: proxies.get(m.id) ?? null,
      proxyActive: proxyActive(m.id),
      substitute: subs.has(m.id) ? { id: subs.get(m.id)!.id, name: subs.get(m.id)!.name, roomId: presence.get(subs.get(m.id)!.id) ?? null } : null,
    })),
    quorum: { inOffice, required: quorumRequired(inOffice), present: presence.size, reached: presence.size >= quorumRequired(inOffice) },
    items: config.items.map((i) => ({
      id: i.id,
      position: i.position,
      title: i.title,
      rapporteur: i.rapporteur,
      kind: i.kind,
      status: statuses.get(i.id) ?? "pending",
      results: results.get(i.id) ?? [],
      candidates: i.candidates.map((c) => ({ id: c.id, name: c.name })),
    })),
    vote: vote ? { id: vote.id, itemId: vote.item_id, kind: vote.kind, round: vote.round, ballots: voted.size, expected, ...sealedOf(store, vote.id) } : null,
    you,
    seq: store.seq(),
  };
}

function sealedOf(store: RoomStore, voteId: string): { sealed?: SealedView } {
  const sealed = new SealedStore(store);
  const e = sealed.election(voteId);
  return e ? { sealed: sealed.view(e) } : {};
}

export function minutesData(store: RoomStore, config: SittingConfig): Minutes {
  return buildMinutes({
    config: config,
    snapshot: snapshot(store, config, null),
    openedAt: Number(store.meta("openedAt") ?? "0") || null,
    closedAt: Number(store.meta("closedAt") ?? "0") || null,
    attendance: store.rows("SELECT member_id, room_id, event, at FROM attendance ORDER BY seq") as Array<{
      member_id: string;
      room_id: string;
      event: string;
      at: number;
    }>,
    proxies: store.rows("SELECT giver_id, holder_id, event, at, sittings, origin FROM proxy_log ORDER BY seq") as Array<{
      giver_id: string;
      holder_id: string;
      event: string;
      at: number;
      sittings: number;
      origin: string;
    }>,
    quorum: store.rows("SELECT at, present, reached FROM quorum_log ORDER BY seq") as Array<{ at: number; present: number; reached: number }>,
    votes: store.rows(
      "SELECT id, item_id, round, kind, requesters, opened_at, closed_at, result FROM votes WHERE status = 'closed' ORDER BY opened_at, id",
    ) as Array<{ id: string; item_id: string; round: number; kind: string; requesters: string; opened_at: number; closed_at: number; result: string }>,
  });
}
