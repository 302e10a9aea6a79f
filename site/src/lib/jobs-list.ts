/**
 * The job list's script (issue #24): the page is static (ADR 0044), so it hides the notices the
 * live API no longer lists (closed, or past their deadline since the build). No text and no API
 * client: a plain request, so the public list stays light.
 */

/** The references the live API lists as open, or null when it does not answer (the page stays as built). */
export async function openReferences(slug: string): Promise<Set<string> | null> {
  const res = await fetch(`/t/${slug}/api/recruitment/public/vacancies`, { headers: { accept: "application/json" } }).catch(() => null);
  if (!res?.ok) return null;
  const body = (await res.json().catch(() => null)) as { vacancies?: Array<{ reference: string }> } | null;
  return body?.vacancies ? new Set(body.vacancies.map((v) => v.reference)) : null;
}

export async function hideClosedNotices(root: HTMLElement): Promise<void> {
  const open = await openReferences(root.dataset.slug!);
  if (!open) return;
  const items = Array.from(root.querySelectorAll<HTMLLIElement>("li[data-ref]"));
  for (const li of items) li.hidden = !open.has(li.dataset.ref!);
  const shown = items.filter((li) => !li.hidden).length;
  root.querySelector<HTMLElement>("ul.offres")!.hidden = shown === 0;
  document.getElementById("emplois-vide")!.hidden = shown > 0;
}
