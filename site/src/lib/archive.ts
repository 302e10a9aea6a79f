/**
 * The archives back office (browser side): deposit with per-file upload progress (announce, send
 * each file as a raw body, seal), search, disposal proposals and decisions, the control
 * authority's visa, journal verification. Every call goes to the archive API on the same origin;
 * the API checks each permission again.
 */
import { el } from "./dom.ts";
import { a } from "../i18n/archives.fr.ts";
import { readProblem, toProblem, type Problem } from "./kit/problem.ts";
import { startSession } from "./kit/session.ts";
import { upload as sendFile } from "./kit/upload.ts";
import { sha512Hex } from "@communa/core/hash";
import { formatParis } from "@communa/core/time";
interface Rule {
  code: string;
  kind: "appraisal" | "access";
  label: string;
  durationYears: number;
  finalAction: string | null;
}
interface UnitBrief {
  id: string;
  reference: string;
  title: string;
  originatingAgency: string;
  duaEnd?: string;
  communicable?: boolean;
  communicableFrom?: string;
  status?: string;
}

/** Files above this size get their SHA-512 computed here first (the API requires it). */
const IN_MEMORY_LIMIT = 16 * 1024 * 1024;

const frDate = (d: string) => formatParis(`${d}T12:00:00Z`, { dateStyle: "long" });

export async function startArchives(root: HTMLElement): Promise<void> {
  const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
  const api = `/t/${root.dataset.slug}/api`;
  const state = $("ar-etat");
  // The kit's one start-up (ADR 0026); the calls below are not yet on the typed client.
  const start = await startSession(root.dataset.slug!, "archives:read");
  if (!start.ok) {
    state.textContent = a.notAllowed;
    return;
  }
  const session = start.session;
  const can = (p: string) => session.permissions.includes(p);
  state.textContent = "";
  $("ar-outils").hidden = false;
  const csrf = session.csrfToken ?? "";
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${api}/archive${path}`, {
      ...init,
      credentials: "same-origin",
      headers: { accept: "application/json", "x-csrf-token": csrf, ...(init.headers as Record<string, string>) },
    });
  const json = (path: string, body: unknown) => call(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const problem = (res: Response) => readProblem(res, a.failed);

  if (can("archives:write")) await depositForm();
  void search("");
  $("ar-recherche").addEventListener("submit", (e) => {
    e.preventDefault();
    void search(($("r-q") as HTMLInputElement).value);
  });
  if (can("archives:dispose")) await proposals();
  await decisions();
  $<HTMLAnchorElement>("j-cle").href = `${api}/archive/journal/key`;
  $("j-verifier").addEventListener("click", async () => {
    const r = (await (await call("/journal/verify")).json()) as { ok: boolean; checked: number; firstBroken: { seq: number; reason: string } | null };
    $("j-etat").textContent = r.ok ? a.chainOk(r.checked) : a.chainBroken(r.firstBroken!.seq, r.firstBroken!.reason);
  });

  async function depositForm() {
    $("ar-versement").hidden = false;
    const rules = ((await (await call("/rules")).json()) as { rules: Rule[] }).rules;
    const option = (r: Rule) => el("option", `${r.code} — ${r.label}`, { value: r.code });
    $("v-appraisal").replaceChildren(...rules.filter((r) => r.kind === "appraisal" && r.code !== "APP-RH-DOSSIER").map(option));
    $("v-access").replaceChildren(...rules.filter((r) => r.kind === "access").map(option));
    const form = $<HTMLFormElement>("ar-form");
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void submit(form);
    });
  }

  function showErrors(list: Array<{ path: string; message: string }>) {
    $("v-erreurs").replaceChildren(...list.map((x) => el("li", x.message)));
  }

  async function submit(form: HTMLFormElement) {
    const status = $("v-etat");
    const data = new FormData(form);
    const files = Array.from(($("v-files") as HTMLInputElement).files ?? []);
    const missing: Array<{ path: string; message: string }> = [];
    for (const name of ["title", "originatingAgency", "transferringAgency"]) {
      const input = form.elements.namedItem(name) as HTMLInputElement;
      const empty = !String(data.get(name) ?? "").trim();
      input.setAttribute("aria-invalid", String(empty));
      if (empty) missing.push({ path: name, message: `${form.querySelector(`label[for="${input.id}"]`)?.textContent} : ${a.required}` });
    }
    if (!files.length) missing.push({ path: "files", message: a.noFile });
    showErrors(missing);
    if (missing.length) return;
    $("v-liens").replaceChildren();
    const declared: Array<{ name: string; size: number; sha512?: string }> = [];
    for (const f of files) {
      let sha512: string | undefined;
      if (f.size > IN_MEMORY_LIMIT) {
        status.textContent = a.hashing(f.name);
        sha512 = await sha512Hex(await f.arrayBuffer());
      }
      declared.push({ name: f.name, size: f.size, ...(sha512 ? { sha512 } : {}) });
    }
    status.textContent = a.announcing;
    const text = (k: string) => String(data.get(k) ?? "").trim();
    const unit = {
      title: text("title"),
      description: text("description") || undefined,
      originatingAgency: text("originatingAgency"),
      startDate: text("startDate") || undefined,
      endDate: text("endDate") || undefined,
      keywords: text("keywords")
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean),
      appraisalRule: text("appraisalRule"),
      accessRule: text("accessRule"),
      files: declared,
    };
    const opened = await json("/deposits?origine=formulaire", { transferringAgency: text("transferringAgency"), units: [unit] });
    if (!opened.ok) {
      const p = await problem(opened);
      status.textContent = p.detail ?? a.failed;
      return showErrors(p.errors ?? []);
    }
    const deposit = (await opened.json()) as { id: string; uploads: Array<{ path: string; fileName: string }> };
    const list = $("v-progression");
    list.replaceChildren();
    for (const [i, up] of deposit.uploads.entries()) {
      const id = `v-barre-${i}`;
      const bar = el("progress", undefined, { id, max: "100", value: "0" });
      const li = el("li");
      li.append(el("label", a.sending(up.fileName), { for: id }), " ", bar);
      list.append(li);
      const ok = await upload(`${location.origin}/t/${root.dataset.slug}${up.path}`, files[i], bar as HTMLProgressElement);
      if (!ok.ok) {
        status.textContent = ok.problem.detail ?? a.failed;
        return showErrors(ok.problem.errors ?? []);
      }
    }
    status.textContent = a.sealing;
    const sealed = await call(`/deposits/${deposit.id}/seal`, { method: "POST" });
    if (!sealed.ok) {
      status.textContent = (await problem(sealed)).detail ?? a.failed;
      return;
    }
    const receipt = (await sealed.json()) as { reference: string };
    status.textContent = a.sealed(receipt.reference);
    $("v-liens").replaceChildren(
      el("a", a.reply, { href: `${api}/archive/deposits/${deposit.id}/reply` }),
      " · ",
      el("a", a.attestation, { href: `${api}/archive/deposits/${deposit.id}/attestation` }),
    );
    form.reset();
    void search("");
  }

  /** One file as a raw body, with progress (the kit's upload). */
  async function upload(url: string, file: File, bar: HTMLProgressElement): Promise<{ ok: true } | { ok: false; problem: Problem }> {
    const sent = await sendFile(url, file, { method: "PUT", contentType: "application/octet-stream", csrf, progress: bar }).catch(() => null);
    if (sent?.status === 200) return { ok: true };
    return { ok: false, problem: toProblem(sent?.body, sent?.status ?? 0, a.failed) };
  }

  async function search(q: string) {
    const res = await call(`/units?limit=50${q ? `&q=${encodeURIComponent(q)}` : ""}`);
    const units = res.ok ? ((await res.json()) as { units: UnitBrief[] }).units : [];
    $("r-compte").textContent = units.length ? a.results(units.length) : a.noResult;
    $("r-resultats").replaceChildren(
      ...units.map((u) => {
        const li = el("li");
        li.append(el("strong", u.reference), ` — ${u.title} (${u.originatingAgency}, ${a.statusLabel[u.status ?? ""] ?? u.status})`);
        if (!u.communicable && u.communicableFrom) li.append(" — ", el("em", a.notCommunicable(frDate(u.communicableFrom))));
        else if (u.status === "sealed")
          li.append(" — ", el("a", a.download, { href: `${api}/archive/units/${u.id}/export`, "aria-label": `${a.download} : ${u.reference}` }));
        return li;
      }),
    );
  }

  async function proposals() {
    $("ar-sort").hidden = false;
    const p = (await (await call("/disposal/proposals")).json()) as { toDestroy: UnitBrief[]; toKeep: UnitBrief[]; frozen: UnitBrief[] };
    const line = (u: UnitBrief) => el("li", `${u.reference} — ${u.title} (${frDate(u.duaEnd ?? "")})`);
    $("s-detruire").replaceChildren(
      ...(p.toDestroy.length
        ? p.toDestroy.map((u) => {
            const li = el("li");
            const id = `s-${u.id}`;
            li.append(
              el("input", undefined, { type: "checkbox", id, value: u.id, name: "unitIds" }),
              " ",
              el("label", `${u.reference} — ${u.title} (${frDate(u.duaEnd ?? "")})`, { for: id }),
            );
            (li.lastChild as HTMLElement).style.display = "inline";
            return li;
          })
        : [el("li", a.none)]),
    );
    $("s-conserver").replaceChildren(...(p.toKeep.length ? p.toKeep.map(line) : [el("li", a.none)]));
    $("s-gel").replaceChildren(...(p.frozen.length ? p.frozen.map(line) : [el("li", a.none)]));
    const form = $<HTMLFormElement>("s-form");
    form.onsubmit = async (e) => {
      e.preventDefault();
      const unitIds = Array.from(form.querySelectorAll<HTMLInputElement>('input[name="unitIds"]:checked'), (i) => i.value);
      const res = await json("/disposals", { unitIds, reason: ($("s-motif") as HTMLInputElement).value.trim() });
      if (!res.ok) {
        const p = await problem(res);
        $("s-etat").textContent = [p.detail, ...p.errors.map((x) => x.message)].join(" ");
        return;
      }
      const body = (await res.json()) as { reference?: string };
      $("s-etat").textContent = a.decided(body.reference ?? "");
      await proposals();
      await decisions();
    };
  }

  async function decisions() {
    const res = await call("/disposals");
    if (!res.ok) return;
    const list = ((await res.json()) as { disposals: Array<{ id: string; reference: string; status: string; statusLabel: string; reason: string }> }).disposals;
    $("ar-decisions").hidden = list.length === 0;
    $("d-liste").replaceChildren(
      ...list.map((d) => {
        const li = el("li");
        li.append(el("strong", d.reference), ` — ${d.statusLabel} — ${d.reason} `);
        if (d.status === "decided" && can("archives:visa")) li.append(visaForm(d.id, d.reference));
        if (d.status === "approved" && can("archives:dispose")) {
          const b = el("button", a.execute, { type: "button", "aria-label": `${a.execute} ${d.reference}` });
          b.addEventListener("click", async () => {
            const r = await call(`/disposals/${d.id}/execute`, { method: "POST" });
            $("d-etat").textContent = r.ok ? "" : ((await problem(r)).detail ?? a.failed);
            await decisions();
          });
          li.append(b);
        }
        if (d.status === "executed") li.append(el("a", a.certificate, { href: `${api}/archive/disposals/${d.id}/certificate?format=pdf` }));
        return li;
      }),
    );
  }

  function visaForm(id: string, reference: string) {
    const f = el("form");
    const auth = `va-${id}`;
    const ref = `vr-${id}`;
    f.append(
      el("label", `${a.visaAuthority} (${reference})`, { for: auth }),
      el("input", undefined, { id: auth, value: a.visaAuthorityDefault, required: "" }),
      el("label", `${a.visaReference} (${reference})`, { for: ref }),
      el("input", undefined, { id: ref, required: "" }),
    );
    for (const approved of [true, false]) {
      const b = el("button", approved ? a.approve : a.refuse, { type: "button", class: approved ? "" : "secondaire" });
      b.addEventListener("click", async () => {
        const r = await json(`/disposals/${id}/visa`, {
          approved,
          authority: ($(auth) as HTMLInputElement).value.trim(),
          reference: ($(ref) as HTMLInputElement).value.trim(),
        });
        $("d-etat").textContent = r.ok ? "" : ((await problem(r)).detail ?? a.failed);
        await decisions();
      });
      f.append(" ", b);
    }
    return f;
  }
}
