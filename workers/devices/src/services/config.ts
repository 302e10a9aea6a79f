/**
 * The configuration an agent pushes to a device: stored in the device's session (Durable Object)
 * with a version, delivered in the answer to the device's next heartbeat until the device reports
 * it has applied that version.
 */
import { z } from "@hono/zod-openapi";

const settingValue = z.union([z.string().max(200), z.number(), z.boolean()]);

export const deviceConfigSchema = z
  .object({
    heartbeatSeconds: z.number().int().min(15).max(3600).openapi({ description: "Période des signes de vie, en secondes (15 à 3 600)", example: 60 }),
    batchSize: z.number().int().min(1).max(100).openapi({ description: "Événements par lot envoyé (1 à 100)", example: 100 }),
    settings: z
      .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.-]{0,39}$/), settingValue)
      .refine((r) => Object.keys(r).length <= 30, { error: "30 réglages au plus." })
      .openapi({ description: "Réglages propres à l’équipement (seuil de confiance d’une caméra, période de mesure d’un capteur…)" }),
  })
  .strict()
  .openapi("ConfigurationEquipement");
export type DeviceConfig = z.infer<typeof deviceConfigSchema>;

export const DEFAULT_CONFIG: DeviceConfig = { heartbeatSeconds: 60, batchSize: 100, settings: {} };

/** A device counts as online while its last contact is within this many heartbeat periods. */
export const ONLINE_PERIODS = 2.5;
