/**
 * The body of a listing's page, as HTML: one renderer for the static public page (at build time)
 * and for the merchant's and agents' preview in the back office (in the browser, from the API's
 * answer), so a preview shows exactly what will be published.
 */
import { a } from "../i18n/annuaire.fr.ts";
import { CHANNELS, LABELS } from "@communa/directory/categories";

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

/** One weekly opening slot, as in schema.org's OpeningHoursSpecification. */
export interface WeekSlot {
  dayOfWeek: string;
  opens: string;
  closes: string;
}

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => ESC[c]);

/** Only web addresses are made into links (a listing's URL is checked by the API, this is a second guard). */
const safeUrl = (u: string) => (/^https?:\/\//i.test(u) ? u : "#");

const LANGUAGES: Record<string, string> = { fr: "français", en: "anglais", de: "allemand", es: "espagnol", it: "italien", nl: "néerlandais", pt: "portugais", ar: "arabe", pl: "polonais", ro: "roumain", tr: "turc", zh: "chinois", ru: "russe", uk: "ukrainien" };
export const languageName = (code: string) => LANGUAGES[code] ?? code;

export interface PageParts {
  listing: ListingForPage;
  /** The "open now" badge (filled in the browser), or "" when there are no hours. */
  openNowHtml: string;
  week: WeekSlot[];
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

/** Everything below the "back to the directory" link. */
export function listingBodyHtml({ listing: l, openNowHtml, week, communeSlug, month, manageHref }: PageParts): string {
  const row = (dt: string, dd: string) => `<div><dt>${esc(dt)}</dt><dd>${dd}</dd></div>`;
  const facts = [
    row(a.address, `${esc(l.address)}, ${esc(l.commune.name)}`),
    l.phone ? row(a.phone, `<a href="tel:${esc(l.phone.replace(/[^+\d]/g, ""))}">${esc(l.phone)}</a>`) : "",
    l.email ? row(a.email, `<a href="mailto:${esc(l.email)}">${esc(l.email)}</a>`) : "",
    l.website ? row(a.website, `<a href="${esc(safeUrl(l.website))}">${esc(l.website)}</a>`) : "",
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
  const hours = l.openingHours
    ? `<section aria-labelledby="horaires"><h2 id="horaires">${esc(a.hours)}</h2><table><caption class="visually-hidden">${esc(a.hours)}</caption><tbody>${week
        .map((s) => `<tr><th scope="row">${esc(a.days[s.dayOfWeek.split("/").pop()!] ?? s.dayOfWeek)}</th><td>${esc(s.opens)} – ${esc(s.closes)}</td></tr>`)
        .join("")}</tbody></table><p class="muted">${esc(a.hoursRule)} : <code>${esc(l.openingHours)}</code></p></section>`
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
