/**
 * The collection days form of a tenant home (CollectionDays.astro): the street field's suggestions
 * are the chosen commune's streets (one small list per commune, read once, filtered by the
 * browser's <datalist>); the answer, in the live region, is one line per waste stream with its
 * day(s), or, for a street the rounds do not know, close names and how to ask the waste service.
 * Text only through textContent (lib/dom.ts): a street is whatever the resident typed.
 */
import type { CollectionDays, CollectionStreets } from "@communa/contracts/map";
import { h } from "../i18n/home.fr.ts";
import { el } from "./dom.ts";

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`${url} : ${res.status}`);
  return (await res.json()) as T;
}

function contactLine(root: HTMLElement): string {
  const { service = "", phone = "", email = "" } = root.dataset;
  const ways = [phone && h.contactPhone(phone), email && h.contactEmail(email)].filter(Boolean);
  return h.collectionWhatNow(service) + (ways.length ? h.contactBy(ways.join(h.contactOr)) : h.contactNone);
}

export function startCollectionDays(root: HTMLElement) {
  const api = root.dataset.api!;
  const form = root.querySelector<HTMLFormElement>("form")!;
  const commune = form.querySelector<HTMLSelectElement>("#collecte-commune")!;
  const street = form.querySelector<HTMLInputElement>("#collecte-rue")!;
  const list = root.querySelector<HTMLDataListElement>("#collecte-rues")!;
  const answer = root.querySelector<HTMLElement>("#collecte-reponse")!;
  const streetsOf = new Map<string, Promise<string[]>>();
  const communeName = () => commune.selectedOptions[0]?.textContent ?? "";

  const streets = (insee: string) => {
    let p = streetsOf.get(insee);
    if (!p) {
      p = getJson<CollectionStreets>(`${api}/collection-days/streets?commune=${encodeURIComponent(insee)}`).then((a) => a.streets);
      p.catch(() => streetsOf.delete(insee));
      streetsOf.set(insee, p);
    }
    return p;
  };
  const suggest = async () => {
    const insee = commune.value;
    const names = await streets(insee).catch(() => [] as string[]);
    if (commune.value !== insee) return;
    list.replaceChildren(...names.map((n) => el("option", undefined, { value: n })));
  };

  const show = (...nodes: Node[]) => answer.replaceChildren(...nodes);

  function render(a: CollectionDays, names: string[]) {
    if (a.street === null) {
      if (!names.length) return show(el("p", h.collectionNoRounds(communeName())), mapLink());
      const parts: Node[] = [el("p", h.collectionUnknown(a.query, communeName()))];
      if (a.suggestions.length) {
        const ul = el("ul", undefined, { class: "collecte-suggestions" });
        for (const s of a.suggestions) {
          const b = el("button", s, { type: "button" });
          b.addEventListener("click", () => {
            street.value = s;
            void ask();
          });
          ul.append(el("li"));
          ul.lastElementChild!.append(b);
        }
        parts.push(el("p", h.collectionSuggestions), ul);
      }
      parts.push(el("p", contactLine(root)));
      return show(...parts);
    }
    const ul = el("ul", undefined, { class: "collecte-flux" });
    for (const s of a.streams) {
      const li = el("li");
      li.append(el("strong", s.stream), " : ");
      if (!s.rounds.length) li.append(h.collectionNone);
      else {
        const days = [...new Set(s.rounds.map((r) => r.day))];
        const trucks = [...new Set(s.rounds.map((r) => r.truck).filter((t): t is string => t !== null))];
        li.append(el("span", h.collectionDay(h.collectionDays(days)), { class: "jour" }));
        if (trucks.length === 1) li.append(` (${h.collectionTruck(trucks[0])})`);
      }
      ul.append(li);
    }
    show(el("p", h.collectionAnswerFor(a.street, communeName())), ul);
  }
  const mapLink = () => {
    const p = el("p");
    p.append(el("a", h.collectionMapLink, { href: root.dataset.map! }));
    return p;
  };

  async function ask() {
    const typed = street.value.trim();
    if (!typed) {
      show(el("p", h.collectionEmptyStreet));
      street.focus();
      return;
    }
    show(el("p", h.collectionLoading));
    const insee = commune.value;
    try {
      const [a, names] = await Promise.all([
        getJson<CollectionDays>(`${api}/collection-days?commune=${encodeURIComponent(insee)}&street=${encodeURIComponent(typed.slice(0, 120))}`),
        streets(insee).catch(() => [] as string[]),
      ]);
      render(a, names);
    } catch {
      show(el("p", h.collectionFailed), mapLink());
    }
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void ask();
  });
  commune.addEventListener("change", () => {
    answer.replaceChildren();
    void suggest();
  });
  street.addEventListener("focus", () => void suggest(), { once: true });
}
