/** One DOM element with its text and attributes (the browser scripts build their lists with it). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/**
 * Puts a stylesheet of the site in the page (once) and resolves when it applies. For what a page
 * loads only on request: Astro inlines into the page every stylesheet its scripts import, even
 * through a lazy `import()`, so such stylesheets are imported as addresses (`…css?url`) instead.
 */
export function useStylesheet(href: string): Promise<void> {
  const known = Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')).find((l) => l.getAttribute("href") === href);
  if (known?.sheet) return Promise.resolve();
  const link = known ?? Object.assign(document.createElement("link"), { rel: "stylesheet", href });
  const loaded = new Promise<void>((resolve, reject) => {
    link.addEventListener("load", () => resolve(), { once: true });
    link.addEventListener("error", () => reject(new Error(`feuille de style introuvable : ${href}`)), { once: true });
  });
  if (!known) document.head.append(link);
  return loaded;
}
