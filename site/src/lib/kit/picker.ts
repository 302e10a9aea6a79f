/**
 * Search-as-you-type pickers (the ARIA 1.2 combobox with a listbox): the agent types a name, an
 * address or a number and picks; the form sends the chosen item's identifier from a hidden input,
 * so nobody types an INSEE code or a UUID. `search` asks an existing list or search endpoint.
 */
import { kit } from "../../i18n/kit.fr.ts";
import { el } from "../dom.ts";

export interface PickerOption {
  id: string;
  label: string;
  hint?: string;
}
export type PickerSearch = (q: string, signal: AbortSignal) => Promise<PickerOption[]>;

/** Wires a Picker.astro block; returns a way to set or clear the choice from code. */
export function picker(root: HTMLElement, search: PickerSearch, onPick?: (o: PickerOption | null) => void) {
  const input = root.querySelector<HTMLInputElement>("[role=combobox]")!;
  const list = root.querySelector<HTMLUListElement>("[role=listbox]")!;
  const value = root.querySelector<HTMLInputElement>("input[type=hidden]")!;
  const status = root.querySelector<HTMLElement>("[data-picker-status]")!;
  let options: PickerOption[] = [];
  let active = -1;
  let pending: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const choose = (o: PickerOption | null) => {
    value.value = o?.id ?? "";
    input.value = o?.label ?? "";
    input.dataset.chosen = o ? "true" : "false";
    status.textContent = o ? kit.pickerChosen(o.label) : "";
    close();
    onPick?.(o);
  };
  const highlight = (i: number) => {
    active = i;
    Array.from(list.children).forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
    if (i >= 0) input.setAttribute("aria-activedescendant", `${list.id}-${i}`);
    else input.removeAttribute("aria-activedescendant");
  };
  const render = () => {
    list.replaceChildren(
      ...options.map((o, i) => {
        const li = el("li", o.label, { id: `${list.id}-${i}`, role: "option", "aria-selected": "false" });
        if (o.hint) li.append(" ", el("span", o.hint, { class: "muted" }));
        // mousedown, not click: the input's blur would close the list first.
        li.addEventListener("mousedown", (ev) => {
          ev.preventDefault();
          choose(o);
        });
        return li;
      }),
    );
    list.hidden = options.length === 0;
    input.setAttribute("aria-expanded", String(options.length > 0));
    status.textContent = options.length ? kit.pickerCount(options.length) : kit.pickerNone;
  };

  input.addEventListener("input", () => {
    value.value = "";
    input.dataset.chosen = "false";
    const q = input.value.trim();
    clearTimeout(timer);
    pending?.abort();
    if (q.length < 2) return void ((options = []), render(), close());
    // A short pause between keystrokes before asking: one request per word, not per letter.
    timer = setTimeout(() => {
      const ctrl = (pending = new AbortController());
      search(q, ctrl.signal)
        .then((found) => {
          if (ctrl.signal.aborted) return;
          options = found.slice(0, 20);
          render();
          highlight(-1);
        })
        .catch(() => undefined);
    }, 200);
  });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" && options.length) {
      ev.preventDefault();
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight((active + 1) % options.length);
    } else if (ev.key === "ArrowUp" && options.length) {
      ev.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (ev.key === "Enter" && !list.hidden && active >= 0) {
      ev.preventDefault();
      choose(options[active]);
    } else if (ev.key === "Escape") close();
  });
  input.addEventListener("blur", close);
  return {
    set: choose,
    get value() {
      return value.value;
    },
  };
}
