/**
 * The `directory` domain: merchants, craftsmen and local producers (issue #5). Listings are public
 * facts about businesses once published; the people who manage them are identified by their
 * person id only. Retention: a listing is kept while the business exists; claims 90 days.
 */
import { sql } from "drizzle-orm";
import { char, check, doublePrecision, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt, bytea } from "./columns.ts";
import { people } from "./identity.ts";

export const businesses = pgTable(
  "directory_businesses",
  {
    id: id(),
    tenantId: tenantId(),
    /** In the page's address: /<commune>/commerces/<slug>. Unique per commune. */
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    /** SIRET (14 digits, Luhn-checked; La Poste's establishments excepted, see the service). */
    siret: char("siret", { length: 14 }).notNull(),
    category: text("category").notNull(),
    description: text("description").notNull().default(""),
    address: text("address").notNull(),
    communeInsee: char("commune_insee", { length: 5 }).notNull(),
    communeName: text("commune_name").notNull(),
    lon: doublePrecision("lon").notNull(),
    lat: doublePrecision("lat").notNull(),
    phone: text("phone"),
    email: text("email"),
    website: text("website"),
    /** OpenStreetMap `opening_hours` rules (exceptional closures included, e.g. "2026 Dec 24 off"). */
    openingHours: text("opening_hours"),
    labels: text("labels").array().notNull().default(sql`'{}'`),
    languages: text("languages").array().notNull().default(sql`'{fr}'`),
    sameAs: text("same_as").array().notNull().default(sql`'{}'`),
    status: text("status", { enum: ["draft", "pending", "published", "rejected", "unpublished"] })
      .notNull()
      .default("draft"),
    moderationNote: text("moderation_note"),
    ownerPersonId: uuid("owner_person_id").references(() => people.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("directory_businesses_slug_unique").on(t.tenantId, t.communeInsee, t.slug),
    index("directory_businesses_status_idx").on(t.tenantId, t.status),
    check("directory_businesses_siret_format", sql`${t.siret} ~ '^[0-9]{14}$'`),
    check("directory_businesses_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);

/** What a business sells or does; for producers, the months it is in season and where to buy. */
export const products = pgTable(
  "directory_products",
  {
    id: id(),
    tenantId: tenantId(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Months 1–12 in season; empty: all year. */
    months: integer("months").array().notNull().default(sql`'{}'`),
    /** Where to buy: farm shop, market, AMAP, shop. */
    channels: text("channels").array().notNull().default(sql`'{}'`),
  },
  (t) => [index("directory_products_business_idx").on(t.businessId)],
);

/**
 * A person's claim to manage a listing: by a code sent to the business's registered e-mail address
 * (its hash kept, 24 h), or by an agent's check.
 */
export const claims = pgTable("directory_claims", {
  id: id(),
  tenantId: tenantId(),
  businessId: uuid("business_id")
    .notNull()
    .references(() => businesses.id, { onDelete: "cascade" }),
  personId: uuid("person_id")
    .notNull()
    .references(() => people.id, { onDelete: "cascade" }),
  method: text("method", { enum: ["code", "agent"] }).notNull(),
  codeHash: bytea("code_hash"),
  attempts: integer("attempts").notNull().default(0),
  status: text("status", { enum: ["open", "granted", "refused", "expired"] })
    .notNull()
    .default("open"),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

/**
 * Photos of a listing, re-encoded by the Worker (WebP, two widths, metadata such as GPS position
 * dropped) and stored in the directory's R2 bucket under `key`-<width>.webp; the original upload is
 * not kept. The alternative text is required (RGAA). Kept while the listing exists.
 */
export const photos = pgTable(
  "directory_photos",
  {
    id: id(),
    tenantId: tenantId(),
    businessId: uuid("business_id")
      .notNull()
      .references(() => businesses.id, { onDelete: "cascade" }),
    /** R2 key prefix, e.g. "<tenant>/<business>/<id>". */
    key: text("key").notNull(),
    alt: text("alt").notNull(),
    /** Size of the largest stored variant. */
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    bytes: integer("bytes").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("directory_photos_business_idx").on(t.businessId, t.position), check("directory_photos_alt", sql`length(trim(${t.alt})) BETWEEN 3 AND 250`)],
);
