/**
 * Bindings are validated once per isolate with zod: a missing or malformed variable or secret
 * fails with a clear message naming it (never its value), instead of an obscure error later.
 */
import { z } from "zod";
import { AppError } from "./errors.ts";
import { coreTexts } from "./messages.fr.ts";
import { log } from "./log.ts";

/** What every Worker holding a database connection needs. */
export const dbEnvSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/[^\s]+$/, "chaîne de connexion postgres:// attendue"),
  NEON_WS_PROXY: z
    .string()
    .regex(/^[\w.-]+:\d+$/, "hôte:port attendu")
    .optional(),
});

const checked = new WeakMap<object, true>();

export function checkEnv(schema: z.ZodType, env: object, worker: string): void {
  if (checked.has(env)) return;
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")} : ${i.message}`);
    log("error", "configuration invalide", { worker, problems });
    throw new AppError("unavailable", coreTexts.configIncomplete(result.error.issues.map((i) => i.path.join("."))));
  }
  checked.set(env, true);
}
