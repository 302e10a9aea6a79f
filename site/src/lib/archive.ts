/**
 * The archives back office (ADR 0026 kit): deposit with per-file upload progress (announce, send
 * each file as a raw body, seal), search as a table (words and page in the address), disposal
 * proposals and decisions, the control authority's visa, journal verification. Every call goes
 * through the typed client; refusals are shown beside their fields, in French; the API checks
 * each permission again.
 */
import { frenchLongDate } from "@communa/core/time";
import { sha512Hex } from "@communa/core/hash";
import { a } from "../i18n/archives.fr.ts";
import { type Api, apiUrl, type JsonBody, type Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { confirmAction } from "./kit/confirm.ts";
import { listTable } from "./kit/list-table.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem, type Problem } from "./kit/problem.ts";
import { startSession } from "./kit/session.ts";
import { upload } from "./kit/upload.ts";

type Unit = Schemas["UniteEchue"];

/** Files above this size get their SHA-512 computed here first (the API requires it). */
const IN_MEMORY_LIMIT = 16 * 1024 * 1024;
const PAGE = 20;

const required = (path: string, label: string) => ({ path, message: `${label} : ${a.required}` });

export async function startArchives(root: HTMLElement): Promise<void> {
  const slug = root.dataset.slug!;
  const $ = <T extends HTMLElement = HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const state = $("#ar-etat");
  notify(state, a.loading);
  const start = await startSession(slug, "archives:read");
  if (!start.ok) return notify(state, a.notAllowed, "error");
  const { api, session } = start;
  const can = (p: string) => session.permissions.includes(p);
  notify(state, "");
  $("#ar-outils").hidden = false;
  // The journal's button works as soon as the tools show, not once the lists below have loaded
  // (a click while they loaded was lost).
  $<HTMLAnchorElement>("#j-cle").href = apiUrl(slug, "/api/archive/journal/key");
  $("#j-verifier").addEventListener("click", async () => {
    const { data, error, response } = await api.GET("/api/archive/journal/verify");
    if (!data) return notify($("#j-etat"), toProblem(error, response.status, a.failed).detail, "error");
    const broken = data.firstBroken;
    notify($("#j-etat"), broken ? a.chainBroken(broken.seq, broken.reason) : a.chainOk(data.checked), broken ? "error" : "info");
  });

  const units = searchTable(root, api, slug);
  if (can("archives:write")) await depositForm(root, api, slug, session.csrfToken, () => units.reload());
  const disposal = disposals(root, api, slug, can);
  if (can("archives:dispose")) await disposal.proposals();
  await disposal.decisions();
}

/** The units, found by the words typed (full text); the words and the page live in the address. */
function searchTable(root: HTMLElement, api: Api, slug: string) {
  const table = listTable(
    root.querySelector<HTMLTableElement>("#r-resultats")!,
    { filters: ["q"] as const, pageSize: PAGE },
    async (st) => {
      // One more than a page tells whether there is a next one (the search gives no total).
      const q = st.filters.q;
      const { data } = await api.GET("/api/archive/units", {
        params: { query: { limit: PAGE + 1, offset: (st.page - 1) * PAGE, ...(q ? { q } : {}) } },
        headers: { "cache-control": "no-cache" },
      });
      const found = data?.units ?? [];
      const rows = found.slice(0, PAGE).map((u) => {
        const tr = el("tr");
        const access = el("td");
        if (!u.communicable) access.append(el("em", a.notCommunicable(frenchLongDate(u.communicableFrom))));
        else if (u.status === "sealed")
          access.append(el("a", a.download, { href: apiUrl(slug, `/api/archive/units/${u.id}/export`), "aria-label": `${a.download} : ${u.reference}` }));
        tr.append(
          el("th", u.reference, { scope: "row" }),
          el("td", u.title),
          el("td", u.originatingAgency),
          el("td", a.statusLabel[u.status] ?? u.statusLabel),
          access,
        );
        return tr;
      });
      const shown = (st.page - 1) * PAGE + Math.min(found.length, PAGE);
      return { rows, total: shown + (found.length > PAGE ? 1 : 0), caption: found.length ? a.results(Math.min(found.length, PAGE)) : a.noResult };
    },
    root.querySelector<HTMLFormElement>("#ar-recherche")!,
  );
  void table.reload();
  return table;
}

/** The deposit form: the rules offered, each file announced, sent with its progress, then the deposit sealed. */
async function depositForm(root: HTMLElement, api: Api, slug: string, csrf: string | null, deposited: () => Promise<void>) {
  const $ = <T extends HTMLElement = HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  $("#ar-versement").hidden = false;
  const rules = (await api.GET("/api/archive/rules")).data?.rules ?? [];
  const option = (r: (typeof rules)[number]) => el("option", `${r.code} — ${r.label}`, { value: r.code });
  // HR agent files have their own deposit (their dates come from the agent, not from the documents).
  $("#v-appraisal").replaceChildren(...rules.filter((r) => r.kind === "appraisal" && r.basis !== "hr_agent").map(option));
  $("#v-access").replaceChildren(...rules.filter((r) => r.kind === "access").map(option));
  const form = $<HTMLFormElement>("#ar-form");
  const status = form.querySelector<HTMLElement>("[data-notice]")!;
  const refused = (p: Problem) => {
    showProblem(form, p);
    notify(status, p.detail, "error");
  };

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(form);
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? "").trim();
    const files = Array.from($<HTMLInputElement>("#v-files").files ?? []);
    const u = "body/units/0";
    const missing = [
      ...(text("title") ? [] : [required(`${u}/title`, a.fTitle)]),
      ...(text("originatingAgency") ? [] : [required(`${u}/originatingAgency`, a.fOriginating)]),
      ...(text("transferringAgency") ? [] : [required("body/transferringAgency", a.fTransferring)]),
      ...(files.length ? [] : [{ path: `${u}/files`, message: a.noFile }]),
    ];
    if (missing.length) return refused({ status: 400, title: a.failed, detail: a.failed, errors: missing });
    $("#v-liens").replaceChildren();
    const declared: Array<{ name: string; size: number; sha512?: string }> = [];
    for (const f of files) {
      let sha512: string | undefined;
      if (f.size > IN_MEMORY_LIMIT) {
        notify(status, a.hashing(f.name));
        sha512 = await sha512Hex(await f.arrayBuffer());
      }
      declared.push({ name: f.name, size: f.size, ...(sha512 ? { sha512 } : {}) });
    }
    notify(status, a.announcing);
    const body: JsonBody<"/api/archive/deposits", "post"> = {
      transferringAgency: text("transferringAgency"),
      units: [
        {
          title: text("title"),
          ...(text("description") ? { description: text("description") } : {}),
          originatingAgency: text("originatingAgency"),
          ...(text("startDate") ? { startDate: text("startDate") } : {}),
          ...(text("endDate") ? { endDate: text("endDate") } : {}),
          keywords: text("keywords")
            .split(",")
            .map((k) => k.trim())
            .filter(Boolean),
          appraisalRule: text("appraisalRule"),
          accessRule: text("accessRule"),
          files: declared,
        },
      ],
    };
    const opened = await api.POST("/api/archive/deposits", { params: { query: { origine: "formulaire" } }, body });
    if (!opened.data) return refused(toProblem(opened.error, opened.response.status, a.failed));
    const deposit = opened.data;
    const list = $("#v-progression");
    list.replaceChildren();
    for (const [i, up] of (deposit.uploads ?? []).entries()) {
      const id = `v-barre-${i}`;
      const bar = el("progress", undefined, { id, max: "100", value: "0" });
      const li = el("li");
      li.append(el("label", a.sending(up.fileName), { for: id }), " ", bar);
      list.append(li);
      const file = files.find((f) => f.name === up.fileName) ?? files[i];
      const sent = await upload(`/t/${slug}${up.path}`, file, { method: "PUT", contentType: "application/octet-stream", csrf, progress: bar }).catch(
        () => null,
      );
      if (sent?.status !== 200) return refused(toProblem(sent?.body, sent?.status ?? 0, a.failed));
    }
    notify(status, a.sealing);
    const sealed = await api.POST("/api/archive/deposits/{depositId}/seal", { params: { path: { depositId: deposit.id } } });
    if (!sealed.data) return refused(toProblem(sealed.error, sealed.response.status, a.failed));
    notify(status, a.sealed(sealed.data.reference));
    $("#v-liens").replaceChildren(
      el("a", a.reply, { href: apiUrl(slug, `/api/archive/deposits/${deposit.id}/reply`) }),
      " · ",
      el("a", a.attestation, { href: apiUrl(slug, `/api/archive/deposits/${deposit.id}/attestation`) }),
    );
    form.reset();
    await deposited();
  });
}

/** Disposal: the units whose DUA has ended, the archivist's decision, the visa, the execution. */
function disposals(root: HTMLElement, api: Api, slug: string, can: (p: string) => boolean) {
  const $ = <T extends HTMLElement = HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const note = $("#d-etat");
  const line = (u: Unit) => `${u.reference} — ${u.title} (${frenchLongDate(u.duaEnd)})`;
  const none = () => el("li", a.none);
  const form = $<HTMLFormElement>("#s-form");

  async function proposals() {
    $("#ar-sort").hidden = false;
    const p = (await api.GET("/api/archive/disposal/proposals", { headers: { "cache-control": "no-cache" } })).data;
    const toDestroy = p?.toDestroy ?? [];
    $("#s-detruire").replaceChildren(
      ...(toDestroy.length
        ? toDestroy.map((u) => {
            const li = el("li", undefined, { class: "case" });
            li.append(
              el("input", undefined, { type: "checkbox", id: `s-${u.id}`, value: u.id, "data-unit": "" }),
              " ",
              el("label", line(u), { for: `s-${u.id}` }),
            );
            return li;
          })
        : [none()]),
    );
    $("#s-conserver").replaceChildren(...(p?.toKeep.length ? p.toKeep.map((u) => el("li", line(u))) : [none()]));
    $("#s-gel").replaceChildren(...(p?.frozen.length ? p.frozen.map((u) => el("li", line(u))) : [none()]));
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(form);
    const unitIds = Array.from(form.querySelectorAll<HTMLInputElement>("input[data-unit]:checked"), (i) => i.value);
    const reason = (form.elements.namedItem("reason") as HTMLInputElement).value.trim();
    const { data, error, response } = await api.POST("/api/archive/disposals", { body: { unitIds, reason } });
    const status = form.querySelector<HTMLElement>("[data-notice]")!;
    if (!data) {
      const p = toProblem(error, response.status, a.failed);
      showProblem(form, p);
      return notify(status, p.detail, "error");
    }
    notify(status, a.decided(data.reference));
    form.reset();
    await proposals();
    await decisions();
  });

  async function decisions() {
    const { data } = await api.GET("/api/archive/disposals", { headers: { "cache-control": "no-cache" } });
    const list = data?.disposals ?? [];
    $("#ar-decisions").hidden = list.length === 0;
    $("#d-liste").replaceChildren(
      ...list.map((d) => {
        const li = el("li");
        li.append(el("strong", d.reference), ` — ${d.statusLabel} — ${d.reason} `);
        if (d.status === "decided" && can("archives:visa")) li.append(visaForm(d.id, d.reference));
        if (d.status === "approved" && can("archives:dispose")) {
          const b = el("button", a.execute, { type: "button", "aria-label": `${a.execute} ${d.reference}` });
          b.addEventListener("click", async () => {
            if (!(await confirmAction(a.confirmExecute(d.reference)))) return;
            const r = await api.POST("/api/archive/disposals/{disposalId}/execute", { params: { path: { disposalId: d.id } } });
            if (r.error === undefined) notify(note, a.executed(d.reference));
            else notify(note, toProblem(r.error, r.response.status, a.failed).detail, "error");
            await decisions();
          });
          li.append(b);
        }
        if (d.status === "executed") li.append(el("a", a.certificate, { href: apiUrl(slug, `/api/archive/disposals/${d.id}/certificate?format=pdf`) }));
        return li;
      }),
    );
  }

  /** The control authority's answer, from another person than the archivist who decided. */
  function visaForm(id: string, reference: string) {
    const f = el("form", undefined, { novalidate: "", "aria-label": `${a.visaHeading} : ${reference}` });
    const auth = `va-${id}`;
    const ref = `vr-${id}`;
    f.append(
      el("label", `${a.visaAuthority} (${reference})`, { for: auth }),
      el("input", undefined, { id: auth, name: "authority", value: a.visaAuthorityDefault, required: "" }),
      el("label", `${a.visaReference} (${reference})`, { for: ref }),
      el("input", undefined, { id: ref, name: "reference", required: "" }),
    );
    for (const approved of [true, false]) {
      const b = el("button", approved ? a.approve : a.refuse, { type: "button", class: approved ? "" : "secondaire" });
      b.addEventListener("click", async () => {
        const field = (k: string) => (f.elements.namedItem(k) as HTMLInputElement).value.trim();
        const r = await api.POST("/api/archive/disposals/{disposalId}/visa", {
          params: { path: { disposalId: id } },
          body: { approved, authority: field("authority"), reference: field("reference") },
        });
        if (r.data) {
          notify(note, a.visaRecorded(reference));
          return decisions();
        }
        const p = toProblem(r.error, r.response.status, a.failed);
        showProblem(f, p);
        notify(note, p.detail, "error");
      });
      f.append(" ", b);
    }
    return f;
  }

  return { proposals, decisions };
}
