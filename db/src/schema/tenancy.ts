/**
 * The tenant registry: the EPCI and each commune are tenants. Not tenant-owned itself (it is the
 * hierarchy RLS policies consult); the application role can only read it.
 */
import { sql } from "drizzle-orm";
import { check, char, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { uuidv7 } from "../ids.ts";

export const tenantKind = pgEnum("tenant_kind", ["epci", "commune"]);

export const tenants = pgTable(
  "tenants",
  {
    id: uuid("id")
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    slug: text("slug").notNull().unique(),
    kind: tenantKind("kind").notNull(),
    /** Name shown to people (usage name). */
    name: text("name").notNull(),
    /** Legal name as registered (DGCL / INSEE COG). */
    legalName: text("legal_name").notNull(),
    /** Short name people use for an EPCI ("CCLVD"), when it has one (the site's headings and links). */
    shortName: text("short_name"),
    siren: char("siren", { length: 9 }).notNull().unique(),
    /** INSEE code, for a commune tenant. */
    insee: char("insee", { length: 5 }).unique(),
    /** The EPCI a commune belongs to (a tenant of kind epci). */
    parentId: uuid("parent_id").references((): AnyPgColumn => tenants.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("tenants_parent_idx").on(t.parentId),
    check("tenants_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check("tenants_siren_format", sql`${t.siren} ~ '^[0-9]{9}$'`),
    check("tenants_kind_shape", sql`(${t.kind} = 'epci' AND ${t.parentId} IS NULL AND ${t.insee} IS NULL) OR (${t.kind} = 'commune')`),
  ],
);
