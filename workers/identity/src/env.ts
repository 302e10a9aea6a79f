import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";
import type { DeviceNonces } from "./device-nonces.ts";

export type IdentityBindings = DomainBindings & {
  /** AES-GCM key (base64, 32 bytes) sealing device secrets; only this Worker holds it. */
  IDENTITY_SECRETS_KEY: string;
  DEVICE_NONCES: DurableObjectNamespace<DeviceNonces>;
};

export const identityEnvSchema = dbEnvSchema.extend({
  IDENTITY_SECRETS_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, "clé AES de 32 octets en base64 attendue"),
});
