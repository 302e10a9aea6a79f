/**
 * The registry's list of premises (waste back office): the words searched and the page are kept in
 * the address (the kit's list table), so a search can be bookmarked and Back returns to it. The
 * commune is shown by its name (the tenant's communes, read once).
 */
import { d } from "../i18n/dechets.fr.ts";
import type { Api } from "./api/client.ts";
import { el } from "./dom.ts";
import { emptyContent } from "./kit/empty.ts";
import { listTable } from "./kit/list-table.ts";
import type { communeSearch } from "./kit/searches.ts";
import { euros, fill, row } from "./waste.ts";

const PAGE = 20;

export function premisesList(api: Api, communes: ReturnType<typeof communeSearch>, open: (id: string) => void) {
  const table = document.getElementById("t-locaux") as HTMLTableElement;
  const form = document.getElementById("f-recherche") as HTMLFormElement;
  return listTable(
    table,
    { filters: ["q"] as const, pageSize: PAGE },
    async (s) => {
      // One more than a page tells whether a next page exists (the API gives no total).
      const { data } = await api.GET("/api/waste/premises", { params: { query: { q: s.filters.q, limit: PAGE + 1, offset: (s.page - 1) * PAGE } } });
      const premises = data?.premises ?? [];
      const rows = await Promise.all(
        premises.slice(0, PAGE).map(async (p) => {
          const b = el("button", d.open, { type: "button", class: "secondaire", "aria-label": d.openLabel(p.reference) });
          b.addEventListener("click", () => open(p.id));
          const commune = (await communes.byInsee(p.communeInsee))?.name ?? p.communeInsee;
          return row([p.reference, p.address, commune, euros(p.rentalValueCents), p.occupantLinked ? d.yes : d.no, b]);
        }),
      );
      // An empty page says why and what to do: a search that found nothing, or a registry still empty.
      const q = s.filters.q;
      fill(table.tBodies[0], rows, 6, q ? emptyContent(d.noPremisesFound(q), d.noPremisesFoundNext) : emptyContent(d.noPremisesYet, d.noPremisesYetNext));
      return { rows: Array.from(table.tBodies[0].rows), total: (s.page - 1) * PAGE + premises.length, caption: d.premisesCaption };
    },
    form,
  );
}
