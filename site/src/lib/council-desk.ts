/**
 * The back-office screens of a live sitting, drawn from the room's state: the councillor's voting
 * panel (large buttons, a confirmation step, the outcome announced to screen readers), the
 * president's console and the secretariat (attendance per room, proxies). Every action goes to
 * the room; the screen only changes when the room's new state arrives. A closed sitting is shown
 * from what the API recorded (its room is gone).
 */
import type { ItemView, Snapshot } from "@communa/contracts/council";
import { c } from "../i18n/conseil.fr.ts";
import type { Api } from "./api/client.ts";
import { el } from "./dom.ts";
import { LiveRoom, type Answer } from "./council-live.ts";
import { memberName, renderAgenda, renderQuorum, renderRecorded, renderRooms, resultText } from "./council-view.ts";
import { confirmAction } from "./kit/confirm.ts";
import { notify } from "./kit/notice.ts";
import { castSealed, sealedPanel, sealedStatus } from "./council-sealed.ts";

type Say = (text: string) => void;

const answerText = (a: Answer, ok: string) => (a.type === "ack" ? ok : a.message);

/** Choices of the open vote, in order: a sealed vote's options as the room set them (blank and null included), else the public choices. */
function choicesOf(item: ItemView, sealed: { options: string[] } | undefined): Array<{ value: string; label: string }> {
  if (sealed) return sealed.options.map((v) => ({ value: v, label: item.candidates.find((x) => x.id === v)?.name ?? c.choices[v] ?? v }));
  return ["for", "against", "abstain", "none"].map((v) => ({ value: v, label: c.choices[v] }));
}

/** The voting panel; `selection` survives re-renders (keyed by vote and member represented). */
export function renderVoting(target: HTMLElement, s: Snapshot, room: LiveRoom, say: Say, selection: Map<string, string>) {
  const you = s.you;
  if (!you?.memberId) return target.replaceChildren(el("p", c.notMember));
  if (!s.vote) return target.replaceChildren(el("p", c.noVote));
  if (!you.present) return target.replaceChildren(el("p", c.notPresent));
  const vote = s.vote;
  const item = s.items.find((i) => i.id === vote.itemId)!;
  const parts: HTMLElement[] = [el("p", c.voteOn(`Point ${item.position}, ${item.title}`, c.kinds[vote.kind], vote.round), { class: "vote-en-cours" })];
  const sealed = vote.sealed;
  if (sealed) parts.push(sealedPanel(s, room, say));
  // A sealed vote takes ballots once its key is made, and none once closed.
  if (sealed && sealed.status !== "open") return target.replaceChildren(...parts);
  const giver = you.proxyFor ? s.members.find((m) => m.id === you.proxyFor && m.proxyActive) : undefined;
  const principals: Array<{ id: string | undefined; who: string; voted: boolean }> = [{ id: undefined, who: c.own, voted: you.voted }];
  if (giver) principals.push({ id: giver.id, who: c.proxyFor(giver.name), voted: you.proxyVoted });
  for (const p of principals) {
    const key = `${vote.id}:${p.id ?? "self"}`;
    const box = el("fieldset", undefined, { class: "bulletin" });
    box.append(el("legend", c.chooseFor(p.who)));
    if (p.voted) {
      box.append(el("p", c.alreadyVoted(p.who), { class: "enregistre" }));
      parts.push(box);
      continue;
    }
    const chosen = selection.get(key);
    const choices = choicesOf(item, sealed);
    if (!chosen) {
      const row = el("div", undefined, { class: "choix" });
      for (const ch of choices) {
        const b = el("button", ch.label, { type: "button", class: `vote vote-${ch.value.length > 10 ? "candidat" : ch.value}` });
        b.addEventListener("click", () => {
          selection.set(key, ch.value);
          renderVoting(target, s, room, say, selection);
          (target.querySelector(`[data-confirm="${key}"]`) as HTMLButtonElement | null)?.focus();
        });
        row.append(b);
      }
      box.append(row);
    } else {
      const label = choices.find((x) => x.value === chosen)?.label ?? chosen;
      const confirm = el("button", c.confirm(label, p.who), { type: "button", class: "vote confirmer", "data-confirm": key });
      const cancel = el("button", c.cancel, { type: "button", class: "secondaire" });
      confirm.addEventListener("click", async () => {
        confirm.disabled = true;
        if (sealed) {
          say(c.encrypting);
          const { answer, tracker } = await castSealed(room, vote.id, sealed, chosen, p.id);
          selection.delete(key);
          return say(answerText(answer, c.recordedSealed(p.who, tracker)));
        }
        say(c.sending);
        const a = await room.send({ type: "ballot", voteId: vote.id, choice: chosen, ...(p.id ? { onBehalfOf: p.id } : {}) });
        selection.delete(key);
        say(answerText(a, vote.kind === "secret" ? c.recordedSecret(p.who) : c.recorded(label, p.who)));
      });
      cancel.addEventListener("click", () => {
        selection.delete(key);
        renderVoting(target, s, room, say, selection);
      });
      box.append(el("div", undefined, { class: "choix" }));
      box.lastElementChild!.append(confirm, cancel);
    }
    parts.push(box);
  }
  target.replaceChildren(...parts);
}

/** Attendance per room (who is where), for the console. */
function attendance(s: Snapshot): HTMLElement {
  const wrap = el("div");
  for (const r of s.rooms) {
    const names = s.members.filter((m) => m.roomId === r.id).map((m) => m.name);
    wrap.append(el("h3", `${r.name} — ${c.roomPresent(names.length)}`, { class: "petit" }), el("p", names.join(", ") || "—"));
  }
  return wrap;
}

export function renderConsole(target: HTMLElement, s: Snapshot, room: LiveRoom, say: Say) {
  const act = (label: string, msg: Parameters<LiveRoom["send"]>[0], extra: Record<string, string> = {}, confirmText?: string) => {
    const b = el("button", label, { type: "button", ...extra });
    b.addEventListener("click", async () => {
      if (confirmText && !(await confirmAction(confirmText))) return;
      b.disabled = true;
      say(answerText(await room.send(msg), c.done));
      b.disabled = false;
    });
    return b;
  };
  const parts: HTMLElement[] = [attendance(s)];
  if (s.vote?.sealed) parts.push(...sealedStatus(s));
  const bar = el("div", undefined, { class: "boutons" });
  if (s.phase === "pending") bar.append(act(c.openSitting, { type: "sitting.open" }));
  const sealed = s.vote?.sealed;
  if (s.phase === "open" && s.vote && sealed?.status !== "decrypting") bar.append(act(c.closeVote, { type: "vote.close" }, { class: "vote" }));
  if (s.phase === "open" && s.vote && sealed)
    bar.append(act(c.abandon, { type: "vote.abandon", voteId: s.vote.id }, { class: "secondaire" }, c.confirmAbandon));
  if (s.phase === "open" && !s.vote) bar.append(act(c.closeSitting, { type: "sitting.close" }, { class: "secondaire" }, c.confirmCloseSitting));
  parts.push(bar);
  if (s.phase === "open" && !s.vote) {
    const pending = s.items.filter((i) => i.status === "pending");
    for (const item of pending) {
      const form = el("form", undefined, { class: "ouvrir-vote", "aria-label": `Point ${item.position}, ${item.title}` });
      form.append(el("h3", `${item.position}. ${item.title}`, { class: "petit" }));
      const kindId = `type-${item.id}`;
      const select = el("select", undefined, { id: kindId, name: "kind" });
      for (const k of item.kind === "appointment" ? ["secret"] : ["ordinary", "roll-call", "secret"]) select.append(el("option", c.kinds[k], { value: k }));
      form.append(el("label", c.kindLabel, { for: kindId }), select);
      const present = s.members.filter((m) => m.roomId);
      const fs = el("fieldset");
      fs.append(el("legend", c.requestersLegend));
      for (const m of present) {
        const id = `dem-${item.id}-${m.id}`;
        const span = el("span", undefined, { class: "case" });
        span.append(el("input", undefined, { type: "checkbox", id, name: "requesters", value: m.id }), el("label", m.name, { for: id }));
        fs.append(span);
      }
      form.append(fs);
      const keys = el("fieldset");
      keys.append(el("legend", c.trusteesLegend));
      for (const m of present) {
        const id = `garant-${item.id}-${m.id}`;
        const span = el("span", undefined, { class: "case" });
        span.append(el("input", undefined, { type: "checkbox", id, name: "trustees", value: m.id }), el("label", m.name, { for: id }));
        keys.append(span);
      }
      form.append(keys);
      const buttons = el("div", undefined, { class: "boutons" });
      const open = el("button", c.openVote, { type: "submit" });
      buttons.append(open, act(c.postpone, { type: "item.postpone", itemId: item.id }, { class: "secondaire" }));
      form.append(buttons);
      form.addEventListener("submit", async (e) => {
        e.preventDefault();
        const data = new FormData(form);
        const kind = data.get("kind") as "ordinary" | "roll-call" | "secret";
        const trustees = data.getAll("trustees").map(String);
        // Every secret ballot from this screen is sealed (ADR 0036): two trustees at least.
        if (kind === "secret" && trustees.length < 2) return say(c.tooFewTrustees);
        open.disabled = true;
        const a = await room.send({
          type: "vote.open",
          itemId: item.id,
          kind,
          requesters: data.getAll("requesters").map(String),
          ...(kind === "secret" ? { trustees } : {}),
        });
        say(answerText(a, c.done));
        open.disabled = false;
      });
      parts.push(form);
    }
  }
  target.replaceChildren(...parts);
}

export function renderSecretariat(target: HTMLElement, s: Snapshot, room: LiveRoom, say: Say) {
  const send = async (msg: Parameters<LiveRoom["send"]>[0]) => say(answerText(await room.send(msg), c.done));
  const table = el("table");
  table.append(el("caption", c.membersCaption));
  const head = el("tr");
  for (const h of [c.colMember, c.colRoom, c.colProxy, c.colAction]) head.append(el("th", h, { scope: "col" }));
  table.append(el("thead"), el("tbody"));
  table.tHead!.append(head);
  for (const m of s.members) {
    const tr = el("tr");
    tr.append(el("th", m.name, { scope: "row" }));
    const roomCell = el("td");
    const action = el("td");
    if (m.roomId) {
      roomCell.textContent = s.rooms.find((r) => r.id === m.roomId)?.name ?? "";
      const b = el("button", c.departShort, { type: "button", class: "secondaire", "aria-label": c.depart(m.name) });
      b.addEventListener("click", () => send({ type: "depart", memberId: m.id }));
      action.append(b);
    } else {
      const id = `salle-${m.id}`;
      const select = el("select", undefined, { id, "aria-label": c.roomFor(m.name) });
      for (const r of s.rooms) select.append(el("option", r.name, { value: r.id }));
      roomCell.append(select);
      const b = el("button", c.arriveShort, { type: "button", "aria-label": c.arrive(m.name) });
      b.addEventListener("click", () => send({ type: "arrive", memberId: m.id, roomId: select.value }));
      action.append(b);
    }
    const proxyCell = el("td", m.proxyHolder ? c.proxyTo(memberName(s, m.proxyHolder), m.proxyActive) : "—");
    if (m.proxyHolder) {
      const b = el("button", c.revokeShort, { type: "button", class: "lien", "aria-label": c.revoke(m.name) });
      b.addEventListener("click", () => send({ type: "proxy.revoke", giverId: m.id }));
      proxyCell.append(" ", b);
    }
    tr.append(roomCell, proxyCell, action);
    table.tBodies[0].append(tr);
  }
  const form = el("form", undefined, { class: "pouvoir" });
  form.append(el("h3", c.proxyHeading, { class: "petit" }));
  for (const [name, label] of [
    ["giver", c.giver],
    ["holder", c.holder],
  ] as const) {
    const select = el("select", undefined, { id: `p-${name}`, name });
    for (const m of s.members) select.append(el("option", m.name, { value: m.id }));
    form.append(el("label", label, { for: `p-${name}` }), select);
  }
  const validity = el("select", undefined, { id: "p-sittings", name: "sittings" });
  for (const n of [1, 2, 3]) validity.append(el("option", c.validFor(n), { value: String(n) }));
  form.append(el("label", c.validity, { for: "p-sittings" }), validity);
  form.append(el("button", c.giveProxy, { type: "submit" }));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const d = new FormData(form);
    void send({ type: "proxy.give", giverId: String(d.get("giver")), holderId: String(d.get("holder")), sittings: Number(d.get("sittings")) });
  });
  target.replaceChildren(table, form);
}

/** The live desk of one sitting (`?seance=`): voting, console and secretariat as the room says who you are. */
export async function startLiveDesk(root: HTMLElement, slug: string, sittingId: string, api: Api) {
  const $ = <T extends HTMLElement = HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  $("#seance").hidden = false;
  const announce = $("#annonce");
  const say = (text: string) => notify(announce, text);
  const recorded = (await api.GET("/api/council/sittings/{sittingId}", { params: { path: { sittingId } }, headers: { "cache-control": "no-cache" } })).data;
  if (recorded?.status === "closed") {
    $("#titre").textContent = recorded.title;
    $("#connexion").textContent = c.connection.closed;
    return renderRecorded(api, recorded, $("#odj"), $("#salles"));
  }
  const selection = new Map<string, string>();
  let last: Snapshot | null = null;
  const draw = (s: Snapshot) => {
    last = s;
    $("#titre").textContent = s.title;
    renderQuorum($("#quorum"), s);
    const role = s.you?.role;
    const show = (id: string, on: boolean) => ($(`#${id}`).hidden = !on);
    show("vote-zone", !!s.you?.memberId);
    show("console-zone", role === "president");
    show("secretariat-zone", role === "president" || role === "secretary");
    if (s.you?.memberId) renderVoting($("#vote"), s, room, say, selection);
    if (role === "president") renderConsole($("#console"), s, room, say);
    if (role === "president" || role === "secretary") renderSecretariat($("#secretariat"), s, room, say);
    renderAgenda($("#odj"), s);
    renderRooms($("#salles"), s, true);
  };
  const room: LiveRoom = new LiveRoom(LiveRoom.url(slug, sittingId), {
    state: draw,
    result: (r) => {
      const item = last?.items.find((i) => i.id === r.itemId);
      if (last && item) say(resultText(last, item, r.result));
    },
    connection: (k) => ($("#connexion").textContent = c.connection[k] ?? ""),
  });
}
