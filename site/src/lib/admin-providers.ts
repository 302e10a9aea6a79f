/**
 * Identity providers (identity's /identity-providers routes): the list, a provider declared or
 * edited (its client secret written only: never shown, left empty to keep it), removal after a
 * confirmation. Removing or disabling the last active provider of its audience needs a second,
 * explicit confirmation: the API explains why (409) and the page asks again with its words.
 */
import { adm, providerKinds, providers as p } from "../i18n/admin.fr.ts";
import type { Schemas } from "./api/client.ts";
import { button, emptyRow, row, startAdmin, text } from "./admin-common.ts";
import { el } from "./dom.ts";
import { confirmAction } from "./kit/confirm.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";

type Provider = Schemas["FournisseurIdentite"];
type Kind = Provider["kind"];
type Audience = Provider["audience"];
type FirstSignIn = Provider["firstSignIn"];
const isKind = (v: string): v is Kind => Object.hasOwn(providerKinds, v);
const isAudience = (v: string): v is Audience => Object.hasOwn(p.audiences, v);
const isFirst = (v: string): v is FirstSignIn => Object.hasOwn(p.firstSignIns, v);

export async function startProviders(root: HTMLElement) {
  const started = await startAdmin(root, "identity:admin");
  if (!started) return;
  const { api } = started;
  const table = document.getElementById("t-fournisseurs") as HTMLTableElement;
  const form = document.getElementById("f-fournisseur") as HTMLFormElement;
  const heading = document.getElementById("p-form-titre")!;
  const cancel = document.getElementById("p-annuler")!;
  const listNotice = document.getElementById("p-liste-statut")!;
  const secretHint = document.getElementById("p-secret-aide")!;
  const field = <T extends HTMLInputElement | HTMLSelectElement>(name: string) => form.elements.namedItem(name) as T;
  let editing: Provider | null = null;

  async function reload() {
    const { data } = await api.GET("/api/identity/identity-providers");
    if (!data) return notify(listNotice, adm.unavailable, "error");
    const rows = data.providers.map((x) => {
      const actions = el("span");
      actions.append(
        button(p.edit, p.editLabel(x.label), () => edit(x)),
        " ",
        button(p.remove, p.removeLabel(x.label), () => void remove(x)),
      );
      return row([x.label, providerKinds[x.kind], p.audiences[x.audience], x.issuer, x.clientId, x.enabled ? adm.yes : adm.no, actions]);
    });
    table.tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow(7)]));
    table.caption!.textContent = p.caption;
  }

  function setMode(x: Provider | null) {
    editing = x;
    clearProblem(form);
    form.reset();
    field<HTMLInputElement>("slug").disabled = Boolean(x);
    field<HTMLSelectElement>("kind").disabled = Boolean(x);
    field<HTMLInputElement>("clientSecret").required = !x;
    secretHint.textContent = (x ? secretHint.dataset.edit : secretHint.dataset.add) ?? "";
    cancel.hidden = !x;
    heading.textContent = x ? p.editHeading(x.label) : p.addHeading;
    if (!x) return;
    field<HTMLInputElement>("slug").value = x.slug;
    field<HTMLSelectElement>("kind").value = x.kind;
    field<HTMLInputElement>("label").value = x.label;
    field<HTMLInputElement>("issuer").value = x.issuer;
    field<HTMLInputElement>("clientId").value = x.clientId;
    field<HTMLInputElement>("scopes").value = x.scopes;
    field<HTMLSelectElement>("audience").value = x.audience;
    field<HTMLSelectElement>("firstSignIn").value = x.firstSignIn;
    field<HTMLInputElement>("enabled").checked = x.enabled;
  }
  function edit(x: Provider) {
    setMode(x);
    heading.focus();
  }
  cancel.addEventListener("click", () => {
    setMode(null);
    heading.focus();
  });

  async function remove(x: Provider) {
    if (!(await confirmAction(p.confirmRemove(x.label)))) return;
    const path = { slug: x.slug };
    let answer = await api.DELETE("/api/identity/identity-providers/{slug}", { params: { path, query: {} } });
    if (answer.response.status === 409) {
      const why = toProblem(answer.error, 409, adm.failed).detail;
      if (!(await confirmAction(p.confirmLast(why)))) return;
      answer = await api.DELETE("/api/identity/identity-providers/{slug}", { params: { path, query: { confirmer: "dernier-fournisseur" } } });
    }
    const ok = answer.response.status === 204;
    await reload();
    notify(listNotice, ok ? p.removed(x.label) : toProblem(answer.error, answer.response.status, adm.failed).detail, ok ? "info" : "error");
    document.getElementById("p-liste-titre")!.focus();
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const notice = form.querySelector<HTMLElement>("[data-notice]")!;
    const audience = text(form, "audience");
    const firstSignIn = text(form, "firstSignIn");
    const kind = text(form, "kind");
    const secret = text(form, "clientSecret");
    const scopes = text(form, "scopes");
    const common = {
      label: text(form, "label"),
      issuer: text(form, "issuer"),
      clientId: text(form, "clientId"),
      enabled: field<HTMLInputElement>("enabled").checked,
      ...(scopes ? { scopes } : {}),
      ...(isAudience(audience) ? { audience } : {}),
      ...(isFirst(firstSignIn) ? { firstSignIn } : {}),
    };
    if (editing) {
      const path = { slug: editing.slug };
      const body = { ...common, ...(secret ? { clientSecret: secret } : {}) };
      let answer = await api.PATCH("/api/identity/identity-providers/{slug}", { params: { path, query: {} }, body });
      if (answer.response.status === 409) {
        const why = toProblem(answer.error, 409, adm.failed).detail;
        if (!(await confirmAction(p.confirmLastUpdate(why)))) return;
        answer = await api.PATCH("/api/identity/identity-providers/{slug}", { params: { path, query: { confirmer: "dernier-fournisseur" } }, body });
      }
      if (!answer.data) return void showProblem(form, toProblem(answer.error, answer.response.status, adm.failed));
      setMode(null);
      notify(notice, p.updated(answer.data.label));
    } else {
      if (!isKind(kind)) return;
      const { data, error, response } = await api.POST("/api/identity/identity-providers", {
        body: { ...common, slug: text(form, "slug"), kind, clientSecret: secret },
      });
      if (!data) return void showProblem(form, toProblem(error, response.status, adm.failed));
      setMode(null);
      notify(notice, p.created(data.label));
    }
    await reload();
  });

  await reload();
}
