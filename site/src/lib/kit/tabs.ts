/**
 * Tabs (Tabs.astro), the ARIA tabs pattern as progressive enhancement: without JavaScript the
 * panels are plain sections one after the other, each with its heading. `tabs(root)` turns the
 * root's `[data-tab]` children into a tablist (automatic activation; Left / Right wrap around,
 * Home / End) and shows one panel at a time; the address' `#fragment` picks the first one shown
 * when it names a panel or something inside it.
 */
import { el } from "../dom.ts";

/** The tab a key moves to from `current` among `count`, or null for a key the tablist ignores. */
export function tabAfterKey(key: string, current: number, count: number): number | null {
  if (count < 1) return null;
  switch (key) {
    case "ArrowRight":
      return (current + 1) % count;
    case "ArrowLeft":
      return (current - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

export function tabs(root: HTMLElement) {
  const panels = Array.from(root.querySelectorAll<HTMLElement>(":scope > [data-tab]"));
  const list = el("div", undefined, { role: "tablist", "aria-label": root.dataset.label ?? "" });
  const buttons = panels.map((panel) => {
    const b = el("button", panel.dataset.tab ?? "", { type: "button", role: "tab", id: `${panel.id}-onglet`, "aria-controls": panel.id });
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", b.id);
    panel.tabIndex = 0;
    return b;
  });
  let current = 0;
  const select = (i: number, focus = false) => {
    current = i;
    buttons.forEach((b, n) => {
      b.setAttribute("aria-selected", String(n === i));
      b.tabIndex = n === i ? 0 : -1;
      panels[n].hidden = n !== i;
    });
    if (focus) buttons[i].focus();
  };
  buttons.forEach((b, n) => b.addEventListener("click", () => select(n)));
  list.addEventListener("keydown", (ev) => {
    const next = tabAfterKey(ev.key, current, buttons.length);
    if (next === null) return;
    ev.preventDefault();
    select(next, true);
  });
  list.append(...buttons);
  root.prepend(list);
  root.classList.add("onglets-actifs");
  const target = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  const start = target ? panels.findIndex((p) => p.contains(target)) : -1;
  select(Math.max(0, start));
  return {
    /** Shows the panel of that id (e.g. after an action that lands elsewhere). */
    show(id: string) {
      const n = panels.findIndex((p) => p.id === id);
      if (n >= 0) select(n);
    },
  };
}
