/**
 * An empty list said in full, built by a script (EmptyState.astro's markup): what is missing, then
 * what happens next or what to do. In a table it fills one cell across the columns (`fill`).
 */
import { el } from "../dom.ts";

export function emptyContent(text: string, next?: string): DocumentFragment {
  const f = document.createDocumentFragment();
  f.append(el("p", text, { class: "vide-titre" }));
  if (next) f.append(el("p", next, { class: "vide-suite" }));
  return f;
}
