/**
 * The staff directory (trombinoscope): colleagues' view (staff:self), the public site's view
 * (only agents who allowed it), the agent's own photo and consent per channel.
 */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { StaffBindings } from "../env.ts";
import { myConsents, photoOf, publicDirectory, setConsent, setPhoto, staffDirectory } from "../services/directory.ts";
import { binary, depsOf, json, noStore, ok, pdfOf } from "./schemas.ts";

const agentParam = z.object({ agentId: z.uuid() });
const webp = { description: "Photo (WebP)", content: { "image/webp": { schema: binary } } };
const consentsOut = z
  .object({
    intranet: z.boolean(),
    public: z.boolean(),
    hasPhoto: z.boolean(),
    history: z.array(z.object({ channel: z.enum(["intranet", "public"]), granted: z.boolean(), by: z.enum(["agent", "departure"]), at: z.string() })),
  })
  .openapi("AccordsPhoto");

const list = defineRoute({
  method: "get",
  path: "/directory",
  operationId: "getStaffDirectory",
  summary: "Trombinoscope : les agents en poste (service, poste, téléphone et courriel professionnels ; photo si l’agent l’accepte sur l’intranet)",
  requires: "staff:self",
  responses: {
    200: ok(
      "Agents",
      z.object({
        agents: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            service: z.string(),
            position: z.string(),
            email: z.string(),
            phone: z.string(),
            photo: z.string().nullable(),
          }),
        ),
      }),
    ),
  },
});
const photo = defineRoute({
  method: "get",
  path: "/directory/{agentId}/photo",
  operationId: "getStaffPhoto",
  summary: "Photo d’un agent sur l’intranet (avec son accord)",
  requires: "staff:self",
  request: { params: agentParam },
  responses: { 200: webp },
});
const publicList = defineRoute({
  method: "get",
  path: "/public/directory",
  operationId: "getPublicStaffDirectory",
  summary: "Les agents qui ont accepté de figurer sur le site public (nom, service, poste, photo)",
  requires: "public",
  responses: {
    200: ok(
      "Agents",
      z.object({ agents: z.array(z.object({ id: z.string(), name: z.string(), service: z.string(), position: z.string(), photo: z.string() })) }),
    ),
  },
});
const publicPhoto = defineRoute({
  method: "get",
  path: "/public/directory/{agentId}/photo",
  operationId: "getPublicStaffPhoto",
  summary: "Photo d’un agent sur le site public (avec son accord)",
  requires: "public",
  request: { params: agentParam },
  responses: { 200: webp },
});
const consent = defineRoute({
  method: "put",
  path: "/me/photo-consent",
  operationId: "setMyPhotoConsent",
  summary: "Mon accord pour ma photo, par canal (intranet, site public) : révocable à tout moment ; sans accord, la photo est supprimée",
  requires: "staff:self",
  request: { body: json(z.object({ intranet: z.boolean(), public: z.boolean() }).strict()) },
  responses: { 200: ok("Accords", consentsOut) },
});
const consents = defineRoute({
  method: "get",
  path: "/me/photo-consent",
  operationId: "getMyPhotoConsent",
  summary: "Mes accords pour ma photo et leur historique",
  requires: "staff:self",
  responses: { 200: ok("Accords", consentsOut) },
});
const upload = defineRoute({
  method: "put",
  path: "/me/photo",
  operationId: "setMyPhoto",
  summary: "Ma photo du trombinoscope (JPEG, PNG ou WebP ; ré-encodée, métadonnées supprimées)",
  requires: "staff:self",
  request: {
    body: {
      required: true,
      content: { "image/jpeg": { schema: binary }, "image/png": { schema: binary }, "image/webp": { schema: binary } },
    },
  },
  responses: { 200: ok("Photo enregistrée", z.object({ bytes: z.number().int(), format: z.string() })) },
});

const image = (data: ArrayBuffer, cache: string) => new Response(data, { headers: { "content-type": "image/webp", "cache-control": cache } }) as never;

export const directoryRoutes = createRouter<StaffBindings>()
  .openapi(list, async (c) => c.json({ agents: await staffDirectory(depsOf(c)) }, 200, noStore))
  .openapi(photo, async (c) => image(await photoOf(depsOf(c), c.req.valid("param").agentId, "intranet"), "private, no-store"))
  .openapi(publicList, async (c) => c.json({ agents: await publicDirectory(depsOf(c)) }, 200, noStore))
  .openapi(publicPhoto, async (c) => image(await photoOf(depsOf(c), c.req.valid("param").agentId, "public"), "no-store"))
  .openapi(consent, async (c) => c.json(await setConsent(depsOf(c), c.req.valid("json")), 200))
  .openapi(consents, async (c) => c.json(await myConsents(depsOf(c)), 200, noStore))
  .openapi(upload, async (c) => c.json(await setPhoto(depsOf(c), await pdfOf(c)), 200));
