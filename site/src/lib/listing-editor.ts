/**
 * Browser helpers shared by the merchant's page and the agents' page of the directory back office:
 * the preview of a listing's public page (same renderer as the static page) and the photo panel,
 * whose problems the kit's reader puts beside the file and its text (ADR 0026).
 */
import { el } from "./dom.ts";
import { g } from "../i18n/gestion.fr.ts";
import { apiUrl, type Api, type Schemas } from "./api/client.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";
import { listingBodyHtml, type WeekSlot } from "./listing-html.ts";
import { slugify } from "@communa/core/slug";

/** A listing as the API answers it (the directory's `Fiche`). */
export type EditorListing = Schemas["Fiche"];

/** Whose page the panel is on: the agents' (any listing of the tenant) or the merchant's (their own). */
export type PhotoOwner = "agent" | "merchant";

/**
 * Renders the listing as its public page will show it, in a labelled region after the form. The
 * weekly hours come from the API's JSON-LD (computed by the same library as the static build).
 */
export async function preview(slug: string, listing: EditorListing, into: HTMLElement): Promise<void> {
  // JSON-LD is read as it is served (schema.org), not through the client's typed answer.
  const ld = await fetch(apiUrl(slug, `/api/directory/businesses/${listing.id}/jsonld`), { headers: { "cache-control": "no-cache" } });
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
 * and its alternative text, both required), on the typed client (the session's CSRF token included).
 */
export function photoPanel(api: Api, listing: EditorListing, owner: PhotoOwner, onChange: () => Promise<void>): HTMLElement {
  const box = el("fieldset", undefined, { class: "photos-gestion" });
  box.append(el("legend", g.photos), el("div", undefined, { class: "resume-erreurs", "data-problem-summary": "", tabindex: "-1", hidden: "" }));
  const status = el("p", undefined, { class: "notice", role: "status", "aria-live": "polite" });
  const list = el("ul");
  for (const p of listing.photos) {
    const li = el("li");
    const thumb = p.variants[0];
    const remove = el("button", g.photoRemove, { type: "button", class: "secondaire", "aria-label": `${g.photoRemove} : ${p.alt}` });
    remove.addEventListener("click", async () => {
      const params = { path: { businessId: listing.id, photoId: p.id } };
      const { error, response } =
        owner === "agent"
          ? await api.DELETE("/api/directory/businesses/{businessId}/photos/{photoId}", { params })
          : await api.DELETE("/api/directory/my/businesses/{businessId}/photos/{photoId}", { params });
      if (error) return void showProblem(box, toProblem(error, response.status, g.failed));
      await onChange();
    });
    li.append(el("img", undefined, { src: thumb.url, alt: p.alt, width: "160", height: String(Math.round((160 * p.height) / p.width)) }), " ", remove);
    list.append(li);
  }
  const fileId = `photo-${listing.id}`;
  const altId = `photo-alt-${listing.id}`;
  const fileP = el("p", undefined, { class: "champ" });
  fileP.append(
    el("label", g.photoFile, { for: fileId }),
    " ",
    el("input", undefined, { id: fileId, name: "photo", type: "file", accept: "image/jpeg,image/png,image/webp" }),
  );
  const altP = el("p", undefined, { class: "champ" });
  altP.append(
    el("label", g.photoAlt, { for: altId }),
    " ",
    el("input", undefined, { id: altId, name: "alt", maxlength: "250", "aria-describedby": `${altId}-aide` }),
    " ",
    el("span", g.photoAltHint, { id: `${altId}-aide`, class: "muted" }),
  );
  const add = el("button", g.photoAdd, { type: "button" });
  add.addEventListener("click", async () => {
    clearProblem(box);
    const file = (document.getElementById(fileId) as HTMLInputElement).files?.[0];
    const alt = (document.getElementById(altId) as HTMLInputElement).value;
    if (!file)
      return void showProblem(box, { status: 400, title: g.failed, detail: g.photoMissing, errors: [{ path: "body/photo", message: g.photoMissing }] });
    notify(status, g.photoSending);
    // Multipart: the photo and its text in one request.
    const multipart = (b: { photo: Blob; alt: string }) => {
      const data = new FormData();
      data.set("photo", b.photo);
      data.set("alt", b.alt);
      return data;
    };
    const request = { params: { path: { businessId: listing.id } }, body: { photo: file, alt }, bodySerializer: multipart };
    const { error, response } =
      owner === "agent"
        ? await api.POST("/api/directory/businesses/{businessId}/photos", request)
        : await api.POST("/api/directory/my/businesses/{businessId}/photos", request);
    if (error) {
      status.textContent = "";
      return void showProblem(box, toProblem(error, response.status, g.failed));
    }
    await onChange();
  });
  const actions = el("p");
  actions.append(add);
  box.append(list, fileP, altP, actions, status);
  return box;
}
