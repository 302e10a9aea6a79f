/**
 * The main menu on narrow screens: a disclosure (WAI-ARIA APG). The button says whether the list is
 * shown (`aria-expanded`), Escape closes it and gives the focus back to the button. The stylesheet
 * folds it from the first paint where scripts run (`@media (scripting: enabled)`, so nothing moves
 * when this script starts); where they do not, the list is simply shown.
 */
const nav = document.querySelector<HTMLElement>("nav.menu");
const button = nav?.querySelector("button");
if (nav && button) {
  const set = (open: boolean) => button.setAttribute("aria-expanded", String(open));
  button.onclick = () => set(button.ariaExpanded !== "true");
  nav.onkeydown = (ev) => {
    if (ev.key === "Escape" && button.ariaExpanded === "true") {
      set(false);
      button.focus();
    }
  };
}
