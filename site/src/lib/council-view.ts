/**
 * Rendering of a sitting's live state, shared by the public page, the voting screen and the
 * president's console: quorum, rooms, agenda with results. Plain DOM, texts from conseil.fr.ts.
 */
import type { ItemView, Snapshot, VoteResult } from "@communa/contracts/council";
import { c } from "../i18n/conseil.fr.ts";
import { el } from "./dom.ts";
import { safeHref } from "@communa/core/html";
import { formatParis } from "@communa/core/time";

export const memberName = (s: Snapshot, id: string | null | undefined) => (id ? (s.members.find((m) => m.id === id)?.name ?? id) : "");
const candidateName = (item: ItemView, id: string | null) => (id ? (item.candidates.find((x) => x.id === id)?.name ?? id) : null);

/** One sentence for a proclaimed result (also what screen readers hear). */
export function resultText(_s: Snapshot, item: ItemView, r: VoteResult): string {
  const title = `Point ${item.position}, ${item.title}`;
  return r.type === "motion" ? c.motionResult(title, r) : c.appointmentResult(title, candidateName(item, r.elected), r.round, r.cast, r.blank);
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
      if (r.type === "motion" && r.names?.length) {
        const ul = el("ul", undefined, { "aria-label": c.rollCall });
        for (const n of r.names)
          ul.append(
            el("li", `${memberName(s, n.memberId)} : ${c.choices[n.choice]}${n.by ? ` (${c.proxyFor(memberName(s, n.by)).replace(/^pour /, "par ")})` : ""}`),
          );
        li.append(ul);
      }
    }
    ol.append(li);
  }
  target.replaceChildren(ol);
}

export function renderCurrentVote(target: HTMLElement, s: Snapshot) {
  if (!s.vote) {
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
  const when = formatParis(startsAt, { dateStyle: "full", timeStyle: "short" });
  const li = el("li");
  li.append(el("a", title, { href }), ` — ${when} (${c.statusLabel[status] ?? status})`);
  return li;
}
