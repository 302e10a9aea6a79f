/**
 * A kiosk's « Demander de l'aide à un conseiller » (ADR 0046): a signed request from the kiosk
 * (the gateway checked its signature), relayed to the citizen Worker's queue over RPC. Only a
 * device of kind `kiosk`, active in this tenant, may call it; the request names the kiosk.
 */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, forbidden, rpcCall, rpcValue } from "@communa/core";
import { kioskHelpSchema } from "@communa/contracts/signage";
import type { DevicesBindings } from "../env.ts";
import { texts } from "../messages.fr.ts";

const help = defineRoute({
  method: "post",
  path: "/kiosk/help",
  operationId: "kioskHelpRequest",
  tags: ["Équipements"],
  summary: "Demande d’aide à un conseiller depuis une borne",
  description:
    "Signée par la borne. Crée une demande dans la file de l’accueil (canal « borne »), au nom de la borne ; prénom et téléphone facultatifs, rien d’autre.",
  requires: "devices:ingest",
  request: { body: { required: true, content: { "application/json": { schema: kioskHelpSchema } } } },
  responses: { 201: { description: "Demande enregistrée", content: { "application/json": { schema: z.object({ code: z.string() }) } } } },
});

export const kioskRoutes = createRouter<DevicesBindings>().openapi(help, async (c) => {
  const ctx = c.var.ctx;
  if (ctx.actor.kind !== "device") throw forbidden(texts.deviceOnly);
  const deviceId = ctx.actor.id;
  const device = await c.env.IDENTITY.activeDevice({ id: ctx.tenant.id }, deviceId);
  if (!device.ok && device.problem.status === 404) throw forbidden(texts.unknownDevice);
  const { kind, name } = rpcValue(device);
  if (kind !== "kiosk") throw forbidden(texts.kioskOnly);
  const { firstName, phone } = c.req.valid("json");
  const out = await rpcCall("citizen", () =>
    c.env.CITIZEN.kioskHelp(ctx.tenant, { deviceId, deviceName: name, firstName: firstName || undefined, phone: phone || undefined }, ctx.requestId),
  );
  return c.json(out, 201, { "cache-control": "no-store" });
});
