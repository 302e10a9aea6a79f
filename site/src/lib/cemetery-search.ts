/**
 * The public grave search: the form's name and years, asked of the API; the answers listed (the
 * deceased and the place only). A commune that has not opened the search says so.
 */
import { c } from "../i18n/cimetiere.fr.ts";
import { createApi } from "./api/client.ts";
import { el } from "./dom.ts";
import { notify } from "./kit/notice.ts";
import { toProblem } from "./kit/problem.ts";

export function startGraveSearch(form: HTMLFormElement) {
  const api = createApi(form.dataset.slug!);
  const status = document.getElementById("sepultures-statut")!;
  const list = document.getElementById("sepultures")!;
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    const year = (k: string) => {
      const v = String(f.get(k) ?? "").trim();
      return /^\d{4}$/.test(v) ? Number(v) : undefined;
    };
    const { data, error, response } = await api.GET("/api/cemetery/graves", {
      params: { query: { nom: String(f.get("nom") ?? ""), de: year("de"), a: year("a") } },
    });
    list.replaceChildren();
    if (!data) {
      const p = toProblem(error, response.status, c.failed);
      return notify(status, response.status === 404 ? c.searchOff : [p.detail, ...p.errors.map((e) => e.message)].join(" "), "error");
    }
    notify(status, c.found(data.graves.length), data.graves.length ? "success" : "info");
    list.append(
      ...data.graves.map((g) => {
        const li = el("li");
        li.append(
          el("strong", c.grave(g.firstName, g.name, g.birthYear, g.deathYear)),
          " — ",
          c.graveAt(g.place.cemetery, c.place(g.place.section, g.place.row, g.place.number)),
        );
        return li;
      }),
    );
  });
}
