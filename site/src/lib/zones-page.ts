/**
 * The public activity-zones page (issue #21): each zone with its land still for sale (units and
 * hectares), the plots' table and the economic service's contact. Read from the public API
 * (`GET /api/economy/public/zones`); data reaches the page as text nodes only (el()).
 */
import { hectares, z } from "../i18n/zones.fr.ts";
import type { Schemas } from "./api/client.ts";
import { el } from "./dom.ts";

export type PublicZone = Schemas["ZonePublique"];

function plotsTable(zone: PublicZone): HTMLElement {
  const caption = z.plotsCaption(zone.name);
  const t = el("table");
  t.append(el("caption", caption));
  const head = el("tr");
  for (const h of [z.colPlot, z.colSurface, z.colSale, z.colDevelopment, z.colPrice]) head.append(el("th", h, { scope: "col" }));
  t.append(el("thead"));
  t.tHead!.append(head);
  const body = el("tbody");
  for (const p of zone.plots) {
    const tr = el("tr");
    tr.append(el("th", p.code, { scope: "row" }));
    tr.append(
      el("td", hectares(p.grossHa)),
      el("td", p.saleStage),
      el("td", p.developmentStage),
      el("td", `${z.price(p.priceM2Cents)}${p.turnkey ? z.turnkey : ""}`),
    );
    body.append(tr);
  }
  t.append(body);
  const wrap = el("div", undefined, { class: "tableau-defilant", tabindex: "0", role: "region", "aria-label": caption });
  wrap.append(t);
  return wrap;
}

function zoneCard(zone: PublicZone, index: number): HTMLElement {
  const id = `zone-${index}`;
  const s = el("article", undefined, { class: "zone", "aria-labelledby": id, "data-zone": zone.code });
  s.append(el("h3", zone.name, { id }));
  s.append(el("p", z.zoneFacts(zone.commune, zone.vocation, hectares(zone.grossHa))));
  s.append(el("p", z.available(zone.plots.length, hectares(zone.availableHa)), { class: "disponible" }));
  if (zone.plots.length) s.append(plotsTable(zone));
  const contact = el("p", undefined, { class: "contact" });
  contact.append(el("strong", z.contactLine(zone.contact.service)), " ");
  contact.append(el("a", zone.contact.email, { href: `mailto:${zone.contact.email}` }));
  if (zone.contact.phone) contact.append(" — ", el("a", zone.contact.phone, { href: `tel:${zone.contact.phone.replace(/\s/g, "")}` }));
  s.append(contact);
  return s;
}

/** Fills `into` with the zones (those of `commune` only, when given), and says how many in `status`. */
export function renderZones(into: HTMLElement, status: HTMLElement, zones: PublicZone[], commune: string | null): void {
  const shown = commune ? zones.filter((x) => x.commune === commune) : zones;
  if (!shown.length) {
    status.textContent = z.none;
    into.replaceChildren();
    return;
  }
  const plots = shown.reduce((n, x) => n + x.plots.length, 0);
  const surface = shown.reduce((n, x) => n + x.availableHa, 0);
  status.textContent = z.summary(shown.length, plots, hectares(surface));
  into.replaceChildren(...shown.map(zoneCard));
}
