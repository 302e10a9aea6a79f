import { z } from "@hono/zod-openapi";
import { defineRoute, createRouter, PUBLIC, purgeCache } from "@communa/core";
import { accentInputSchema, identitySchema } from "../schemas.ts";
import { getIdentity, readLogo, removeLogo, saveAccent, saveLogo, LOGO_ALT_MAX, LOGO_MAX_BYTES, LOGO_MAX_HEIGHT } from "../services/identity.ts";
import { identityText } from "../messages.fr.ts";
import type { TerritoryBindings } from "../env.ts";

const logoUpload = z
  .object({
    logo: z
      .instanceof(File, { message: identityText.logoMissing })
      .openapi({ type: "string", format: "binary", description: `PNG, JPEG ou WebP, ${Math.round(LOGO_MAX_BYTES / 1024 / 1024)} Mo au plus` }),
    // Its length is checked by the service, whose refusal names `body/alt` like the others.
    alt: z
      .string()
      .openapi({ description: `Texte de remplacement : ce que montre l’image (${LOGO_ALT_MAX} caractères au plus)`, example: "Blason de Liancourt" }),
  })
  .openapi("LogoEnvoi");

const read = defineRoute({
  method: "get",
  path: "/identity",
  operationId: "getIdentity",
  summary: "Identité de la collectivité : couleur d’accent et logo",
  description: "Les valeurs propres à la collectivité (une commune sans couleur prend celle de son EPCI : c’est au site de le faire).",
  requires: PUBLIC,
  responses: { 200: { description: "L’identité", content: { "application/json": { schema: identitySchema } } } },
});

const putAccent = defineRoute({
  method: "put",
  path: "/identity",
  operationId: "putIdentity",
  summary: "Choisir la couleur d’accent",
  description:
    "Acceptée si elle atteint un contraste de 4,5:1 (RGAA / WCAG AA) sur fond blanc, sous un texte blanc et sur fond gris clair ; " +
    "sa variante pour le mode sombre est calculée (éclaircie jusqu’à 4,5:1 sur les fonds sombres). `null` revient à la couleur par défaut.",
  requires: "territory:write",
  request: { body: { required: true, content: { "application/json": { schema: accentInputSchema } } } },
  responses: { 200: { description: "L’identité enregistrée", content: { "application/json": { schema: identitySchema } } } },
});

const putLogo = defineRoute({
  method: "post",
  path: "/identity/logo",
  operationId: "putIdentityLogo",
  summary: "Envoyer le logo ou le blason (remplace le précédent)",
  description: `Réencodé en WebP (${LOGO_MAX_HEIGHT} px de haut au plus) ; l’original et ses métadonnées ne sont pas gardés.`,
  requires: "territory:write",
  request: { body: { required: true, content: { "multipart/form-data": { schema: logoUpload } } } },
  responses: { 201: { description: "L’identité avec son logo", content: { "application/json": { schema: identitySchema } } } },
});

const deleteLogo = defineRoute({
  method: "delete",
  path: "/identity/logo",
  operationId: "deleteIdentityLogo",
  summary: "Retirer le logo",
  requires: "territory:write",
  responses: { 204: { description: "Logo retiré" } },
});

const logoFile = defineRoute({
  method: "get",
  path: "/logos/{file}",
  operationId: "getLogo",
  summary: "Le logo de la collectivité (WebP, adresse fixe par contenu)",
  requires: PUBLIC,
  request: { params: z.object({ file: z.string().regex(/^[0-9a-f]{64}\.webp$/) }) },
  responses: { 200: { description: "L’image", content: { "image/webp": { schema: z.any() } } } },
});

export const identityRoutes = createRouter<TerritoryBindings>()
  .openapi(read, async (c) => c.json(await getIdentity({ db: c.var.db, tenant: c.var.ctx.tenant }), 200, { "cache-control": "public, max-age=60" }))
  .openapi(putAccent, async (c) => {
    const saved = await saveAccent({ db: c.var.db, ctx: c.var.ctx, accent: c.req.valid("json").accent });
    const res = c.json(saved, 200);
    purgeCache(res.headers, "/identity");
    return res;
  })
  .openapi(putLogo, async (c) => {
    const { logo, alt } = c.req.valid("form");
    const saved = await saveLogo({ db: c.var.db, ctx: c.var.ctx, env: c.env, file: logo, alt });
    const res = c.json(saved, 201);
    purgeCache(res.headers, "/identity");
    return res;
  })
  .openapi(deleteLogo, async (c) => {
    await removeLogo({ db: c.var.db, ctx: c.var.ctx, env: c.env });
    const res = new Response(null, { status: 204 });
    purgeCache(res.headers, "/identity");
    return res as never;
  })
  .openapi(logoFile, async (c) => {
    const hash = c.req.valid("param").file.slice(0, 64);
    const object = await readLogo({ db: c.var.db, tenant: c.var.ctx.tenant, env: c.env, hash });
    // Content-addressed: the bytes under this name never change; a new logo gets a new name.
    return new Response(object.body, {
      headers: {
        "content-type": "image/webp",
        "content-length": String(object.size),
        etag: `"${hash}"`,
        "cache-control": "public, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
      },
    }) as never;
  });
