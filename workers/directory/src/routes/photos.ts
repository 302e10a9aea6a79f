import { z } from "@hono/zod-openapi";
import { PUBLIC, createRouter, defineRoute, purgeCache } from "@communa/core";
import type { DirectoryBindings } from "../env.ts";
import { addPhoto, readPhoto, removePhoto, PHOTO_WIDTHS, MAX_PHOTO_BYTES } from "../services/photos.ts";
import { oneBusiness } from "../services/businesses.ts";
import { rebuild } from "./rebuild.ts";
import { m } from "../messages.fr.ts";

const upload = z
  .object({
    photo: z
      .instanceof(File, { message: m.photoMissing })
      .openapi({ type: "string", format: "binary", description: `JPEG, PNG ou WebP, ${Math.round(MAX_PHOTO_BYTES / 1024 / 1024)} Mo au plus` }),
    alt: z.string().max(250).openapi({ description: "Texte de remplacement : ce que montre la photo" }),
  })
  .openapi("PhotoEnvoi");
/** services/photos.ts PhotoView: one URL per stored width, narrowest first. */
export const photoOut = z
  .object({
    id: z.string(),
    alt: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    variants: z.array(z.object({ width: z.number().int(), url: z.string() })),
  })
  .openapi("Photo");
const ids = z.object({ businessId: z.uuid() });
const photoIds = z.object({ businessId: z.uuid(), photoId: z.uuid() });

const routeFor = (owner: boolean) => {
  const base = owner ? "/my/businesses/{businessId}/photos" : "/businesses/{businessId}/photos";
  const who = owner ? "(commerçant, sa fiche)" : "(agents)";
  return {
    add: defineRoute({
      method: "post",
      path: base,
      operationId: owner ? "addMyBusinessPhoto" : "addBusinessPhoto",
      summary: `Ajouter une photo ${who}`,
      description: `Réencodée en WebP (largeurs ${PHOTO_WIDTHS.join(" et ")} px au plus) ; l’original et ses métadonnées (position GPS…) ne sont pas gardés.`,
      requires: owner ? "directory:own" : "directory:write",
      request: { params: ids, body: { required: true, content: { "multipart/form-data": { schema: upload } } } },
      responses: { 201: { description: "Photo ajoutée", content: { "application/json": { schema: photoOut } } } },
    }),
    remove: defineRoute({
      method: "delete",
      path: `${base}/{photoId}`,
      operationId: owner ? "removeMyBusinessPhoto" : "removeBusinessPhoto",
      summary: `Retirer une photo ${who}`,
      requires: owner ? "directory:own" : "directory:write",
      request: { params: photoIds },
      responses: { 204: { description: "Photo retirée" } },
    }),
  };
};

const read = defineRoute({
  method: "get",
  path: "/photos/{photoId}/{file}",
  operationId: "getBusinessPhoto",
  summary: "Une photo de fiche (WebP, à la largeur demandée)",
  requires: PUBLIC,
  request: { params: z.object({ photoId: z.uuid(), file: z.string().regex(/^\d{2,4}\.webp$/) }) },
  responses: { 200: { description: "L’image", content: { "image/webp": { schema: z.any() } } } },
});

function photoRoutes(owner: boolean) {
  const r = routeFor(owner);
  return createRouter<DirectoryBindings>()
    .openapi(r.add, async (c) => {
      const { photo, alt } = c.req.valid("form");
      const { businessId } = c.req.valid("param");
      const added = await addPhoto({ db: c.var.db, ctx: c.var.ctx, env: c.env, businessId, file: photo, alt, asOwner: owner });
      if (added.status === "published") rebuild(c, await oneBusiness({ db: c.var.db, ctx: c.var.ctx, id: businessId }));
      const res = c.json(added.photo, 201);
      purgeCache(res.headers, "/");
      return res;
    })
    .openapi(r.remove, async (c) => {
      const { businessId, photoId } = c.req.valid("param");
      const { status } = await removePhoto({ db: c.var.db, ctx: c.var.ctx, env: c.env, businessId, photoId, asOwner: owner });
      if (status === "published") rebuild(c, await oneBusiness({ db: c.var.db, ctx: c.var.ctx, id: businessId }));
      const res = new Response(null, { status: 204 });
      purgeCache(res.headers, "/");
      return res as never;
    });
}

export const photoRoutesAll = createRouter<DirectoryBindings>()
  .route("/", photoRoutes(false))
  .route("/", photoRoutes(true))
  .openapi(read, async (c) => {
    const { photoId, file } = c.req.valid("param");
    const { object, published } = await readPhoto({ db: c.var.db, ctx: c.var.ctx, env: c.env, photoId, width: Number(file.split(".")[0]) });
    // A photo's bytes never change under its id; a withdrawn listing's photos stop being served.
    return new Response(object.body, {
      headers: {
        "content-type": "image/webp",
        "content-length": String(object.size),
        etag: object.httpEtag,
        "cache-control": published ? "public, max-age=86400" : "private, no-store",
        "x-content-type-options": "nosniff",
      },
    }) as never;
  });
