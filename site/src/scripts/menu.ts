/**
 * The main menu on narrow screens: a disclosure (WAI-ARIA APG). The button says whether the list is
 * shown (`aria-expanded`), Escape closes it and gives the focus back to the button. Marking the menu
 * `data-js` is what lets the stylesheet fold it: without this script the list is simply shown.
 */
const nav = document.querySelector<HTMLElement>("nav.menu");
const button = nav?.querySelector<HTMLButtonElement>(".menu-bouton");
if (nav && button) {
  const open = () => button.getAttribute("aria-expanded") === "true";
  const set = (value: boolean) => button.setAttribute("aria-expanded", String(value));
  button.addEventListener("click", () => set(!open()));
  nav.addEventListener("keydown", (ev) => {
    if (ev.key !== "Escape" || !open() || getComputedStyle(button).display === "none") return;
    set(false);
    button.focus();
  });
  nav.dataset.js = "";
}
