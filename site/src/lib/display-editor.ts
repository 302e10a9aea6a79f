/**
 * The display editor (ADR 0046): reads the board, fills the form (lists as one line per item,
 * fields split by « | »), publishes it; the API's French problems land beside their field.
 */
import type { Board, PublishedBoard } from "@communa/contracts/signage";
import { parisDay } from "@communa/core/time";
import { editor as t } from "../i18n/borne.fr.ts";
import { button, checked, parisWhen, startAdmin, table } from "./admin-common.ts";
import { el } from "./dom.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, problemLine, showProblem, toProblem } from "./kit/problem.ts";
import { boardFromPlaces } from "./board-from-places.ts";

const lines = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.split("|").map((f) => f.trim()));

export async function startDisplayEditor(root: HTMLElement) {
  const admin = await startAdmin(root, "france-services:write");
  if (!admin) return;
  const { slug, api } = admin;
  const form = root.querySelector<HTMLFormElement>("#f-affichage")!;
  const notice = form.querySelector<HTMLElement>("[data-notice]")!;
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement;

  const fill = (b: PublishedBoard) => {
    for (const c of Array.from(form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')))
      c.checked = (c.name === "panels" ? (b.panels as string[]) : (b.links as string[])).includes(c.value);
    field("rotateSeconds").value = String(b.rotateSeconds);
    field("desks").value = b.desks.map((d) => `${d.name} | ${d.hours}`).join("\n");
    field("permanences").value = b.permanences.map((p) => `${p.on} | ${p.hours} | ${p.who} | ${p.place}`).join("\n");
    field("announcements").value = b.announcements.map((a) => `${a.topic} | ${a.startsOn} | ${a.endsOn} | ${a.title} | ${a.body}`).join("\n");
    root.querySelector<HTMLElement>("#a-maj")!.textContent = b.updatedAt ? t.lastChange(parisWhen(b.updatedAt)) : t.never;
  };
  const res = await fetch(`/t/${slug}/api/devices/signage`, { cache: "no-store" });
  if (res.ok) fill((await res.json()) as PublishedBoard);
  form.dataset.loaded = "true";

  // France services' places into the form (services and hours, the next two weeks' permanences):
  // the agent reviews, then publishes.
  root.querySelector<HTMLButtonElement>("#a-reprendre")!.addEventListener("click", async () => {
    const { data, error, response } = await admin.api.GET("/api/france-services/places");
    if (!data) return void showProblem(form, toProblem(error, response.status));
    const { desks, permanences } = boardFromPlaces(data.places, { from: parisDay(), words: { weekdays: t.weekdays, range: t.range } });
    if (desks.length) field("desks").value = desks.map((d) => `${d.name} | ${d.hours}`).join("\n");
    field("permanences").value = permanences.map((p) => `${p.on} | ${p.hours} | ${p.who} | ${p.place}`).join("\n");
    notify(notice, t.fromPlaces(desks.length, permanences.length), "info");
  });

  // The kiosks and screens, and a kiosk's idle reset.
  const devicesState = root.querySelector<HTMLElement>("#bornes-etat")!;
  async function loadDevices() {
    const { data } = await api.GET("/api/devices/reception");
    const list = data?.devices ?? [];
    root.querySelector<HTMLElement>("#bornes")!.replaceChildren(
      table(
        t.devicesCaption,
        [t.colDevice, t.colKind, t.colState, t.colIdle],
        list.map((d) => [
          d.name,
          t.kinds[d.kind] ?? d.kind,
          d.online ? t.online : t.offline(d.lastSeenAt ? parisWhen(d.lastSeenAt) : null),
          d.idleMinutes !== null ? idleCell(d.id, d.name, d.idleMinutes) : t.notApplicable,
        ]),
        t.noDevices,
      ),
    );
  }
  function idleCell(id: string, name: string, minutes: number) {
    const cell = el("div");
    const input = el("input", undefined, { type: "number", min: "1", max: "60", inputmode: "numeric", "aria-label": t.idleFor(name) }) as HTMLInputElement;
    input.value = String(minutes);
    cell.append(
      input,
      " ",
      button(t.setIdle, t.setIdleFor(name), async () => {
        const { data, error, response } = await api.PUT("/api/devices/reception/{id}/idle", {
          params: { path: { id } },
          body: { idleMinutes: Number(input.value) },
        });
        if (!data) return void notify(devicesState, problemLine(error, response.status), "error");
        notify(devicesState, t.idleSet(name, Number(data.config.settings.idleMinutes)), "success");
        await loadDevices();
      }),
    );
    return cell;
  }
  await loadDevices();

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearProblem(form);
    const board = {
      panels: checked(form, "panels"),
      rotateSeconds: Number(field("rotateSeconds").value),
      links: checked(form, "links"),
      desks: lines(field("desks").value).map(([name = "", hours = ""]) => ({ name, hours })),
      permanences: lines(field("permanences").value).map(([on = "", hours = "", who = "", place = ""]) => ({ on, hours, who, place })),
      announcements: lines(field("announcements").value).map(([topic = "", startsOn = "", endsOn = "", title = "", body = ""]) => ({
        topic,
        startsOn,
        endsOn,
        title,
        body,
      })),
    } as unknown as Board;
    const { data, error, response } = await admin.api.PUT("/api/devices/signage", { body: board });
    if (data) {
      fill(data as PublishedBoard);
      return notify(notice, t.saved(data.version), "success");
    }
    showProblem(form, toProblem(error, response.status));
  });
}
