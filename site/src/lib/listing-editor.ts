/**
 * Browser helpers shared by the merchant's page and the agents' page of the directory back office:
 * the preview of a listing's public page (same renderer as the static page), the photo panel, and
 * the display of an API problem next to the form.
 */
import { el } from "./dom.ts";
import { g } from "../i18n/gestion.fr.ts";
import { listingBodyHtml, type ListingForPage, type WeekSlot } from "./listing-html.ts";
import { slugify } from "@communa/core/slug";

export interface EditorListing extends ListingForPage {
  status: string;
  photos: Array<{ id: string; alt: string; width: number; height: number; variants: Array<{ width: number; url: string }> }>;
}

export interface Api {
  base: string;
  csrf: string;
}

/** Shows a problem+json answer: its detail in the status line, each field's message in the list. */
export async function showProblem(res: Response, status: HTMLElement, errors: HTMLElement): Promise<void> {
  const problem = (await res.json().catch(() => ({}))) as { detail?: string; title?: string; errors?: Array<{ path: string; message: string }> };
  status.textContent = problem.detail ?? problem.title ?? g.failed;
  errors.replaceChildren(...(problem.errors ?? []).map((e) => el("li", e.message)));
}

/**
 * Renders the listing as its public page will show it, in a labelled region after the form. The
 * weekly hours come from the API's JSON-LD (computed by the same library as the static build).
 */
export async function preview(api: Api, listing: EditorListing, into: HTMLElement): Promise<void> {
  const ld = await fetch(`${api.base}/directory/businesses/${listing.id}/jsonld`, { headers: { "cache-control": "no-cache" } });
  const week = ld.ok ? (((await ld.json()) as { openingHoursSpecification?: WeekSlot[] }).openingHoursSpecification ?? []) : [];
  const commune = slugify(listing.commune.name);
  const frame = el("section", undefined, { class: "apercu", "aria-labelledby": `apercu-${listing.id}`, tabindex: "-1" });
  frame.append(el("h2", g.previewHeading(listing.name), { id: `apercu-${listing.id}`, class: "apercu-titre" }));
  const body = el("div");
  // The renderer escapes every value it inserts (lib/listing-html.ts).
  body.innerHTML = listingBodyHtml({ listing, openNowHtml: "", week, communeSlug: commune, month: new Date().getMonth() + 1, manageHref: "#" });
  // Inside the preview the page's own title is not the document's: one level down.
  body.querySelector("h1")?.replaceWith(Object.assign(el("p", listing.name), { className: "apercu-nom" }));
  body.querySelectorAll("h2").forEach((h) => h.replaceWith(Object.assign(el("h3", h.textContent ?? ""), { id: h.id })));
  frame.append(body);
  into.replaceChildren(frame);
  frame.focus();
}

/**
 * The photos of a listing: each with its text and a "Retirer" button, and a form to add one (file
 * and its alternative text, both required). `path` is "/businesses/<id>" or "/my/businesses/<id>".
 */
export function photoPanel(api: Api, listing: EditorListing, path: string, onChange: () => Promise<void>): HTMLElement {
  const box = el("fieldset", undefined, { class: "photos-gestion" });
  box.append(el("legend", g.photos));
  const status = el("p", undefined, { role: "status" });
  const errors = el("ul", undefined, { class: "erreurs" });
  const list = el("ul");
  for (const p of listing.photos) {
    const li = el("li");
    const thumb = p.variants[0];
    const remove = el("button", g.photoRemove, { type: "button", class: "secondaire", "aria-label": `${g.photoRemove} : ${p.alt}` });
    remove.addEventListener("click", async () => {
      const r = await fetch(`${api.base}/directory${path}/photos/${p.id}`, { method: "DELETE", headers: { "x-csrf-token": api.csrf } });
      if (!r.ok) return void (await showProblem(r, status, errors));
      await onChange();
    });
    li.append(el("img", undefined, { src: thumb.url, alt: p.alt, width: "160", height: String(Math.round((160 * p.height) / p.width)) }), " ", remove);
    list.append(li);
  }
  const fileId = `photo-${listing.id}`;
  const altId = `photo-alt-${listing.id}`;
  const form = el("div");
  form.append(
    el("label", g.photoFile, { for: fileId }),
    el("input", undefined, { id: fileId, type: "file", accept: "image/jpeg,image/png,image/webp" }),
    el("label", g.photoAlt, { for: altId }),
    el("input", undefined, { id: altId, maxlength: "250", "aria-describedby": `${altId}-aide` }),
    el("span", g.photoAltHint, { id: `${altId}-aide`, class: "muted" }),
  );
  const add = el("button", g.photoAdd, { type: "button" });
  add.addEventListener("click", async () => {
    const file = (document.getElementById(fileId) as HTMLInputElement).files?.[0];
    const data = new FormData();
    if (file) data.set("photo", file);
    data.set("alt", (document.getElementById(altId) as HTMLInputElement).value);
    status.textContent = g.photoSending;
    const r = await fetch(`${api.base}/directory${path}/photos`, { method: "POST", headers: { "x-csrf-token": api.csrf }, body: data });
    if (!r.ok) return void (await showProblem(r, status, errors));
    await onChange();
  });
  form.append(add);
  box.append(list, form, status, errors);
  return box;
}
