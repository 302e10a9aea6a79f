/**
 * A DataTable.astro list driven from the address: sort buttons (aria-sort), a pager, an optional
 * filter form whose fields are named after the filters; each change pushes the state into the
 * address (url-state.ts) and reloads, and Back / Forward come back to the state they show. Each
 * body cell gets its column's name as `data-label` (a card per row on a phone, cell-labels.ts).
 */
import { kit } from "../../i18n/kit.fr.ts";
import { labelCells } from "./cell-labels.ts";
import { pushListState, readListState, type ListState } from "./url-state.ts";

export interface ListPage {
  rows: HTMLTableRowElement[];
  total: number;
  caption: string;
}
export interface ListSpec<F extends string> {
  filters: readonly F[];
  sorts?: readonly string[];
  pageSize: number;
}

export function listTable<F extends string>(
  table: HTMLTableElement,
  spec: ListSpec<F>,
  load: (s: ListState<F>) => Promise<ListPage>,
  filterForm?: HTMLFormElement,
) {
  const pager = document.querySelector<HTMLElement>(`[data-pager="${table.id}"]`);
  let state = readListState<F>(location.search, spec);

  // The filter fields show the address's state on start and on Back / Forward only: a reload
  // (after a save elsewhere on the page) must not overwrite what the user is typing.
  function showFilters() {
    if (!filterForm) return;
    for (const f of spec.filters) {
      const input = filterForm.elements.namedItem(f) as HTMLInputElement | null;
      if (input) input.value = state.filters[f] ?? "";
    }
  }
  showFilters();

  async function render() {
    for (const th of Array.from(table.tHead!.querySelectorAll("th[aria-sort]"))) {
      const col = th.querySelector<HTMLButtonElement>("[data-sort]")!.dataset.sort;
      th.setAttribute("aria-sort", col === state.sort ? (state.descending ? "descending" : "ascending") : "none");
    }
    const page = await load(state);
    table.tBodies[0].replaceChildren(...page.rows);
    labelCells(table);
    table.caption!.textContent = page.caption;
    const pages = Math.max(1, Math.ceil(page.total / spec.pageSize));
    if (pager) {
      pager.hidden = pages <= 1;
      pager.querySelector("[data-page-of]")!.textContent = kit.pageOf(Math.min(state.page, pages), pages);
      pager.querySelector<HTMLButtonElement>('[data-page="previous"]')!.disabled = state.page <= 1;
      pager.querySelector<HTMLButtonElement>('[data-page="next"]')!.disabled = state.page >= pages;
    }
  }
  const go = (next: ListState<F>) => {
    state = next;
    pushListState(state, spec);
    return render();
  };
  table.tHead!.addEventListener("click", (ev) => {
    const b = (ev.target as HTMLElement).closest<HTMLButtonElement>("[data-sort]");
    if (!b) return;
    const col = b.dataset.sort!;
    void go({ ...state, page: 1, sort: col, descending: state.sort === col ? !state.descending : false });
  });
  pager?.addEventListener("click", (ev) => {
    const b = (ev.target as HTMLElement).closest<HTMLButtonElement>("[data-page]");
    if (b) void go({ ...state, page: state.page + (b.dataset.page === "next" ? 1 : -1) });
  });
  filterForm?.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const data = new FormData(filterForm);
    const filters: Partial<Record<F, string>> = {};
    for (const f of spec.filters) {
      const v = String(data.get(f) ?? "").trim();
      if (v) filters[f] = v;
    }
    void go({ ...state, page: 1, filters });
  });
  addEventListener("popstate", () => {
    state = readListState<F>(location.search, spec);
    showFilters();
    void render();
  });
  return {
    reload: render,
    get state() {
      return state;
    },
  };
}
