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
  // Each list is one tenant's (a commune's own, its intercommunality's): each asks its own API.
  for (const list of Array.from(root.querySelectorAll<HTMLUListElement>("ul.offres[data-tenant]"))) {
    const open = await openReferences(list.dataset.tenant!);
    if (!open) continue;
    const items = Array.from(list.querySelectorAll<HTMLLIElement>("li[data-ref]"));
    for (const li of items) li.hidden = !open.has(li.dataset.ref!);
    const shown = items.filter((li) => !li.hidden).length;
    const own = list.dataset.tenant === root.dataset.slug;
    if (own) {
      list.hidden = shown === 0;
      document.getElementById("emplois-vide")!.hidden = shown > 0;
    } else (list.closest("section") ?? list).hidden = shown === 0;
  }
}
