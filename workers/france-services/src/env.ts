import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";
import type { FranceServicesCitizenService } from "@communa/contracts/rpc";

export type FranceServicesBindings = DomainBindings & {
  /** The citizen Worker's door: appointment places and what is bookable there (ADR 0045 addendum). */
  CITIZEN: Service & FranceServicesCitizenService;
};
export const franceServicesEnvSchema = dbEnvSchema.extend({
  CITIZEN: z.custom<object>((v) => typeof v === "object" && v !== null, { error: "liaison CITIZEN (service relation usagers) absente" }),
});
