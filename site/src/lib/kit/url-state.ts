/**
 * A list's state kept in the address (RGAA: a filtered list can be bookmarked, shared, and comes back
 * with the Back button): `page`, `tri` (a column, `-` in front for descending) and the list's own
 * filters. Unknown or malformed values fall back to the defaults rather than failing.
 */
export interface ListState<F extends string = string> {
  page: number;
  sort: string | null;
  descending: boolean;
  filters: Partial<Record<F, string>>;
}

/** The state a query string holds, for a list with these filters and sortable columns. */
export function readListState<F extends string>(search: string | URLSearchParams, spec: { filters: readonly F[]; sorts?: readonly string[] }): ListState<F> {
  const q = typeof search === "string" ? new URLSearchParams(search) : search;
  const raw = Number(q.get("page"));
  const page = Number.isInteger(raw) && raw >= 1 ? raw : 1;
  const tri = q.get("tri") ?? "";
  const descending = tri.startsWith("-");
  const column = descending ? tri.slice(1) : tri;
  const sort = column && (spec.sorts ?? []).includes(column) ? column : null;
  const filters: Partial<Record<F, string>> = {};
  for (const f of spec.filters) {
    const v = q.get(f)?.trim();
    if (v) filters[f] = v;
  }
  return { page, sort, descending: sort !== null && descending, filters };
}

/** The query string of a state, defaults left out and keys in a fixed order (one address per state). */
export function listStateQuery<F extends string>(state: ListState<F>, spec: { filters: readonly F[] }): string {
  const q = new URLSearchParams();
  for (const f of spec.filters) {
    const v = state.filters[f]?.trim();
    if (v) q.set(f, v);
  }
  if (state.sort) q.set("tri", `${state.descending ? "-" : ""}${state.sort}`);
  if (state.page > 1) q.set("page", String(state.page));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** Writes the state into the address bar (a new history entry, so Back returns to the last state). */
export function pushListState<F extends string>(state: ListState<F>, spec: { filters: readonly F[] }) {
  const next = `${location.pathname}${listStateQuery(state, spec)}${location.hash}`;
  if (next !== `${location.pathname}${location.search}${location.hash}`) history.pushState(null, "", next);
}
