/**
 * Dead letters of the waste event queues (ADR 0016) and the event anomalies: a list table (status
 * in the address, sorted, paged); a dead letter examined, its JSON fixed and replayed (each error
 * beside the message) or discarded after a confirmation; an anomaly attached to a bin picked by
 * chip or address, recorded, or dismissed.
 */
import { parisFormat } from "@communa/core/time";
import { a } from "../i18n/appareils.fr.ts";
import { d } from "../i18n/dechets.fr.ts";
import type { Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { confirmAction } from "./kit/confirm.ts";
import { notify } from "./kit/notice.ts";
import { picker } from "./kit/picker.ts";
import { pickerRequired } from "./kit/picker-checks.ts";
import { clearProblem, showProblem } from "./kit/problem.ts";
import { binSearch } from "./kit/searches.ts";
import { fill, problemOf, sayProblem, settle, startWastePage, wholeList } from "./waste.ts";

type DeadLetter = Schemas["MessageRejete"];
type Anomaly = Schemas["AnomalieEvenement"];
type EventSummary = NonNullable<Schemas["AnomalieDetail"]["stored"]>;
const STATUSES = ["pending", "replayed", "discarded"] as const;
const when = parisFormat({ dateStyle: "short", timeStyle: "medium" });

/** The event id a dead letter's message names, if it is JSON with one. */
const eventOf = (x: DeadLetter) => {
  try {
    const v: unknown = JSON.parse(x.body);
    const id = v && typeof v === "object" ? Object.getOwnPropertyDescriptor(v, "eventId")?.value : undefined;
    return typeof id === "string" ? id : "—";
  } catch {
    return "—";
  }
};

const summary = (v: EventSummary) =>
  [
    v.chipId,
    v.truck,
    v.round,
    v.stream,
    v.category,
    v.weightKg != null ? `${v.weightKg} kg` : undefined,
    (v.liftedAt ?? v.observedAt) ? when.format(new Date(v.liftedAt ?? v.observedAt ?? "")) : undefined,
  ]
    .filter((p) => p !== undefined && p !== null && p !== "")
    .join(" — ");

export async function startDeadLetters(root: HTMLElement) {
  const page = await startWastePage(root, "waste:read", a.notAllowed);
  if (!page) return;
  const { api } = page;
  const canWrite = page.session.permissions.includes("waste:write");
  const detail = document.getElementById("detail")!;
  const replayForm = document.getElementById("f-rejeu") as HTMLFormElement;
  const discardForm = document.getElementById("f-ecarter") as HTMLFormElement;
  const detailState = document.getElementById("d-etat")!;
  let current: DeadLetter | null = null;

  function show(x: DeadLetter) {
    current = x;
    detail.hidden = false;
    clearProblem(replayForm);
    clearProblem(discardForm);
    document.getElementById("d-titre")!.textContent = a.dl.detailHeading(eventOf(x));
    document.getElementById("d-raison")!.textContent = x.reason;
    document.getElementById("d-traite")!.textContent = x.handledAt ? a.dl.handled(x.handledBy ?? "—", when.format(new Date(x.handledAt))) : "";
    // The device's message is kept as received; an agent's fix is shown beside it.
    document.getElementById("d-versions")!.hidden = x.editedBody === null;
    document.getElementById("d-original")!.textContent = x.body;
    document.getElementById("d-corrige")!.textContent = x.editedBody ?? "";
    document.getElementById("d-corrige-titre")!.textContent = x.editedAt ? a.dl.editedHeading(x.editedBy ?? "—", when.format(new Date(x.editedAt))) : "";
    (document.getElementById("d-message") as HTMLTextAreaElement).value = x.editedBody ?? x.body;
    const open = x.status === "pending" && canWrite;
    replayForm.querySelector("button")!.disabled = !open;
    discardForm.hidden = !open;
    detailState.textContent = "";
    document.getElementById("d-titre")!.focus();
  }

  const letters = wholeList(
    document.getElementById("liste") as HTMLTableElement,
    {
      filters: ["statut"] as const,
      pageSize: 25,
      columns: 6,
      caption: (s) => a.dl.caption(a.dl.statuses[s.filters.statut ?? "pending"] ?? ""),
      sorts: { date: (x: DeadLetter) => x.createdAt, essais: (x: DeadLetter) => x.attempts },
    },
    async (f) => {
      const statut = STATUSES.find((s) => s === f.statut) ?? "pending";
      const { data, error, response } = await api.GET("/api/waste/dead-letters", { params: { query: { statut } } });
      if (!data) sayProblem(document.getElementById("etat")!, problemOf(error, response));
      return data?.deadLetters ?? [];
    },
    (x) => {
      const tr = el("tr");
      const button = el("button", a.dl.examine, { type: "button", class: "secondaire", "aria-label": a.dl.examineLabel(eventOf(x)) });
      button.addEventListener("click", () => show(x));
      const action = el("td");
      action.append(button);
      tr.append(
        el("td", when.format(new Date(x.createdAt))),
        el("td", a.dl.queues[x.queue] ?? x.queue),
        el("td", eventOf(x)),
        el("td", x.reason),
        el("td", String(x.attempts)),
        action,
      );
      return tr;
    },
    document.getElementById("f-filtre") as HTMLFormElement,
  );

  replayForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(replayForm);
    if (!current) return;
    const message = (document.getElementById("d-message") as HTMLTextAreaElement).value;
    const { data: done, error, response } = await api.POST("/api/waste/dead-letters/{id}/replay", { params: { path: { id: current.id } }, body: { message } });
    if (!done) {
      // An error inside the message names its field in the message (the textarea holds them all).
      const p = problemOf(error, response);
      const named = p.errors.map((e) => {
        const inner = e.path.replace(/^body\/message\/?/, "");
        return inner && inner !== e.path ? { ...e, message: `${inner.replaceAll("/", ".")} : ${e.message}` } : e;
      });
      return void showProblem(replayForm, { ...p, errors: named });
    }
    await letters.refresh();
    show(done);
    notify(detailState, a.dl.replayed);
  });
  discardForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(discardForm);
    if (!current) return;
    const reason = (document.getElementById("d-motif") as HTMLInputElement).value.trim();
    if (!(await confirmAction(d.discardConfirm(eventOf(current))))) return;
    const done = settle(discardForm, await api.POST("/api/waste/dead-letters/{id}/discard", { params: { path: { id: current.id } }, body: { reason } }));
    if (!done) return;
    await letters.refresh();
    show(done);
    notify(detailState, a.dl.discarded);
  });

  // Anomalies: one is treated in the panel under the list (bin picked, or a reason to dismiss it).
  const anomalyState = document.getElementById("a-etat")!;
  const panel = document.getElementById("anomalie")!;
  const resolveForm = document.getElementById("f-anomalie") as HTMLFormElement;
  const bin = picker(
    resolveForm.querySelector<HTMLElement>('[data-picker="an-bac"]')!,
    binSearch(api, (b, address) => d.binPickAt(d.binPick(d.streams[b.stream], b.volumeLitres, b.chipId), address ?? d.noAddress)),
  );
  let treated: Anomaly | null = null;
  function treat(x: Anomaly) {
    treated = x;
    panel.hidden = false;
    clearProblem(resolveForm);
    bin.set(null);
    (document.getElementById("an-motif") as HTMLInputElement).value = "";
    const conflict = x.kind === "event_conflict";
    // A conflict cannot be attached to a bin (the stored event stays as it is); its received
    // version can be recorded as an event of its own.
    resolveForm.querySelector<HTMLElement>('[data-picker="an-bac"]')!.hidden = conflict;
    document.getElementById("an-rattacher")!.hidden = conflict;
    document.getElementById("an-enregistrer")!.hidden = !conflict;
    document.getElementById("an-titre")!.textContent = d.anomalyHeading(a.an.kinds[x.kind] ?? x.kind, x.chipId);
    document.getElementById("an-titre")!.focus();
  }
  resolveForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(resolveForm);
    if (!treated) return;
    const action = (ev as SubmitEvent).submitter?.getAttribute("value");
    const reason = (document.getElementById("an-motif") as HTMLInputElement).value.trim();
    if (action === "attach" && !bin.value) return void showProblem(resolveForm, pickerRequired("body/binId"));
    const body =
      action === "attach"
        ? { action: "attach" as const, binId: bin.value }
        : action === "record"
          ? { action: "record" as const }
          : { action: "dismiss" as const, reason };
    const done = settle(resolveForm, await api.POST("/api/waste/event-anomalies/{id}/resolution", { params: { path: { id: treated.id } }, body }));
    if (!done) return;
    panel.hidden = true;
    notify(anomalyState, a.an.done);
    await loadAnomalies();
  });
  document.getElementById("an-fermer")!.addEventListener("click", () => {
    panel.hidden = true;
  });

  async function loadAnomalies() {
    const { data, error, response } = await api.GET("/api/waste/event-anomalies", { params: { query: { statut: "open" } } });
    if (!data) return sayProblem(anomalyState, problemOf(error, response));
    fill(
      document.getElementById("anomalies")!,
      data.anomalies.map((x) => {
        const v = x.detail;
        const context =
          v.stored && v.received
            ? `${a.an.stored} : ${summary(v.stored)}. ${a.an.received} : ${summary(v.received)}.`
            : [v.truck, v.round, v.stream, v.category, v.otherBinStatus ? d.binStatusOf(d.statuses[v.otherBinStatus] ?? v.otherBinStatus) : undefined]
                .filter(Boolean)
                .join(" — ");
        const action = el("td");
        if (canWrite) {
          const b = el("button", d.treat, { type: "button", class: "secondaire", "aria-label": d.treatLabel(x.chipId) });
          b.addEventListener("click", () => treat(x));
          action.append(b);
        }
        const tr = el("tr");
        tr.append(el("td", when.format(new Date(x.observedAt))), el("td", a.an.kinds[x.kind] ?? x.kind), el("td", x.chipId), el("td", context), action);
        return tr;
      }),
      5,
      a.an.none,
    );
  }
  await Promise.all([letters.list.reload(), loadAnomalies()]);
}
