/**
 * The display editor (ADR 0046): reads the board, fills the form (lists as one line per item,
 * fields split by « | »), publishes it; the API's French problems land beside their field.
 */
import type { Board, PublishedBoard } from "@communa/contracts/signage";
import { editor as t } from "../i18n/borne.fr.ts";
import { checked, parisWhen, startAdmin } from "./admin-common.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";

const lines = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.split("|").map((f) => f.trim()));

export async function startDisplayEditor(root: HTMLElement) {
  const admin = await startAdmin(root, "france-services:write");
  if (!admin) return;
  const { slug } = admin;
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
