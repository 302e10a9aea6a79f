/** The accessible list page (RGAA): landmarks, labelled form, headings per place, no script. */
import { listText as t } from "../messages.fr.ts";
import type { LayerView } from "../services/layers.ts";
import type { FeaturePage } from "../services/features.ts";
import { anchorOf, type MapGeometry } from "../services/geometry.ts";
import { escapeHtml as esc, safeHref } from "@communa/core/html";
import { hoursError, hoursInWords, hoursInWordsHtml } from "@communa/core/hours";

const CSS = `body{font:1rem/1.5 system-ui,sans-serif;margin:0;color:#1e1e1e}header,main,footer{max-width:64rem;margin:0 auto;padding:0 1rem}
a{color:#000091}.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
fieldset{border:1px solid #929292;margin:0 0 1rem}legend{font-weight:600}label{display:block}.hint{color:#595959;font-size:.9rem}
input[type=search],select{font:inherit;padding:.3rem;border:1px solid #6a6a6a;max-width:100%}button{font:inherit;padding:.4rem 1rem;background:#000091;color:#fff;border:1px solid #000091}
ol.lieux{list-style:none;padding:0}ol.lieux>li{border-top:1px solid #ddd;padding:.5rem 0}h3{margin:.25rem 0}.couche{color:#595959;font-size:.9rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.25rem 0}dt{color:#595959}dd{margin:0}
:focus-visible{outline:3px solid #000091;outline-offset:2px}nav ul{list-style:none;padding:0;display:flex;gap:1rem}`;

let styleSource: Promise<string> | undefined;

/**
 * The page's one stylesheet as a CSP source ('sha256-…'): the policy allows that stylesheet and no
 * other inline style (issue #25: no 'unsafe-inline' on public pages). Computed once, on first use.
 */
export function styleHash(): Promise<string> {
  styleSource ??= crypto.subtle.digest("SHA-256", new TextEncoder().encode(CSS)).then((d) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(d)))}'`);
  return styleSource;
}

export interface ListPage {
  tenant: string;
  siteUrl: string;
  action: string;
  layers: LayerView[];
  communes: Array<{ insee: string; name: string }>;
  chosen: string[];
  commune: string;
  q: string;
  page: number;
  pageSize: number;
  result: FeaturePage;
}

/**
 * Hours in words, as the directory's pages show them; a rule stored before the check, as written.
 * Many places share their rule (a commune's facilities): each rule is read once per day, not once
 * per place and request.
 */
const shownHours = new Map<string, string>();
function hoursShown(rule: string, at = new Date()): string {
  const key = `${at.toISOString().slice(0, 10)} ${rule}`;
  const hit = shownHours.get(key);
  if (hit !== undefined) return hit;
  const words = hoursError(rule) ? null : hoursInWords(rule, at);
  const html = !words ? esc(rule) : words.lines.length ? hoursInWordsHtml(words) : esc(t.hoursNone);
  if (shownHours.size >= 500) shownHours.clear();
  shownHours.set(key, html);
  return html;
}

function place(f: GeoJSON.Feature, layers: Map<string, LayerView>, siteUrl: string): string {
  const p = (f.properties ?? {}) as Record<string, unknown>;
  const layer = layers.get(String(p.layer));
  const name = String(p.name ?? "");
  const [lon, lat] = anchorOf(f.geometry as MapGeometry);
  const rows: string[] = [];
  if (p.address || p.commune) rows.push(`<dt>${t.address}</dt><dd>${esc([p.address, p.commune].filter(Boolean).join(", "))}</dd>`);
  for (const field of layer?.fields ?? []) {
    const v = p[field.key];
    if (v === undefined || v === null || v === "") continue;
    // A URL field holds web addresses only (checked on write); anything else is shown as text.
    const href = field.type === "url" ? safeHref(v) : null;
    const shown =
      field.type === "url"
        ? href
          ? `<a href="${esc(href)}">${esc(v)}</a>`
          : esc(v)
        : field.type === "phone"
          ? `<a href="tel:${esc(String(v).replace(/[^+\d]/g, ""))}">${esc(v)}</a>`
          : field.type === "boolean"
            ? v
              ? t.yes
              : t.no
            : field.type === "opening_hours"
              ? hoursShown(String(v))
              : `${esc(v)}${field.unit ? ` ${esc(field.unit)}` : ""}`;
    rows.push(`<dt>${esc(field.label)}</dt><dd>${shown}</dd>`);
  }
  const trail = p.trail as { figures?: { lengthKm: number; durationMinutes: number }; difficulty?: string } | undefined;
  if (trail?.figures) rows.push(`<dt>Parcours</dt><dd>${esc(t.trail(trail.figures.lengthKm, trail.figures.durationMinutes, trail.difficulty ?? ""))}</dd>`);
  const directions = `https://www.openstreetmap.org/directions?to=${lat.toFixed(6)}%2C${lon.toFixed(6)}`;
  return `<li>
<h3>${esc(name)}</h3>
<p class="couche">${esc(layer?.name ?? "")}</p>
${rows.length ? `<dl>${rows.join("")}</dl>` : ""}
<p><a href="${esc(`${siteUrl}/carte/#objet=${f.id}`)}" aria-label="${esc(t.openOnMap(name))}">Voir sur la carte</a> · <a href="${esc(directions)}" aria-label="${esc(t.directions(name))}">${t.directionsShort}</a></p>
</li>`;
}

export function renderList(v: ListPage): string {
  const byId = new Map(v.layers.map((l) => [l.id, l]));
  const total = Math.max(1, Math.ceil(v.result.numberMatched / v.pageSize));
  const categories = [...new Set(v.layers.map((l) => l.category))];
  const pageLink = (n: number) => {
    const u = new URLSearchParams();
    for (const c of v.chosen) u.append("couche", c);
    if (v.commune) u.set("commune", v.commune);
    if (v.q) u.set("q", v.q);
    u.set("page", String(n));
    return `${v.action}?${u}`;
  };
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(t.title(v.tenant))}</title><style>${CSS}</style></head>
<body>
<a class="skip" href="#resultats">${t.skip}</a>
<header><p><a href="${esc(v.siteUrl)}/">${esc(v.tenant)}</a> · <a href="${esc(v.siteUrl)}/carte/">${t.backToMap}</a></p></header>
<main id="contenu">
<h1>${esc(t.heading(v.tenant))}</h1>
<p>${t.intro}</p>
<form method="get" action="${esc(v.action)}">
<h2>${t.filters}</h2>
<fieldset><legend>${t.layers}</legend><p class="hint">${t.allLayersHint}</p>
${categories
  .map(
    (cat) =>
      `<fieldset><legend>${esc(cat)}</legend>${v.layers
        .filter((l) => l.category === cat)
        .map(
          (l) => `<label><input type="checkbox" name="couche" value="${l.id}"${v.chosen.includes(l.id) ? " checked" : ""}> ${esc(l.name)} (${l.count})</label>`,
        )
        .join("")}</fieldset>`,
  )
  .join("")}
</fieldset>
<p><label for="commune">${t.commune}</label><select id="commune" name="commune"><option value="">${t.anyCommune}</option>${v.communes
    .map((c) => `<option value="${c.insee}"${c.insee === v.commune ? " selected" : ""}>${esc(c.name)}</option>`)
    .join("")}</select></p>
<p><label for="q">${t.search}</label><input type="search" id="q" name="q" value="${esc(v.q)}" maxlength="200"></p>
<p><button type="submit">${t.apply}</button></p>
</form>
<h2 id="resultats" tabindex="-1">${t.results(v.result.numberMatched)}</h2>
${total > 1 ? `<p>${t.page(v.page, total)}</p>` : ""}
<ol class="lieux">${v.result.features.map((f) => place(f, byId, v.siteUrl)).join("\n")}</ol>
${
  total > 1
    ? `<nav aria-label="${t.pagination}"><ul>${v.page > 1 ? `<li><a href="${esc(pageLink(v.page - 1))}">${t.previous}</a></li>` : ""}${v.page < total ? `<li><a href="${esc(pageLink(v.page + 1))}">${t.next}</a></li>` : ""}</ul></nav>`
    : ""
}
</main>
<footer><p>${[...new Set(v.layers.map((l) => l.licence))].map((l) => esc(t.licence(l))).join(" · ")}</p></footer>
</body>
</html>`;
}
