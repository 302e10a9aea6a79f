import { z } from "zod";

/** The gateway's own variables (service bindings are checked by the runtime itself). */
export const gatewayEnvSchema = z.object({
  BASE_DOMAIN: z.string().regex(/^[a-z0-9.-]+$/, "nom de domaine attendu"),
  PUBLIC_ORIGIN: z
    .string()
    .regex(/^https?:\/\/[a-z0-9.-]+(:\d+)?\/?$/, "origine attendue, par exemple http://127.0.0.1:4321")
    .optional(),
  MAX_BODY_BYTES: z.string().regex(/^\d+$/, "nombre d’octets attendu").optional(),
  TEST_ACTORS: z.enum(["enabled"]).optional(),
});
