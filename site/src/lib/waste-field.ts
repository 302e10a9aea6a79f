/**
 * The field tablet (waste back office): today's interventions (the last list kept on the tablet
 * when the network is down), a chip read to find its bin, a check recorded with its photo. Every
 * write goes through the outbox (waste-offline.ts) and is sent by the typed client when the
 * network allows, with the idempotency key it got when it was queued.
 */
import { d } from "../i18n/dechets.fr.ts";
import type { Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem } from "./kit/problem.ts";
import { upload } from "./kit/upload.ts";
import { enqueue, flush, newKey, pending, shrinkPhoto, type CheckBody, type QueuedWrite, type Sent } from "./waste-offline.ts";
import { problemOf, startWastePage, type WastePage } from "./waste.ts";

type Today = Pick<Schemas["InterventionDechets"], "id" | "reference" | "kind" | "address" | "description">;
const GRADES = ["A", "B", "C", "D"] as const;
const isGrade = (g: unknown): g is (typeof GRADES)[number] => GRADES.some((x) => x === g);
type Finding = NonNullable<CheckBody["findings"]>[number];
/** The findings the form offers are the API's own (dechets.fr.ts names each of them). */
const isFinding = (f: string): f is Finding => f in d.findings;

const KINDS = ["deliver", "repair", "replace", "remove"] as const;
const text = (o: object, k: string): string | null => {
  const v: unknown = Object.getOwnPropertyDescriptor(o, k)?.value;
  return typeof v === "string" ? v : null;
};

/** Today's list as kept on the tablet (only what it shows; anything else is dropped). */
function kept(raw: string | null): Today[] {
  let v: unknown;
  try {
    v = JSON.parse(raw ?? "[]");
  } catch {
    return [];
  }
  if (!Array.isArray(v)) return [];
  return v.flatMap((o: unknown) => {
    if (!o || typeof o !== "object") return [];
    const id = text(o, "id");
    const reference = text(o, "reference");
    const kind = KINDS.find((k) => k === text(o, "kind"));
    return id && reference && kind ? [{ id, reference, kind, address: text(o, "address"), description: text(o, "description") }] : [];
  });
}

/** One queued write sent by the typed client (a photo by the kit's upload). */
async function send(page: WastePage, w: QueuedWrite): Promise<Sent> {
  const { api } = page;
  const header = { "idempotency-key": w.key };
  const op = w.op;
  if (op.kind === "complete") {
    const { data, error, response } = await api.POST("/api/waste/interventions/{interventionId}/complete", {
      params: { path: { interventionId: op.interventionId }, header },
      body: { outcome: op.outcome },
    });
    return { status: response.status, id: data?.id, reason: data ? undefined : problemOf(error, response).detail };
  }
  if (op.kind === "check") {
    const { kind: _, ...body } = op;
    const { data, error, response } = await api.POST("/api/waste/checks", { params: { header }, body });
    return { status: response.status, id: data?.id, reason: data ? undefined : problemOf(error, response).detail };
  }
  if (!op.checkId) return { status: 400, reason: d.failed };
  const r = await upload(page.url(`/api/waste/checks/${op.checkId}/photos`), op.blob, {
    contentType: op.blob.type || "image/jpeg",
    csrf: page.session.csrfToken,
  });
  return { status: r.status, reason: r.status >= 400 ? problemOf(r.body, new Response(null, { status: r.status })).detail : undefined };
}

export async function startField(root: HTMLElement) {
  const page = await startWastePage(root, "waste:write");
  if (!page) return;
  const { api } = page;
  const journal = document.getElementById("journal")!;
  const cacheKey = `communa-dechets-jour-${page.slug}`;

  async function showPending() {
    document.getElementById("reseau")!.textContent = navigator.onLine ? d.online : d.offline;
    document.getElementById("attente")!.textContent = d.pending((await pending()).length);
  }
  async function sync() {
    await flush(
      (w) => send(page!, w),
      (e) =>
        notify(
          journal,
          e.kind === "sent" ? `${d.sent} (${e.write.label})` : d.rejected(`${e.write.label} — ${e.reason}`),
          e.kind === "sent" ? "info" : "error",
        ),
    );
    await showPending();
  }

  /** Today's list: from the API when reachable, else the last copy kept on the tablet. */
  async function today() {
    let list: Today[];
    try {
      const { data } = await api.GET("/api/waste/interventions", { params: { query: { jour: "aujourdhui", miennes: "oui" } } });
      if (!data) throw new Error("unavailable");
      list = data.interventions.map(({ id, reference, kind, address, description }) => ({ id, reference, kind, address, description }));
      localStorage.setItem(cacheKey, JSON.stringify(list));
    } catch {
      list = kept(localStorage.getItem(cacheKey));
    }
    const ul = document.getElementById("jour")!;
    if (!list.length) return ul.replaceChildren(el("li", d.noToday));
    ul.replaceChildren(
      ...list.map((i, n) => {
        const li = el("li");
        const id = `cr-${n}`;
        li.append(el("strong", `${i.reference} — ${d.kinds[i.kind]}`), ` ${i.address ?? ""} ${i.description ? `(${i.description})` : ""}`);
        const p = el("p");
        p.append(
          el("label", d.outcomeLabel(i.reference), { for: id, class: "visually-hidden" }),
          el("input", undefined, { id, placeholder: d.outcome, maxlength: "2000" }),
        );
        const done = el("button", d.complete, { type: "button", "aria-label": d.completeLabel(i.reference) });
        done.addEventListener("click", async () => {
          const outcome = (document.getElementById(id) as HTMLInputElement).value.trim() || d.complete;
          await enqueue({ key: newKey(), op: { kind: "complete", interventionId: i.id, outcome }, label: i.reference });
          li.remove();
          localStorage.setItem(cacheKey, JSON.stringify(list.filter((x) => x.id !== i.id)));
          notify(journal, d.queued);
          await sync();
        });
        p.append(" ", done);
        li.append(p);
        return li;
      }),
    );
  }

  let binId: string | null = null;
  let binLabel = "";
  const scan = document.getElementById("f-scan") as HTMLFormElement;
  const found = document.getElementById("bac")!;
  const checkSection = document.getElementById("controle")!;
  scan.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(scan);
    const chip = (document.getElementById("puce") as HTMLInputElement).value.trim();
    binId = null;
    checkSection.hidden = true;
    try {
      const { data, error, response } = await api.GET("/api/waste/chips/{chipId}", { params: { path: { chipId: chip } } });
      if (!data) {
        found.textContent = "";
        return void showProblem(scan, problemOf(error, response));
      }
      binId = data.id;
      binLabel = chip;
      found.textContent = d.binFound(d.streams[data.stream], data.volumeLitres, data.address ?? d.noAddress);
      checkSection.hidden = false;
    } catch {
      found.textContent = d.offline;
    }
  });

  const checkForm = document.getElementById("f-controle") as HTMLFormElement;
  checkForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!binId) return;
    const data = new FormData(checkForm);
    const grade = data.get("grade");
    if (!isGrade(grade)) return;
    const key = newKey();
    const op = {
      kind: "check" as const,
      binId,
      checkedAt: new Date().toISOString(),
      grade,
      findings: data.getAll("findings").map(String).filter(isFinding),
      note: String(data.get("note") ?? ""),
    };
    await enqueue({ key, op, label: binLabel });
    const photo = data.get("photo");
    if (photo instanceof File && photo.size > 0) {
      const blob = await shrinkPhoto(photo);
      await enqueue({ key: newKey(), op: { kind: "photo", blob }, after: key, label: `${binLabel} (photo)` });
    }
    checkForm.reset();
    checkSection.hidden = true;
    notify(journal, d.queued);
    await sync();
  });

  document.getElementById("envoyer")!.addEventListener("click", () => void sync());
  addEventListener("online", () => void sync().then(today));
  addEventListener("offline", () => void showPending());
  setInterval(() => void sync(), 30_000);
  await today();
  await sync();
}
