import { z } from "zod";

/** The gateway's own variables (service bindings are checked by the runtime itself). */
export const gatewayEnvSchema = z.object({
  BASE_DOMAIN: z.string().regex(/^[a-z0-9.-]+$/, "nom de domaine attendu"),
  MAX_BODY_BYTES: z.string().regex(/^\d+$/, "nombre d’octets attendu").optional(),
  TEST_ACTORS: z.enum(["enabled"]).optional(),
});
