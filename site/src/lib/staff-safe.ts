/**
 * The agent's own digital safe (issue #23, staff:self): their documents with SHA-256 and versions,
 * downloads (each one inscribed in their journal by the API), the acknowledgement of an arrêté,
 * the ZIP of everything, and the journal of accesses with the chain's check.
 */
import { cf, types } from "../i18n/coffre.fr.ts";
import { apiUrl, type Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { button, emptyRow, parisWhen, row, startAdmin } from "./admin-common.ts";
import { notify } from "./kit/notice.ts";
import { toProblem } from "./kit/problem.ts";

type Doc = Schemas["DocumentCoffre"];

const day = (iso: string) => parisWhen(iso).split(" ")[0];

export async function startMySafe(root: HTMLElement): Promise<void> {
  const start = await startAdmin(root, "staff:self");
  if (!start) return;
  const { api, slug } = start;
  const state = document.getElementById("c-etat")!;
  (document.getElementById("export") as HTMLAnchorElement).href = apiUrl(slug, "/api/staff/me/export");

  function stateOf(d: Doc): Node {
    if (d.status === "superseded") return document.createTextNode(cf.superseded(d.version));
    if (d.type !== "decree") return document.createTextNode(cf.current(d.version));
    if (d.acknowledgedAt) return document.createTextNode((d.acknowledgedVia === "paper" ? cf.acknowledgedPaper : cf.acknowledged)(day(d.acknowledgedAt)));
    return button(
      cf.acknowledge,
      cf.acknowledgeLabel(d.title),
      async () => {
        const { data, error, response } = await api.POST("/api/staff/me/documents/{documentId}/acknowledgement", { params: { path: { documentId: d.id } } });
        if (!data) return notify(state, toProblem(error, response.status).detail, "error");
        notify(state, cf.ackDone, "success");
        await load();
      },
      false,
    );
  }

  async function loadJournal(titles: Map<string, string>) {
    const { data } = await api.GET("/api/staff/me/journal");
    if (!data) return;
    notify(document.getElementById("j-etat")!, data.intact ? cf.journalIntact : cf.journalBroken(data.brokenAt ?? 0), data.intact ? "success" : "error");
    const rows = [...data.entries]
      .reverse()
      .map((e) => row([parisWhen(e.at), cf.who[e.actorRole], cf.what[e.action], e.documentId ? (titles.get(e.documentId) ?? "—") : "—"]));
    document.getElementById("journal")!.replaceChildren(...(rows.length ? rows : [emptyRow(4, cf.none)]));
  }

  async function load() {
    const { data, error, response } = await api.GET("/api/staff/me/documents");
    if (!data) {
      notify(state, response.status === 404 ? cf.notAgent : toProblem(error, response.status).detail, "error");
      return;
    }
    const titles = new Map(data.documents.map((d) => [d.id, d.title]));
    const rows = data.documents.map((d) => {
      const link = el("a", cf.download, { href: apiUrl(slug, `/api/staff/me/documents/${d.id}/file`), "aria-label": cf.downloadLabel(d.title), download: "" });
      return row([d.title, types[d.type], day(d.depositedAt), stateOf(d), el("code", d.sha256.slice(0, 16), { title: d.sha256 }), link]);
    });
    document.getElementById("documents")!.replaceChildren(...(rows.length ? rows : [emptyRow(6, cf.none)]));
    await loadJournal(titles);
  }

  await load();
}
