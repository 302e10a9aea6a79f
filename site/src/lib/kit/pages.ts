/**
 * Which page numbers a server list's pager (Pagination.astro) links to: the first, the last, the
 * current one and its neighbours, a gap (null) where pages are left out.
 */
export function pageWindow(current: number, total: number, around = 1): Array<number | null> {
  const last = Math.max(1, total);
  const here = Math.min(Math.max(1, current), last);
  const shown = new Set([1, last]);
  for (let p = here - around; p <= here + around; p++) if (p >= 1 && p <= last) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: Array<number | null> = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1] === 2) out.push(p - 1);
    else if (i > 0 && p - sorted[i - 1] > 2) out.push(null);
    out.push(p);
  });
  return out;
}
