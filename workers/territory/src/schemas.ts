/** Request and response schemas of the territory API (French descriptions, shown in the reference). */
import { z } from "@hono/zod-openapi";
import { httpUrl } from "@communa/core";
import { fieldText } from "./messages.fr.ts";

export const inseeSchema = z
  .string()
  .regex(/^[0-9][0-9AB][0-9]{3}$/)
  .openapi({ description: "Code INSEE de la commune (5 caractères)", example: "60360" });

const geometrySchema = z
  .object({ type: z.enum(["Polygon", "MultiPolygon"]), coordinates: z.array(z.any()) })
  .openapi("Geometry", { description: "Géométrie GeoJSON (WGS84)" });

export const communeSchema = z
  .object({
    insee: z.string().openapi({ example: "60360" }),
    name: z.string().openapi({ example: "Liancourt" }),
    slug: z.string().nullable().openapi({ description: "Identifiant de la collectivité de la commune sur la plateforme" }),
    postcode: z.string().openapi({ example: "60140" }),
    siren: z.string(),
    epciSiren: z.string(),
    population: z.number().int().openapi({ description: "Population municipale (recensement)" }),
    populationTotal: z.number().int(),
    populationYear: z.number().int(),
    bbox: z.array(z.number()).length(4).openapi({ description: "Emprise [ouest, sud, est, nord]" }),
    boundary: geometrySchema.optional(),
  })
  .openapi("Commune");

export const tenantViewSchema = z
  .object({
    slug: z.string(),
    kind: z.enum(["epci", "commune"]),
    name: z.string(),
    legalName: z.string(),
    siren: z.string(),
    insee: z.string().nullable(),
    parent: z.object({ slug: z.string(), name: z.string(), siren: z.string() }).nullable(),
    members: z.array(z.object({ slug: z.string(), name: z.string(), insee: z.string().nullable() })),
  })
  .openapi("Collectivite");

export const holderSchema = z
  .object({
    competence: z.object({ code: z.string(), label: z.string() }),
    commune: z.object({ insee: z.string(), name: z.string(), slug: z.string() }),
    holder: z.object({ kind: z.enum(["epci", "commune"]), slug: z.string(), name: z.string(), siren: z.string() }),
  })
  .openapi("TitulaireCompetence");

export const competenceRowSchema = z
  .object({
    code: z.string(),
    label: z.string(),
    heldBy: z.enum(["epci", "commune"]),
    since: z.string().nullable(),
  })
  .openapi("Competence");

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const profileInputSchema = z
  .object({
    address: optionalText(300).openapi({ example: "Place de l’Hôtel de Ville, 60140 Liancourt" }),
    phone: z
      .string()
      .regex(/^\+?[0-9 .]{6,20}$/)
      .nullable()
      .optional()
      .openapi({ example: "03 44 00 00 00" }),
    email: z.email().max(200).nullable().optional(),
    website: httpUrl({ message: fieldText.website }).nullable().optional(),
    openingHours: optionalText(500).openapi({ description: "Horaires au format OpenStreetMap opening_hours", example: "Mo-Fr 08:30-12:00,13:30-17:30" }),
  })
  .strict()
  .openapi("FicheContactSaisie");

export const profileSchema = z
  .object({
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    openingHours: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi("FicheContact");

export const accentInputSchema = z
  .object({
    accent: z
      .string()
      .max(20)
      .nullable()
      .openapi({ description: "Couleur d’accent hexadécimale (#rrggbb), ou null pour la couleur par défaut", example: "#8a1538" }),
  })
  .strict()
  .openapi("IdentiteSaisie");

export const logoSchema = z
  .object({
    src: z
      .string()
      .openapi({ description: "Adresse de l’image (relative à l’origine), fixe pour un contenu donné", example: "/t/liancourt/api/territory/logos/…webp" }),
    alt: z.string().openapi({ example: "Blason de Liancourt" }),
    width: z.number().int(),
    height: z.number().int(),
  })
  .openapi("Logo");

export const identitySchema = z
  .object({
    accent: z.string().nullable().openapi({ description: "Couleur d’accent (mode clair), null : couleur par défaut", example: "#8a1538" }),
    accentDark: z.string().nullable().openapi({ description: "Sa variante calculée pour le mode sombre", example: "#bf7e92" }),
    logo: logoSchema.nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi("Identite");
