/**
 * The body of a listing's page, as HTML: one renderer for the static public page (at build time)
 * and for the merchant's and agents' preview in the back office (in the browser, from the API's
 * answer), so a preview shows exactly what will be published.
 */
import { a } from "../i18n/annuaire.fr.ts";
import { CHANNELS, LABELS } from "@communa/contracts/directory";
import { escapeHtml as esc, safeHref } from "@communa/core/html";
import { hoursInWordsHtml, weekInWords, type WeekSlot } from "@communa/core/hours-words";

export type { WeekSlot };

export interface ListingForPage {
  id: string;
  slug: string;
  name: string;
  siret: string;
  categoryLabel: string;
  description: string;
  address: string;
  commune: { name: string };
  lon: number;
  lat: number;
  phone: string | null;
  email: string | null;
  website: string | null;
  openingHours: string | null;
  labels: string[];
  languages: string[];
  products: Array<{ name: string; months: number[]; channels: string[] }>;
  photos?: Array<{ alt: string; width: number; height: number; variants: Array<{ width: number; url: string }> }>;
}

const LANGUAGES: Record<string, string> = {
  fr: "français",
  en: "anglais",
  de: "allemand",
  es: "espagnol",
  it: "italien",
  nl: "néerlandais",
  pt: "portugais",
  ar: "arabe",
  pl: "polonais",
  ro: "roumain",
  tr: "turc",
  zh: "chinois",
  ru: "russe",
  uk: "ukrainien",
};
export const languageName = (code: string) => LANGUAGES[code] ?? code;

export interface PageParts {
  listing: ListingForPage;
  /** The "open now" badge (filled in the browser), or "" when there are no hours. */
  openNowHtml: string;
  week: WeekSlot[];
  /** What public holidays change, in words (hoursInWords), when the page knows the rule's calendar. */
  holidays?: string | null;
  communeSlug: string;
  /** This month (1–12), for "in season". */
  month: number;
  /** The back office page where the listing's manager edits it (claim first). */
  manageHref: string;
}

/**
 * "Ouvert maintenant / ouvre à …", filled in the browser from the listing's open intervals (see
 * lib/directory.ts), in Paris time. Without JavaScript, or beyond the computed horizon, nothing is
 * claimed: the hours are on the page.
 */
export function openNowHtml(intervals: Array<[number, number]>, horizon: number): string {
  return `<span class="ouvert" data-intervals="${esc(JSON.stringify(intervals))}" data-horizon="${horizon}" data-open="${esc(a.openNow)}" data-closed="${esc(a.closedNow)}" data-closes="${esc(a.closesAt("{t}"))}" data-opens="${esc(a.opensAt("{t}"))}"></span>`;
}

/** A link when `href` is of an allowed scheme (web addresses by default), else the text alone. */
function link(href: string, text: string, schemes?: Parameters<typeof safeHref>[1]): string {
  const safe = safeHref(href, schemes);
  return safe ? `<a href="${esc(safe)}">${esc(text)}</a>` : esc(text);
}

/** Everything below the "back to the directory" link. */
export function listingBodyHtml({ listing: l, openNowHtml, week, holidays, communeSlug, month, manageHref }: PageParts): string {
  const row = (dt: string, dd: string) => `<div><dt>${esc(dt)}</dt><dd>${dd}</dd></div>`;
  const facts = [
    row(a.address, `${esc(l.address)}, ${esc(l.commune.name)}`),
    l.phone ? row(a.phone, link(`tel:${l.phone.replace(/[^+\d]/g, "")}`, l.phone, ["tel"])) : "",
    l.email ? row(a.email, link(`mailto:${l.email}`, l.email, ["mailto"])) : "",
    // The API accepts web addresses only; a row stored before that check shows as text, not a link.
    l.website ? row(a.website, link(l.website, l.website)) : "",
    l.labels.length ? row(a.labels, esc(l.labels.map((k) => (LABELS as Record<string, string>)[k] ?? k).join(", "))) : "",
    l.languages.length ? row(a.languages, esc(l.languages.map(languageName).join(", "))) : "",
  ].join("");
  const photos = (l.photos ?? [])
    .map((p, i) => {
      const largest = p.variants[p.variants.length - 1];
      const srcset = p.variants.map((v) => `${esc(v.url)} ${v.width}w`).join(", ");
      // The first photo is above the fold on a phone: not lazy; the others are.
      return `<figure><img src="${esc(largest.url)}" srcset="${srcset}" sizes="(max-width: 48rem) 100vw, 48rem" width="${p.width}" height="${p.height}" alt="${esc(p.alt)}" ${i ? 'loading="lazy" ' : ""}decoding="async" /></figure>`;
    })
    .join("");
  // The hours in words (days with the same hours grouped, closed days, holidays): the same words as
  // the map's sheet and list (@communa/core/hours-words). The OSM rule itself stays in the back office.
  const words = weekInWords(week);
  const hours = l.openingHours
    ? `<section aria-labelledby="horaires"><h2 id="horaires">${esc(a.hours)}</h2>${
        words.lines.length ? hoursInWordsHtml({ ...words, holidays }) : `<p>${esc(a.hoursNone)}</p>`
      }</section>`
    : "";
  const products = l.products.length
    ? `<section aria-labelledby="produits"><h2 id="produits">${esc(a.products)}</h2><ul>${l.products
        .map((p) => {
          const channels = p.channels.length ? ` · ${esc(p.channels.map((c) => (CHANNELS as Record<string, string>)[c] ?? c).join(", "))}` : "";
          const now = p.months.length === 0 || p.months.includes(month) ? ` <span class="muted">(${esc(a.inSeason)})</span>` : "";
          return `<li><strong>${esc(p.name)}</strong> — ${esc(a.season(p.months))}${channels}${now}</li>`;
        })
        .join("")}</ul></section>`
    : "";
  return [
    `<h1>${esc(l.name)}</h1>`,
    `<p class="kind">${esc(l.categoryLabel)} · ${esc(l.commune.name)} ${openNowHtml}</p>`,
    photos ? `<div class="photos">${photos}</div>` : "",
    l.description ? `<p>${esc(l.description)}</p>` : "",
    `<dl class="fiche-commerce">${facts}</dl>`,
    hours,
    products,
    `<p><a href="https://www.openstreetmap.org/directions?to=${l.lat}%2C${l.lon}">${esc(a.directions)}</a> · <a href="/${esc(communeSlug)}/carte/">${esc(a.onMap)}</a></p>`,
    `<p class="muted">${esc(a.siret)} : ${esc(l.siret)} · <a href="${esc(manageHref)}">${esc(a.manage)}</a></p>`,
  ].join("\n");
}
