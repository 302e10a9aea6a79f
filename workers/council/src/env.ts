import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";
import type { SittingRoom } from "./live/sitting-room.ts";

export type CouncilBindings = DomainBindings & {
  /** One Durable Object per sitting (live room). */
  SITTINGS: DurableObjectNamespace<SittingRoom>;
  /** Minutes of closed sittings (only this Worker writes it, until the archive module seals them). */
  MINUTES: R2Bucket;
};

const binding = (what: string) => z.custom<object>((v) => typeof v === "object" && v !== null, `liaison ${what} absente`);

export const councilEnvSchema = dbEnvSchema.extend({
  SITTINGS: binding("Durable Object"),
  MINUTES: binding("R2"),
});
