import { z } from "@hono/zod-openapi";
import { PUBLIC, cacheFor, createRouter, defineRoute, httpUrl, purgeCache } from "@communa/core";
import type { DirectoryBindings } from "../env.ts";
import { CATEGORIES, CATEGORY_KEYS, CHANNEL_KEYS, LABELS, LABEL_KEYS } from "@communa/contracts/directory";
import { createBusiness, moderate, myBusinesses, oneBusiness, searchBusinesses, slugify, submitBusiness, updateBusiness } from "../services/businesses.ts";
import { jsonLd } from "@communa/core/jsonld";
import { rebuild } from "./rebuild.ts";
import { m } from "../messages.fr.ts";
import { photoOut } from "./photos.ts";

const productInput = z
  .object({
    name: z.string().min(1).max(120),
    months: z.array(z.number().int().min(1).max(12)).max(12).optional(),
    channels: z.array(z.enum(CHANNEL_KEYS)).max(4).optional(),
  })
  .strict();

const businessInput = z
  .object({
    name: z.string().min(2).max(120),
    siret: z.string().min(14).max(20),
    category: z.enum(CATEGORY_KEYS),
    description: z.string().max(3000).optional(),
    address: z.string().min(3).max(300),
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    phone: z
      .string()
      .regex(/^(\+33 ?[1-9]|0[1-9])([ .-]?\d{2}){4}$/)
      .nullable()
      .optional(),
    email: z.email().max(200).nullable().optional(),
    website: httpUrl({ message: m.website }).nullable().optional(),
    openingHours: z.string().max(500).nullable().optional(),
    labels: z.array(z.enum(LABEL_KEYS)).max(LABEL_KEYS.length).optional(),
    languages: z
      .array(z.string().regex(/^[a-z]{2}$/))
      .max(10)
      .optional(),
    sameAs: z
      .array(httpUrl({ message: m.sameAs }))
      .max(10)
      .optional(),
    products: z.array(productInput).max(100).optional(),
  })
  .strict()
  .openapi("FicheSaisie");

/** A listing as services/businesses.ts presents it. */
const businessOut = z
  .object({
    id: z.string(),
    tenantSlug: z.string().nullable().openapi({ description: "La collectivité qui tient la fiche : réclamations et modifications s’y font" }),
    slug: z.string(),
    name: z.string(),
    siret: z.string(),
    category: z.string(),
    categoryLabel: z.string(),
    schemaType: z.string(),
    description: z.string(),
    address: z.string(),
    commune: z.object({ insee: z.string(), name: z.string(), postcode: z.string().nullable().openapi({ description: "Code postal de la commune" }) }),
    lon: z.number(),
    lat: z.number(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    openingHours: z.string().nullable(),
    openNow: z.boolean().nullable(),
    labels: z.array(z.string()),
    languages: z.array(z.string()),
    sameAs: z.array(z.string()),
    products: z.array(z.object({ name: z.string(), months: z.array(z.number().int()), channels: z.array(z.string()) })),
    photos: z.array(photoOut),
    status: z.enum(["draft", "pending", "published", "rejected", "unpublished"]),
    moderationNote: z.string().nullable(),
    owned: z.boolean(),
    publishedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi("Fiche");
const idParam = z.object({ businessId: z.uuid() });

const list = defineRoute({
  method: "get",
  path: "/businesses",
  operationId: "listBusinesses",
  summary: "Commerces, artisans et producteurs (recherche et filtres)",
  description:
    "Publiés seulement, sauf pour les agents (droit directory:read). `ouvert=maintenant` : ouverts à cet instant (heure de Paris, jours fériés compris).",
  requires: PUBLIC,
  request: {
    query: z.object({
      q: z.string().max(200).optional(),
      commune: z
        .string()
        .regex(/^[0-9][0-9AB][0-9]{3}$/)
        .optional(),
      categorie: z.enum(CATEGORY_KEYS).optional(),
      label: z.enum(LABEL_KEYS).optional(),
      ouvert: z.enum(["maintenant"]).optional(),
      produit: z.string().min(2).max(60).optional().openapi({ description: "Produit de saison ce mois-ci (producteurs)" }),
      statut: z.enum(["draft", "pending", "published", "rejected", "unpublished"]).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
      offset: z.coerce.number().int().min(0).max(100_000).default(0),
    }),
  },
  responses: { 200: { description: "Fiches", content: { "application/json": { schema: z.object({ businesses: z.array(businessOut) }) } } } },
});

const categories = defineRoute({
  method: "get",
  path: "/categories",
  operationId: "directoryCategories",
  summary: "Catégories d’activité (et type schema.org), labels",
  requires: PUBLIC,
  responses: {
    200: {
      description: "Catégories",
      content: {
        "application/json": {
          schema: z.object({
            categories: z.array(z.object({ key: z.string(), label: z.string(), plural: z.string(), schemaType: z.string() })),
            labels: z.array(z.object({ key: z.string(), label: z.string() })),
          }),
        },
      },
    },
  },
});

const one = defineRoute({
  method: "get",
  path: "/businesses/{businessId}",
  operationId: "getBusiness",
  summary: "Une fiche",
  requires: PUBLIC,
  request: { params: idParam },
  responses: { 200: { description: "La fiche", content: { "application/json": { schema: businessOut } } } },
});

const ld = defineRoute({
  method: "get",
  path: "/businesses/{businessId}/jsonld",
  operationId: "businessJsonLd",
  summary: "Données structurées schema.org (JSON-LD) de la fiche",
  requires: PUBLIC,
  request: { params: idParam },
  responses: { 200: { description: "JSON-LD", content: { "application/ld+json": { schema: businessOut } } } },
});

const create = defineRoute({
  method: "post",
  path: "/businesses",
  operationId: "createBusiness",
  summary: "Créer une fiche (agents)",
  requires: "directory:write",
  request: {
    query: z.object({ publier: z.enum(["oui", "non"]).default("non") }),
    body: { required: true, content: { "application/json": { schema: businessInput } } },
  },
  responses: { 201: { description: "Fiche créée", content: { "application/json": { schema: businessOut } } } },
});

const put = defineRoute({
  method: "put",
  path: "/businesses/{businessId}",
  operationId: "updateBusiness",
  summary: "Modifier une fiche (agents)",
  requires: "directory:write",
  request: { params: idParam, body: { required: true, content: { "application/json": { schema: businessInput } } } },
  responses: { 200: { description: "Fiche modifiée", content: { "application/json": { schema: businessOut } } } },
});

const putMine = defineRoute({
  method: "put",
  path: "/my/businesses/{businessId}",
  operationId: "updateMyBusiness",
  summary: "Modifier ma fiche (commerçant)",
  description: "Seulement la fiche que vous gérez. Les modifications d’une fiche publiée sont en ligne aussitôt et journalisées.",
  requires: "directory:own",
  request: { params: idParam, body: { required: true, content: { "application/json": { schema: businessInput } } } },
  responses: { 200: { description: "Fiche modifiée", content: { "application/json": { schema: businessOut } } } },
});

const submit = defineRoute({
  method: "post",
  path: "/my/businesses/{businessId}/submit",
  operationId: "submitMyBusiness",
  summary: "Demander la publication de ma fiche",
  requires: "directory:own",
  request: { params: idParam },
  responses: { 200: { description: "En attente de vérification", content: { "application/json": { schema: businessOut } } } },
});

const mine = defineRoute({
  method: "get",
  path: "/my/businesses",
  operationId: "myBusinesses",
  summary: "Les fiches que je gère (commerçant)",
  requires: "directory:own",
  responses: { 200: { description: "Fiches", content: { "application/json": { schema: z.object({ businesses: z.array(businessOut) }) } } } },
});

const moderation = defineRoute({
  method: "post",
  path: "/businesses/{businessId}/moderation",
  operationId: "moderateBusiness",
  summary: "Modérer une fiche : publier, refuser (avec la raison) ou retirer",
  requires: "directory:write",
  request: {
    params: idParam,
    body: {
      required: true,
      content: {
        "application/json": { schema: z.object({ action: z.enum(["approve", "reject", "unpublish"]), reason: z.string().max(1000).optional() }).strict() },
      },
    },
  },
  responses: { 200: { description: "Fiche modérée", content: { "application/json": { schema: businessOut } } } },
});

const written = (body: unknown, status: 200 | 201) => {
  const res = new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  purgeCache(res.headers, "/");
  return res as never;
};

export const businessRoutes = createRouter<DirectoryBindings>()
  .openapi(list, async (c) => {
    const q = c.req.valid("query");
    const found = await searchBusinesses({
      db: c.var.db,
      ctx: c.var.ctx,
      query: {
        q: q.q,
        commune: q.commune,
        category: q.categorie,
        label: q.label,
        openAt: q.ouvert ? new Date() : undefined,
        inSeason: q.produit,
        status: q.statut,
        limit: q.limit,
        offset: q.offset,
      },
    });
    // "Open now" changes by the minute: such answers are not kept.
    const headers = q.ouvert ? { "cache-control": "no-store" } : cacheFor(c.var.ctx);
    return c.json({ businesses: found }, 200, headers);
  })
  .openapi(categories, async (c) =>
    c.json(
      {
        categories: Object.entries(CATEGORIES).map(([key, v]) => ({ key, label: v.label, plural: v.plural, schemaType: v.schema })),
        labels: Object.entries(LABELS).map(([key, label]) => ({ key, label })),
      },
      200,
      { "cache-control": "public, max-age=3600" },
    ),
  )
  .openapi(one, async (c) => c.json(await oneBusiness({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").businessId }), 200, cacheFor(c.var.ctx)))
  .openapi(ld, async (c) => {
    const b = await oneBusiness({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").businessId });
    // The listing's public page: /<commune>/commerces/<listing>/ on the site's host.
    const origin = c.var.ctx.siteUrl ? new URL(c.var.ctx.siteUrl).origin : "";
    const page = `${origin}/${slugify(b.commune.name)}/commerces/${b.slug}/`;
    return new Response(JSON.stringify(jsonLd(b, page)), {
      headers: { ...cacheFor(c.var.ctx), "content-type": "application/ld+json; charset=utf-8" },
    }) as never;
  })
  .openapi(create, async (c) => {
    const b = await createBusiness({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json"), publish: c.req.valid("query").publier === "oui" });
    rebuild(c, b);
    return written(b, 201);
  })
  .openapi(put, async (c) => {
    const b = await updateBusiness({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").businessId, input: c.req.valid("json"), asOwner: false });
    rebuild(c, b);
    return written(b, 200);
  })
  .openapi(putMine, async (c) => {
    const b = await updateBusiness({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").businessId, input: c.req.valid("json"), asOwner: true });
    rebuild(c, b);
    return written(b, 200);
  })
  .openapi(mine, async (c) => c.json({ businesses: await myBusinesses({ db: c.var.db, ctx: c.var.ctx }) }, 200, { "cache-control": "no-store" }))
  .openapi(submit, async (c) => written(await submitBusiness({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").businessId }), 200))
  .openapi(moderation, async (c) => {
    const { action, reason } = c.req.valid("json");
    const b = await moderate({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").businessId, action, reason });
    rebuild(c, b, action === "unpublish" ? "published" : undefined);
    return written(b, 200);
  });
