/**
 * Tables that read as cards on a phone (DataTable.astro, kit.css): below 40rem each row is a card and
 * each cell shows its column's name before its value, taken from `data-label`. `labelCells` writes
 * those labels from the table's column headers (a cell spanning columns takes the first one's).
 */

/** The column label of each cell of a row, given the column headers and the cells' spans. */
export function labelsFor(headers: readonly string[], spans: readonly number[]): string[] {
  // One cell across every column (an empty list's sentence) belongs to no column.
  if (spans.length === 1 && headers.length > 1 && spans[0] >= headers.length) return [""];
  const out: string[] = [];
  let column = 0;
  for (const span of spans) {
    out.push(headers[column] ?? "");
    column += Math.max(1, span);
  }
  return out;
}

/** Writes `data-label` on every body cell of the table (call it after filling the body). */
export function labelCells(table: HTMLTableElement) {
  const head = table.tHead?.rows[0];
  if (!head) return;
  const headers = Array.from(head.cells, (c) => (c.textContent ?? "").trim());
  for (const body of Array.from(table.tBodies))
    for (const row of Array.from(body.rows)) {
      const cells = Array.from(row.cells);
      labelsFor(
        headers,
        cells.map((c) => c.colSpan),
      ).forEach((label, i) => {
        if (label) cells[i].dataset.label = label;
        else delete cells[i].dataset.label;
      });
    }
}

/** Keeps the labels written as the page refills the table (any code that fills it). */
export function keepCellsLabelled(table: HTMLTableElement) {
  labelCells(table);
  new MutationObserver(() => labelCells(table)).observe(table, { childList: true, subtree: true });
}
