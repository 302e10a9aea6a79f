/**
 * Rendering of a sitting's live state, shared by the public page, the voting screen and the
 * president's console: quorum, rooms, agenda with results. Plain DOM, texts from conseil.fr.ts.
 */
import type { ItemView, Snapshot, VoteResult } from "@communa/contracts/council";
import { safeHref } from "@communa/core/html";
import { formatParis } from "@communa/core/time";
import { c } from "../i18n/conseil.fr.ts";
import type { Api, paths } from "./api/client.ts";
import { el } from "./dom.ts";

/** A sitting as the API recorded it (agenda, rooms, proclaimed results). */
export type RecordedSitting = paths["/api/council/sittings/{sittingId}"]["get"]["responses"][200]["content"]["application/json"];

/** An instant as a French date and time read in Paris ("mercredi 14 janvier 2027 à 18:30"). */
export const parisWhen = (at: string) => formatParis(at, { dateStyle: "full", timeStyle: "short" });

export const memberName = (s: Snapshot, id: string | null | undefined) => (id ? (s.members.find((m) => m.id === id)?.name ?? id) : "");
const candidateName = (item: ItemView, id: string | null) => (id ? (item.candidates.find((x) => x.id === id)?.name ?? id) : null);

/** One sentence for a proclaimed result (also what screen readers hear). */
export function resultText(_s: Snapshot, item: ItemView, r: VoteResult): string {
  const title = `Point ${item.position}, ${item.title}`;
  return r.type === "motion" ? c.motionResult(title, r) : c.appointmentResult(title, candidateName(item, r.elected), r.round, r.cast, r.blank, r.null);
}

/** A roll-call's line per member, `name` giving each member's name. */
function rollCallList(names: Array<{ memberId: string; choice: string; by?: string }>, name: (id: string) => string) {
  const ul = el("ul", undefined, { "aria-label": c.rollCall });
  for (const n of names)
    ul.append(el("li", `${name(n.memberId)} : ${c.choices[n.choice]}${n.by ? ` (${c.proxyFor(name(n.by)).replace(/^pour /, "par ")})` : ""}`));
  return ul;
}

/**
 * A closed sitting from what the API recorded (the live room is gone): agenda, results and rolls
 * of each vote, rooms. Members' names come from the council's public composition.
 */
export async function renderRecorded(api: Api, s: RecordedSitting, agenda: HTMLElement, rooms: HTMLElement): Promise<string[]> {
  const members = (await api.GET("/api/council/councils/{councilId}/members", { params: { path: { councilId: s.councilId } } })).data?.members ?? [];
  const names = new Map(members.map((m) => [m.id, m.fullName]));
  const name = (id: string) => names.get(id) ?? id;
  const ol = el("ol", undefined, { class: "ordre-du-jour" });
  const said: string[] = [];
  for (const item of s.items) {
    const li = el("li", undefined, { "data-status": item.status });
    li.append(el("strong", item.title), " ", el("span", `(${c.itemStatus[item.status]})`, { class: "statut" }));
    if (item.rapporteur) li.append(el("div", c.rapporteur(item.rapporteur), { class: "muted" }));
    const title = `Point ${item.position}, ${item.title}`;
    for (const { result: r } of item.results) {
      const text =
        r.type === "motion" ? c.motionResult(title, r) : c.appointmentResult(title, r.elected ? name(r.elected) : null, r.round, r.cast, r.blank, r.null);
      said.push(text);
      li.append(el("p", text, { class: "resultat" }));
      if (r.type === "motion" && r.names?.length) li.append(rollCallList(r.names, name));
    }
    ol.append(li);
  }
  agenda.replaceChildren(ol);
  const ul = el("ul", undefined, { class: "salles" });
  for (const r of s.rooms) ul.append(el("li", `${r.name} — ${r.address}`));
  rooms.replaceChildren(...(s.teleconference ? [el("p", c.teleconference)] : []), ul);
  return said;
}

export function renderQuorum(target: HTMLElement, s: Snapshot) {
  target.textContent = `${c.phase[s.phase]} ${c.quorum(s.quorum.present, s.quorum.inOffice, s.quorum.required, s.quorum.reached)}`;
  target.dataset.quorum = s.quorum.reached ? "atteint" : "non-atteint";
}

export function renderRooms(target: HTMLElement, s: Snapshot, withVisio: boolean) {
  target.replaceChildren(...(s.teleconference ? [el("p", c.teleconference)] : []), el("ul", undefined, { class: "salles" }));
  const list = target.querySelector("ul")!;
  for (const r of s.rooms) {
    const li = el("li", `${r.name} — ${c.roomPresent(r.present)}`);
    // The API takes https links only; a row stored before that check gets no link.
    const visio = withVisio ? safeHref(r.visioUrl, ["https"]) : null;
    if (visio) {
      li.append(" ");
      li.append(el("a", c.visio(r.name), { href: visio, rel: "noopener", target: "_blank" }));
    }
    list.append(li);
  }
}

export function renderAgenda(target: HTMLElement, s: Snapshot) {
  const ol = el("ol", undefined, { class: "ordre-du-jour" });
  for (const item of s.items) {
    const li = el("li", undefined, { "data-status": item.status, ...(s.vote?.itemId === item.id ? { "aria-current": "step" } : {}) });
    li.append(el("strong", item.title), " ", el("span", `(${c.itemStatus[item.status]})`, { class: "statut" }));
    if (item.rapporteur) li.append(el("div", c.rapporteur(item.rapporteur), { class: "muted" }));
    for (const r of item.results) {
      const p = el("p", resultText(s, item, r), { class: "resultat" });
      li.append(p);
      if (r.type === "motion" && r.names?.length) li.append(rollCallList(r.names, (id) => memberName(s, id)));
    }
    ol.append(li);
  }
  target.replaceChildren(ol);
}

export function renderCurrentVote(target: HTMLElement, s: Snapshot | null) {
  if (!s?.vote) {
    target.replaceChildren(el("p", c.noVote));
    return;
  }
  const item = s.items.find((i) => i.id === s.vote!.itemId)!;
  target.replaceChildren(
    el("p", c.voteOn(`Point ${item.position}, ${item.title}`, c.kinds[s.vote.kind], s.vote.round), { class: "vote-en-cours" }),
    el("p", c.ballots(s.vote.ballots, s.vote.expected), { class: "muted" }),
  );
}

/** Sittings list item link. */
export function sittingLink(href: string, title: string, startsAt: string, status: string) {
  const li = el("li");
  li.append(el("a", title, { href }), ` — ${parisWhen(startsAt)} (${c.statusLabel[status] ?? status})`);
  return li;
}
