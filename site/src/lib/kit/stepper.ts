/**
 * A multi-step form's stepper (Stepper.astro): "Étape 2 sur 4 — …" above an ordered list whose
 * current step carries aria-current="step"; `showStep` moves it as the form goes on.
 */
import { kit } from "../../i18n/kit.fr.ts";

/** The state of each step when `current` (1-based) is the one being filled. */
export function stepStates(count: number, current: number): Array<"done" | "current" | "todo"> {
  return Array.from({ length: count }, (_, i) => (i + 1 < current ? "done" : i + 1 === current ? "current" : "todo"));
}

export function showStep(root: HTMLElement, current: number) {
  const items = Array.from(root.querySelectorAll<HTMLLIElement>("ol > li"));
  const states = stepStates(items.length, current);
  items.forEach((li, i) => {
    li.dataset.state = states[i];
    if (states[i] === "current") li.setAttribute("aria-current", "step");
    else li.removeAttribute("aria-current");
    const done = li.querySelector<HTMLElement>("[data-done]");
    if (done) done.hidden = states[i] !== "done";
  });
  const label = items[current - 1]?.querySelector("[data-step-label]")?.textContent ?? "";
  root.querySelector("[data-step-of]")!.textContent = kit.stepOf(current, items.length, label);
}
