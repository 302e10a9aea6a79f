/**
 * The devices page (ADR 0016) on the back-office kit. Three parts, each shown to who may use it:
 * - the live status board (waste:read, the devices Worker's fleet): refreshed every 15 seconds and
 *   at once when this page registers, re-keys or retires a device; only changes announced (a
 *   screen reader is not read the whole board each time);
 * - configuration pushed to a device (waste:write), its errors beside their fields;
 * - registration, key rotation and retirement (identity:admin, identity's /devices): a new secret
 *   is shown once, with a copy button and the warning; rotation and retirement are confirmed first.
 */
import { parisFormat } from "@communa/core/time";
import { a } from "../i18n/appareils.fr.ts";
import { adm, deviceKinds, devices as d, permissions } from "../i18n/admin.fr.ts";
import type { Api, Schemas } from "./api/client.ts";
import { button, checked, emptyRow, parisWhen, row, showSecret, startAdmin, text } from "./admin-common.ts";
import { el } from "./dom.ts";
import { confirmAction } from "./kit/confirm.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";

type Status = Schemas["EtatEquipement"];
type Kind = keyof typeof deviceKinds;
type Permission = keyof typeof permissions;
type Setting = Schemas["ConfigurationEquipement"]["settings"][string];
const isKind = (k: string): k is Kind => Object.hasOwn(deviceKinds, k);
const isPermission = (p: string): p is Permission => Object.hasOwn(permissions, p);
const kindName = (k: string) => (isKind(k) ? deviceKinds[k] : k);
const clock = parisFormat({ timeStyle: "medium" });
const REFRESH_MS = 15_000;
/** Said by the registration part when a device is registered, re-keyed or retired: the board redraws at once. */
const CHANGED = "communa:equipements-modifies";

export async function startDevices(root: HTMLElement) {
  const started = await startAdmin(root, (p) => p.includes("waste:read") || p.includes("identity:admin"));
  if (!started) return;
  const { api, can } = started;
  if (can("identity:admin")) void administration(api);
  if (!can("waste:read")) return;
  document.getElementById("tableau")!.hidden = false;
  document.getElementById("configuration")!.hidden = !can("waste:write");
  await board(api, document.getElementById("etat")!);
}

/** The status board and the configuration form. */
async function board(api: Api, state: HTMLElement) {
  const table = document.getElementById("t-flotte") as HTMLTableElement;
  const select = document.getElementById("c-device") as HTMLSelectElement;
  const form = document.getElementById("f-config") as HTMLFormElement;
  let known = new Map<string, Status>();

  const line = (s: Status) => {
    // The state is said in words (not only shown in colour).
    const stateCell = el("span");
    stateCell.append(el("span", s.online ? a.online : a.offline, { class: s.online ? "etat-ok" : "etat-alerte" }));
    if (s.battery !== null) stateCell.append(el("br"), a.battery(s.battery));
    return row([
      s.name,
      kindName(s.kind),
      stateCell,
      parisWhen(s.lastSeenAt),
      parisWhen(s.lastEventAt),
      s.backlog === null ? a.unknown : String(s.backlog),
      `${s.accepted} / ${s.rejected}`,
      a.versions(s.firmware, s.appVersion),
      a.configState(s.config.version, s.appliedConfigVersion),
    ]);
  };

  async function refresh() {
    const { data } = await api.GET("/api/devices/fleet");
    if (!data) return notify(state, a.unavailable, "error");
    const changes: string[] = [];
    for (const s of data.devices) {
      const before = known.get(s.id);
      if (before && before.online !== s.online) changes.push(s.online ? a.cameOnline(s.name) : a.wentOffline(s.name));
    }
    known = new Map(data.devices.map((s) => [s.id, s]));
    table.tBodies[0].replaceChildren(...(data.devices.length ? data.devices.map(line) : [emptyRow(9, a.none)]));
    table.caption!.textContent = a.caption;
    if (changes.length) notify(state, changes.join(" "));
    document.getElementById("maj")!.textContent = a.updatedAt(clock.format(new Date(data.at)));
    const chosen = select.value;
    select.replaceChildren(...data.devices.map((s) => el("option", `${s.name} (${kindName(s.kind)})`, { value: s.id })));
    if (chosen && known.has(chosen)) select.value = chosen;
  }

  function fillForm() {
    const s = known.get(select.value);
    if (!s) return;
    (form.elements.namedItem("heartbeatSeconds") as HTMLInputElement).value = String(s.config.heartbeatSeconds);
    (form.elements.namedItem("batchSize") as HTMLInputElement).value = String(s.config.batchSize);
    (form.elements.namedItem("settings") as HTMLTextAreaElement).value = Object.entries(s.config.settings)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n");
  }
  select.addEventListener("change", fillForm);

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const settings: Record<string, Setting> = {};
    const bad: string[] = [];
    for (const raw of text(form, "settings").split("\n")) {
      const l = raw.trim();
      if (!l) continue;
      const m = /^([^=]+)=(.*)$/.exec(l);
      if (!m) {
        bad.push(a.badSetting(l));
        continue;
      }
      const v = m[2].trim();
      settings[m[1].trim()] = v === "true" ? true : v === "false" ? false : v !== "" && Number.isFinite(Number(v)) ? Number(v) : v;
    }
    if (bad.length)
      return void showProblem(form, { status: 400, title: a.refused, detail: a.refused, errors: bad.map((message) => ({ path: "body/settings", message })) });
    const id = select.value;
    const { data, error, response } = await api.PUT("/api/devices/fleet/{id}/config", {
      params: { path: { id } },
      body: { heartbeatSeconds: Number(text(form, "heartbeatSeconds")), batchSize: Number(text(form, "batchSize")), settings },
    });
    if (!data) return void showProblem(form, toProblem(error, response.status, adm.failed));
    clearProblem(form);
    notify(form.querySelector<HTMLElement>("[data-notice]")!, a.configSent(data.name, data.config.version));
    await refresh();
  });

  await refresh();
  fillForm();
  setInterval(() => void refresh(), REFRESH_MS);
  document.addEventListener(CHANGED, () => void refresh());
}

/** Registration, key rotation and retirement (the administration). */
async function administration(api: Api) {
  document.getElementById("administration")!.hidden = false;
  const table = document.getElementById("t-enregistres") as HTMLTableElement;
  const notice = document.getElementById("e-statut")!;
  const panel = document.getElementById("e-secret")!;
  const form = document.getElementById("f-enregistrer") as HTMLFormElement;

  async function reload() {
    const { data } = await api.GET("/api/identity/devices");
    if (!data) return notify(notice, adm.unavailable, "error");
    const rows = data.devices.map((x) => {
      const actions = el("span");
      if (x.revokedAt) actions.textContent = d.retiredOn(parisWhen(x.revokedAt));
      else
        actions.append(
          button(d.rotate, d.rotateLabel(x.name), () => void rotate(x.id, x.name)),
          " ",
          button(d.retire, d.retireLabel(x.name), () => void retire(x.id, x.name)),
        );
      const perms = x.permissions.map((p) => (isPermission(p) ? permissions[p] : p)).join(", ") || "—";
      return row([x.name, kindName(x.kind), perms, parisWhen(x.createdAt), parisWhen(x.lastSeenAt), actions]);
    });
    table.tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow(6)]));
    table.caption!.textContent = d.registeredCaption;
  }

  async function rotate(id: string, name: string) {
    if (!(await confirmAction(d.confirmRotate(name)))) return;
    const { data, error, response } = await api.POST("/api/identity/devices/{id}/keys", { params: { path: { id } }, body: { overlapHours: 24 } });
    if (!data) return notify(notice, toProblem(error, response.status, adm.failed).detail, "error");
    notify(notice, d.rotated(name));
    document.dispatchEvent(new Event(CHANGED));
    showSecret(panel, [
      { label: d.deviceId, value: id },
      { label: d.keyId, value: data.keyId },
      { label: d.secret, value: data.secret },
    ]);
  }

  async function retire(id: string, name: string) {
    if (!(await confirmAction(d.confirmRetire(name)))) return;
    const { data, error, response } = await api.DELETE("/api/identity/devices/{id}", { params: { path: { id } } });
    await reload();
    if (data) document.dispatchEvent(new Event(CHANGED));
    notify(notice, data ? d.retired(name) : toProblem(error, response.status, adm.failed).detail, data ? "info" : "error");
    document.getElementById("e-titre")!.focus();
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const kind = text(form, "kind");
    if (!isKind(kind)) return;
    const { data, error, response } = await api.POST("/api/identity/devices", {
      body: { kind, name: text(form, "name"), permissions: checked(form, "permissions").filter(isPermission) },
    });
    if (!data) return void showProblem(form, toProblem(error, response.status, adm.failed));
    clearProblem(form);
    form.reset();
    notify(form.querySelector<HTMLElement>("[data-notice]")!, d.registered(data.name));
    await reload();
    document.dispatchEvent(new Event(CHANGED));
    showSecret(panel, [
      { label: d.deviceId, value: data.id },
      { label: d.keyId, value: data.keyId },
      { label: d.secret, value: data.secret },
    ]);
  });

  await reload();
}
