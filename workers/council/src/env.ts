import { z } from "zod";
import { dbEnvSchema, type DomainBindings } from "@communa/core";
import type { SittingRoom } from "./live/sitting-room.ts";
import type { ArchiveDepositService, CouncilIdentityService } from "@communa/contracts/rpc";

export type CouncilBindings = DomainBindings & {
  /** One Durable Object per sitting (live room). */
  SITTINGS: DurableObjectNamespace<SittingRoom>;
  /** Minutes of closed sittings (only this Worker writes it); each is then deposited in the archive. */
  MINUTES: R2Bucket;
  /** The archive Worker (service binding): its `deposit` RPC seals the minutes (ADR 0027). */
  ARCHIVE?: ArchiveDepositService;
  /** Identity's door for the council: a member's account by e-mail, members' addresses (ADR 0025). */
  IDENTITY: Service & CouncilIdentityService;
};

const binding = (what: string) => z.custom<object>((v) => typeof v === "object" && v !== null, `liaison ${what} absente`);

export const councilEnvSchema = dbEnvSchema.extend({
  SITTINGS: binding("Durable Object"),
  MINUTES: binding("R2"),
  IDENTITY: binding("de service IDENTITY"),
});
