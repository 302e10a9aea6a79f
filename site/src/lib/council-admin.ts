/**
 * The council's back office (ADR 0026 kit): the sittings as a table (period, sort and page in the
 * address), convocations and their receipts, the councillor's acknowledgement, and the
 * secretariat's preparation forms (council, sitting, member picked among the tenant's people,
 * room). A sitting chosen in the address (`?seance=`) opens its live desk (council-desk.ts).
 * Every call goes through the typed client; refusals are shown beside their fields, in French.
 */
import { c } from "../i18n/conseil.fr.ts";
import { kit } from "../i18n/kit.fr.ts";
import type { Api, JsonBody, paths } from "./api/client.ts";
import { startLiveDesk } from "./council-desk.ts";
import { parisWhen } from "./council-view.ts";
import { el } from "./dom.ts";
import { confirmAction } from "./kit/confirm.ts";
import { listTable } from "./kit/list-table.ts";
import { notify } from "./kit/notice.ts";
import { fromParisInput } from "./kit/paris-time.ts";
import { picker, type PickerSearch } from "./kit/picker.ts";
import { clearProblem, showProblem, toProblem, type Problem } from "./kit/problem.ts";
import { peopleSearch } from "./kit/searches.ts";
import { startSession } from "./kit/session.ts";

type Sitting = paths["/api/council/sittings"]["get"]["responses"][200]["content"]["application/json"]["sittings"][number];
type Answer<T> = { data?: T; error?: unknown; response: Response };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PAGE = 10;

/** Sends a form's call; shows the refusal on the form, or the success text in its notice. */
async function submit<T>(form: HTMLFormElement, call: () => Promise<Answer<T>>, done: (data: T) => string | Promise<string>): Promise<boolean> {
  clearProblem(form);
  const notice = form.querySelector<HTMLElement>("[data-notice]")!;
  const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
  if (button) button.disabled = true;
  try {
    const { data, error, response } = await call();
    if (error !== undefined || data === undefined) {
      showProblem(form, toProblem(error, response.status));
      return false;
    }
    notify(notice, await done(data));
    return true;
  } catch {
    notify(notice, c.offline, "error");
    return false;
  } finally {
    if (button) button.disabled = false;
  }
}

const localProblem = (path: string, message: string): Problem => ({ status: 400, title: kit.failed, detail: kit.failed, errors: [{ path, message }] });

export async function startCouncilSpace(root: HTMLElement) {
  const slug = root.dataset.slug!;
  const $ = <T extends HTMLElement = HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const state = $("#etat");
  notify(state, c.loading);
  const start = await startSession(slug, "council:read");
  if (!start.ok) {
    if (start.reason === "signed-out") {
      notify(state, c.notSignedIn);
      $("#anonyme").hidden = false;
    } else notify(state, start.reason === "forbidden" ? c.forbidden : kit.offline, "error");
    return;
  }
  const { api, session } = start;
  const can = (p: string) => session.permissions.includes(p);
  const chosen = new URLSearchParams(location.search).get("seance");
  if (chosen && UUID.test(chosen)) {
    notify(state, "");
    return startLiveDesk(root, slug, chosen, api);
  }
  notify(state, "");
  $("#liste").hidden = false;
  const list = sittingsTable(root, slug, api, can);
  if (can("council:write")) await preparation(root, api, () => list.reload());
}

/** The sittings, with their actions: acknowledge (councillor), convene and receipts (secretariat). */
function sittingsTable(root: HTMLElement, slug: string, api: Api, can: (p: string) => boolean) {
  const $ = <T extends HTMLElement = HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const status = $("#liste-statut");
  const receipts = $<HTMLTableElement>("#t-accuses");

  async function showReceipts(s: Sitting) {
    const { data } = await api.GET("/api/council/sittings/{sittingId}/convocations", {
      params: { path: { sittingId: s.id } },
      headers: { "cache-control": "no-cache" },
    });
    const rows = (data?.convocations ?? []).map((cv) => {
      const tr = el("tr");
      tr.append(el("th", cv.fullName, { scope: "row" }), el("td", parisWhen(cv.sentAt)), el("td", cv.acknowledgedAt ? parisWhen(cv.acknowledgedAt) : c.notYet));
      return tr;
    });
    receipts.caption!.textContent = c.receiptsCaption(s.title);
    receipts.tBodies[0].replaceChildren(...rows);
    $("#accuses").hidden = false;
  }

  function actions(s: Sitting): HTMLElement {
    const cell = el("td");
    if (s.status === "closed") return cell;
    if (can("council:vote")) {
      const ack = el("button", c.acknowledge(s.title), { type: "button", class: "secondaire" });
      ack.addEventListener("click", async () => {
        const { data, error, response } = await api.POST("/api/council/sittings/{sittingId}/acknowledgement", { params: { path: { sittingId: s.id } } });
        if (data) notify(status, c.acknowledged(parisWhen(data.acknowledgedAt)));
        else notify(status, response.status === 404 ? c.notConvened : toProblem(error, response.status).detail, "error");
      });
      cell.append(ack, " ");
    }
    if (can("council:write")) {
      const convene = el("button", c.convene(s.title), { type: "button", class: "secondaire" });
      convene.addEventListener("click", async () => {
        if (!(await confirmAction(c.confirmConvene(s.title)))) return;
        const urgency = $<HTMLInputElement>("#urgence").value.trim();
        const { data, error, response } = await api.POST("/api/council/sittings/{sittingId}/convocations", {
          params: { path: { sittingId: s.id } },
          body: urgency ? { urgencyReason: urgency } : {},
        });
        if (data) notify(status, c.convened(data.convened, data.total));
        else notify(status, toProblem(error, response.status).detail, "error");
        await showReceipts(s);
        await table.reload();
      });
      const show = el("button", c.showReceipts(s.title), { type: "button", class: "lien" });
      show.addEventListener("click", () => void showReceipts(s));
      cell.append(convene, " ", show);
    }
    return cell;
  }

  const table = listTable(
    $<HTMLTableElement>("#t-seances"),
    { filters: ["periode"] as const, sorts: ["titre", "date"], pageSize: PAGE },
    async (st) => {
      const { data } = await api.GET("/api/council/sittings", { headers: { "cache-control": "no-cache" } });
      const period = st.filters.periode;
      const all = (data?.sittings ?? []).filter((s) => (period === "a-venir" ? s.status !== "closed" : period === "passees" ? s.status === "closed" : true));
      const by =
        st.sort === "titre"
          ? (a: Sitting, b: Sitting) => a.title.localeCompare(b.title, "fr")
          : (a: Sitting, b: Sitting) => a.startsAt.localeCompare(b.startsAt);
      const sorted = [...all].sort((a, b) => (st.descending ? -1 : 1) * by(a, b));
      const rows = sorted.slice((st.page - 1) * PAGE, st.page * PAGE).map((s) => {
        const tr = el("tr");
        const th = el("th", undefined, { scope: "row" });
        // A closed sitting's results are on the public page; the others open their live desk here.
        th.append(
          s.status === "closed"
            ? el("a", s.title, { href: `/${slug}/conseil/?seance=${s.id}`, "aria-label": c.publicResults(s.title) })
            : el("a", s.title, { href: `?seance=${s.id}` }),
        );
        tr.append(th, el("td", parisWhen(s.startsAt)), el("td", c.statusLabel[s.status] ?? s.status), actions(s));
        return tr;
      });
      return { rows, total: sorted.length, caption: c.sittingsCaption(sorted.length) };
    },
    $<HTMLFormElement>("#f-periode"),
  );
  void table.reload();
  return table;
}

/** Councillors and presidents of the tenant, by name (the people picker, ADR 0026). */
function councillorSearch(api: Api): PickerSearch {
  const searches = [peopleSearch(api, "councillor"), peopleSearch(api, "council_president")];
  return async (q, signal) => {
    const found = (await Promise.all(searches.map((s) => s(q, signal)))).flat();
    return found.filter((o, i) => found.findIndex((x) => x.id === o.id) === i);
  };
}

/** The secretariat's forms: a council when there is none, then a sitting, a member, a room. */
async function preparation(root: HTMLElement, api: Api, sittingsChanged: () => Promise<void>) {
  const $ = <T extends HTMLElement = HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  $("#preparation").hidden = false;
  const councilForm = $<HTMLFormElement>("#f-conseil");
  const select = $<HTMLSelectElement>("#p-conseil");
  const value = (form: HTMLFormElement, name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();

  async function councils() {
    const list = (await api.GET("/api/council/councils", { headers: { "cache-control": "no-cache" } })).data?.councils ?? [];
    councilForm.hidden = list.length > 0;
    $("#prep-outils").hidden = list.length === 0;
    const current = select.value;
    select.replaceChildren(...list.map((x) => el("option", x.name, { value: x.id })));
    if (list.some((x) => x.id === current)) select.value = current;
    await rooms();
  }
  async function rooms() {
    const box = $("#s-rooms [data-rooms]");
    if (!select.value) return box.replaceChildren();
    const list =
      (await api.GET("/api/council/councils/{councilId}/rooms", { params: { path: { councilId: select.value } }, headers: { "cache-control": "no-cache" } }))
        .data?.rooms ?? [];
    box.replaceChildren(
      ...(list.length
        ? list.map((r) => {
            const span = el("span", undefined, { class: "case" });
            span.append(
              el("input", undefined, { type: "checkbox", id: `s-room-${r.id}`, value: r.id, "data-room": "" }),
              el("label", r.name, { for: `s-room-${r.id}` }),
            );
            return span;
          })
        : [el("p", c.noRoom)]),
    );
  }
  select.addEventListener("change", () => void rooms());

  councilForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const name = value(councilForm, "name");
    const kind = value(councilForm, "kind") === "municipal" ? "municipal" : "community";
    if (
      await submit(
        councilForm,
        () => api.POST("/api/council/councils", { body: { name, kind } }),
        () => c.councilCreated(name),
      )
    )
      await councils();
  });

  const sitting = $<HTMLFormElement>("#f-seance");
  sitting.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const startsAt = fromParisInput(value(sitting, "startsAt"));
    if (!startsAt) return void showProblem(sitting, localProblem("body/startsAt", kit.invalidDateTime));
    const lines = value(sitting, "items")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    const body: JsonBody<"/api/council/sittings", "post"> = {
      councilId: select.value,
      title: value(sitting, "title"),
      startsAt,
      roomIds: Array.from(sitting.querySelectorAll<HTMLInputElement>("input[data-room]:checked"), (i) => i.value),
      items: lines.map((title) => ({ title })),
      synthesisNote: value(sitting, "synthesisNote") || null,
      synthesisNoteUrl: value(sitting, "synthesisNoteUrl") || null,
    };
    const ok = await submit(
      sitting,
      async () => {
        const answer = await api.POST("/api/council/sittings", { body });
        // An agenda line's error names its line (the textarea holds them all).
        const p = answer.error === undefined ? null : toProblem(answer.error, answer.response.status);
        if (p)
          p.errors = p.errors.map((e) => {
            const m = /^body\/items\/(\d+)/.exec(e.path);
            return m ? { ...e, message: `${c.itemLine(Number(m[1]) + 1)} : ${e.message}` } : e;
          });
        return p ? { error: p, response: answer.response } : answer;
      },
      () => c.sittingCreated,
    );
    if (ok) {
      sitting.reset();
      await sittingsChanged();
    }
  });

  const member = $<HTMLFormElement>("#f-membre");
  const account = picker($("[data-picker='m-account']"), councillorSearch(api));
  member.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const fullName = value(member, "fullName");
    const body: JsonBody<"/api/council/councils/{councilId}/members", "post"> = {
      fullName,
      birthDate: value(member, "birthDate"),
      mandateStart: value(member, "mandateStart"),
      ...(value(member, "office") ? { office: value(member, "office") } : {}),
      ...(account.value ? { personId: account.value } : {}),
    };
    const ok = await submit(
      member,
      () => api.POST("/api/council/councils/{councilId}/members", { params: { path: { councilId: select.value } }, body }),
      () => c.memberAdded(fullName),
    );
    if (ok) {
      member.reset();
      account.set(null);
    }
  });

  const room = $<HTMLFormElement>("#f-salle");
  room.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const name = value(room, "name");
    const visioUrl = value(room, "visioUrl");
    const ok = await submit(
      room,
      () =>
        api.POST("/api/council/councils/{councilId}/rooms", {
          params: { path: { councilId: select.value } },
          body: { name, address: value(room, "address"), ...(visioUrl ? { visioUrl } : {}) },
        }),
      () => c.roomAdded(name),
    );
    if (ok) {
      room.reset();
      await rooms();
    }
  });
  await councils();
}
