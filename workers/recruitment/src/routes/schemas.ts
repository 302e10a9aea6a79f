/**
 * Request and answer schemas of the recruitment routes. The vacancy form carries the twelve
 * mandatory fields of décret 2018-1351 art. 3 (as amended by décret 2022-598), each refused in
 * French when missing, plus the JobPosting's own fields and the pipeline's configuration.
 */
import { z } from "@hono/zod-openapi";
import { APPOINTMENT_STAGE, CATEGORIES, CHANNELS, EMPLOYMENT_TYPES, VACANCY_NATURES, VERSANTS } from "@communa/db";
import { m } from "../messages.fr.ts";

const f = m.fields;
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, f.day);
/**
 * A field whose every refusal says, in French, which mandatory mention is missing or wrong. Core's
 * problem mapper keeps only custom issues' own messages (zod's are generic), so the check is one.
 */
function must<S extends z.ZodType>(schema: S, message: string, doc: Record<string, unknown>) {
  return z
    .unknown()
    .superRefine((v, ctx) => {
      if (!schema.safeParse(v).success) ctx.addIssue({ code: "custom", message });
    })
    .transform((v) => schema.parse(v) as z.output<S>)
    .openapi(doc);
}
const text = (message: string, max = 200) => must(z.string().trim().min(2).max(max), message, { type: "string", minLength: 2, maxLength: max });
const oneOf = <T extends readonly [string, ...string[]]>(values: T, message: string) => must(z.enum(values), message, { type: "string", enum: [...values] });
const dayOf = (message: string) => must(day, message, { type: "string", format: "date" });

const stageName = z.string().trim().min(2).max(40);

export const vacancyBody = z
  .object({
    // 1–12: décret 2018-1351 art. 3.
    versant: oneOf(VERSANTS, f.versant),
    nature: oneOf(VACANCY_NATURES, f.nature),
    category: oneOf(CATEGORIES, f.category),
    cadreEmplois: text(f.cadreEmplois),
    grade: z.string().trim().max(200).nullable().optional(),
    recruitingAuthority: text(f.recruitingAuthority),
    structure: text(f.structure),
    jobReference: text(f.jobReference),
    missions: text(f.missions, 8000),
    profile: text(f.profile, 8000),
    specificConditions: z.string().trim().max(4000).nullable().optional(),
    title: text(f.title),
    location: text(f.location),
    communeInsee: z
      .string()
      .regex(/^[0-9][0-9AB][0-9]{3}$/)
      .nullable()
      .optional(),
    vacancyDate: dayOf(f.vacancyDate),
    applicationAuthority: text(f.applicationAuthority, 500),
    applicationDeadline: dayOf(f.applicationDeadline),
    // JobPosting and pipeline.
    employmentType: z.enum(EMPLOYMENT_TYPES).default("FULL_TIME"),
    contractEndDate: day.nullable().optional(),
    salaryMinCents: z.number().int().min(0).max(100_000_000).nullable().optional(),
    salaryMaxCents: z.number().int().min(0).max(100_000_000).nullable().optional(),
    stages: z
      .array(stageName, { error: f.stages })
      .min(1, f.stages)
      .max(8, f.stages)
      .refine((s) => new Set(s).size === s.length && !s.includes(APPOINTMENT_STAGE), f.stages)
      .default(["Présélection", "Entretien"]),
    criteria: z
      .array(z.string().trim().min(2).max(80), { error: f.criteria })
      .min(1, f.criteria)
      .max(10, f.criteria)
      .default(["Compétences techniques", "Motivation", "Connaissance de l’environnement territorial"]),
    blindScreening: z.boolean().default(true),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.salaryMinCents != null && v.salaryMaxCents != null && v.salaryMinCents > v.salaryMaxCents)
      ctx.addIssue({ code: "custom", path: ["salaryMinCents"], message: f.salary });
  })
  .openapi("OffreEmploi");

export const vacancySchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.string(),
    versant: z.string(),
    nature: z.string(),
    category: z.string(),
    cadreEmplois: z.string(),
    grade: z.string().nullable(),
    recruitingAuthority: z.string(),
    structure: z.string(),
    jobReference: z.string(),
    missions: z.string(),
    profile: z.string(),
    specificConditions: z.string().nullable(),
    title: z.string(),
    location: z.string(),
    communeInsee: z.string().nullable(),
    vacancyDate: z.string(),
    applicationAuthority: z.string(),
    applicationDeadline: z.string(),
    employmentType: z.string(),
    contractEndDate: z.string().nullable(),
    salaryMinCents: z.number().nullable(),
    salaryMaxCents: z.number().nullable(),
    stages: z.array(z.string()),
    criteria: z.array(z.string()),
    blindScreening: z.boolean(),
    publications: z.array(z.object({ channel: z.string(), publishedAt: z.string() })),
    declaration: z
      .object({ motive: z.string(), cadreEmplois: z.string(), grade: z.string().nullable(), cdgReference: z.string(), declaredOn: z.string() })
      .nullable(),
  })
  .openapi("OffreEmploiVue");

export const declarationBody = z
  .object({
    motive: text(f.motive, 500),
    cadreEmplois: text(f.cadreEmplois),
    grade: z.string().trim().max(200).nullable().optional(),
    cdgReference: text(f.cdgReference, 80),
    declaredOn: day,
  })
  .strict();

export const channel = z.enum(CHANNELS);

export const parametersBody = z
  .object({
    validFrom: day,
    minPublicationDays: z.number().int().min(0).max(365),
    renewalNoticeDays: z.number().int().min(1).max(365),
    source: z.string().trim().min(5).max(500),
    scanUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable(),
  })
  .strict();

export const publicVacancySchema = z.object({
  reference: z.string(),
  title: z.string(),
  category: z.string(),
  location: z.string(),
  structure: z.string(),
  applicationDeadline: z.string(),
  datePosted: z.string(),
  url: z.string(),
});
