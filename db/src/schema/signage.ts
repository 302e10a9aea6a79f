/**
 * The display board of a tenant (issue #18, ADR 0046): what its kiosks link to and what its
 * station screen shows (panels, services and hours, permanences, announcements with their dates).
 * One row per tenant, the content as JSON validated by `@communa/contracts/signage` on every
 * write; `version` grows with each change (screens compare it to the live socket's news). No
 * personal data: announcements and permanences are the collectivité's public information.
 */
import { integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { updatedAt } from "./columns.ts";
import { tenants } from "./tenancy.ts";
import type { Board } from "@communa/contracts/signage";

export const signageBoards = pgTable("signage_boards", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "restrict" }),
  content: jsonb("content").$type<Board>().notNull(),
  version: integer("version").notNull().default(1),
  updatedAt: updatedAt(),
  /** Who changed it last (a person's id), for the editor's "modifié par". */
  updatedBy: text("updated_by"),
});
