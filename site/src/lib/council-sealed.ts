/**
 * Sealed secret ballots in the browser (ADR 0036): the councillor's ballot encrypted here before it
 * leaves, the trustee's key share made and kept here (its secret never sent), the trustee's partial
 * decryption made here from the published box after checking it, and anyone's check of the box.
 * The crypto module is loaded only when a sealed vote is on screen.
 */
import type { SealedView, Snapshot } from "@communa/contracts/council";
import type { TrusteeSecret } from "@communa/contracts/ballot-crypto";
import { c } from "../i18n/conseil.fr.ts";
import { el } from "./dom.ts";
import type { Answer, LiveRoom } from "./council-live.ts";

type Say = (text: string) => void;
const crypto = () => import("@communa/contracts/ballot-crypto");
const secretKey = (election: string) => `communa-garant:${election}`;
const trackerKey = (election: string) => `communa-empreintes:${election}`;

/** The trackers of the ballots this browser cast in `election`. */
function trackers(election: string): string[] {
  return JSON.parse(localStorage.getItem(trackerKey(election)) ?? "[]") as string[];
}

/** Encrypts the choice (its index among the vote's options) and sends it; answers with the tracker. */
export async function castSealed(
  room: LiveRoom,
  voteId: string,
  sealed: SealedView,
  choice: string,
  onBehalfOf?: string,
): Promise<{ answer: Answer; tracker: string }> {
  const { encryptBallot, ballotTracker } = await crypto();
  const ballot = encryptBallot(sealed.election, sealed.publicKey!, sealed.options.length, sealed.options.indexOf(choice));
  const tracker = ballotTracker(ballot);
  const answer = await room.send({ type: "ballot.sealed", voteId, ballot, ...(onBehalfOf ? { onBehalfOf } : {}) });
  if (answer.type === "ack") localStorage.setItem(trackerKey(sealed.election), JSON.stringify([...trackers(sealed.election), tracker]));
  return { answer, tracker };
}

/** The stage of a sealed vote and where each trustee is (voting panel and president's console). */
export function sealedStatus(s: Snapshot): HTMLElement[] {
  const sealed = s.vote!.sealed!;
  const name = (id: string) => s.members.find((m) => m.id === id)?.name ?? id;
  const done = (t: SealedView["trustees"][number]) => (sealed.status === "decrypting" ? t.decrypted : t.keyed);
  return [
    el("p", sealed.status === "keying" ? c.sealedKeying : sealed.status === "open" ? c.sealedOpen : c.sealedDecrypting),
    el("p", c.trustees(sealed.trustees.map((t) => c.trusteeState(name(t.id), done(t))).join(", "))),
  ];
}

/** What the voting panel shows of a sealed vote: its stage, the trustees, this browser's trackers, the trustee's actions. */
export function sealedPanel(s: Snapshot, room: LiveRoom, say: Say): HTMLElement {
  const vote = s.vote!;
  const sealed = vote.sealed!;
  const wrap = el("div", undefined, { class: "scrutin-chiffre" });
  wrap.append(...sealedStatus(s));
  const mine = trackers(sealed.election);
  if (mine.length) {
    const list = el("ul", undefined, { "aria-label": c.trackersLabel });
    for (const t of mine) list.append(el("li", t, { class: "empreinte" }));
    wrap.append(list);
  }
  const me = s.you?.memberId ? sealed.trustees.find((t) => t.id === s.you!.memberId) : undefined;
  if (me) wrap.append(trusteeActions(vote.id, sealed, me, room, say));
  if (sealed.status === "decrypting") {
    const check = el("button", c.verifyBox, { type: "button", class: "secondaire" });
    check.addEventListener("click", async () => {
      const box = await room.box(vote.id);
      if ("type" in box) return say(box.message);
      const { verifyBallotBox, ballotTracker } = await crypto();
      const result = verifyBallotBox(box);
      // Before every trustee has decrypted, only the decryption is missing.
      const problems = result.problems.filter((p) => !p.startsWith("tally: missingTrustee"));
      const present = box.ballots.map(ballotTracker);
      say(problems.length ? c.boxInvalid(problems.join(" ; ")) : c.boxChecked(box.ballots.length, mine.length > 0 && mine.every((t) => present.includes(t))));
    });
    wrap.append(check);
  }
  return wrap;
}

function trusteeActions(voteId: string, sealed: SealedView, me: SealedView["trustees"][number], room: LiveRoom, say: Say): HTMLElement {
  const box = el("div", undefined, { class: "garant" });
  box.append(el("h3", c.trusteeHeading, { class: "petit" }));
  if (sealed.status === "keying" && !me.keyed) {
    const b = el("button", c.publishKey, { type: "button" });
    b.addEventListener("click", async () => {
      b.disabled = true;
      const { trusteeKeygen } = await crypto();
      const { secret, share } = trusteeKeygen(sealed.election, me.id);
      // The secret part stays in this browser: the room receives the public part and its proof only.
      localStorage.setItem(secretKey(sealed.election), JSON.stringify(secret));
      const a = await room.send({ type: "trustee.key", voteId, share });
      say(a.type === "ack" ? c.keyPublished : a.message);
      b.disabled = false;
    });
    box.append(b);
  } else if (sealed.status === "decrypting" && !me.decrypted) {
    const raw = localStorage.getItem(secretKey(sealed.election));
    if (!raw) {
      box.append(el("p", c.keyMissing));
      return box;
    }
    const b = el("button", c.decrypt, { type: "button" });
    b.addEventListener("click", async () => {
      b.disabled = true;
      const published = await room.box(voteId);
      if ("type" in published) {
        b.disabled = false;
        return say(published.message);
      }
      const { checkBallot, homomorphicTally, partialDecrypt } = await crypto();
      // A trustee decrypts only the sum of the ballots it has checked itself, never one ballot.
      const bad = published.ballots.filter((x) => checkBallot(x, sealed.election, sealed.publicKey!, sealed.options.length) !== null);
      if (bad.length || published.ballots.length !== published.voters) {
        b.disabled = false;
        return say(c.boxInvalid(`${bad.length} bulletin(s) invalide(s), ${published.ballots.length} bulletins pour ${published.voters} votants`));
      }
      const partial = partialDecrypt(sealed.election, JSON.parse(raw) as TrusteeSecret, homomorphicTally(published.ballots, sealed.options.length));
      const a = await room.send({ type: "trustee.decrypt", voteId, partial });
      if (a.type === "ack") localStorage.removeItem(secretKey(sealed.election));
      say(a.type === "ack" ? c.decrypted : a.message);
      b.disabled = false;
    });
    box.append(b);
  } else box.append(el("p", c.done));
  return box;
}
