/**
 * Writes an onboarding plan: the EPCI tenant, each member's commune row (INSEE reference data)
 * and commune tenant under the EPCI, and the EPCI's transferred competences. Idempotent by
 * construction: every row is read first and written only when it differs, so a second run writes
 * nothing and reports zero changes. Rows are matched by SIREN (tenants) and INSEE code (communes):
 * a commune created earlier (a neighbour that joined trail projects) is the same row afterwards.
 * Runs inside the caller's transaction, as the owner role (ADR 0002: tenant-owned rows are written
 * under their tenant, so RLS holds even for a non-superuser owner).
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import union from "@turf/union";
import { feature, featureCollection } from "@turf/helpers";
import * as schema from "../schema/index.ts";
import { bboxOf } from "../geo.ts";
import { slugify } from "@communa/core/slug";
import { OnboardingError, type Boundary, type CommuneReport, type OnboardingPlan, type OnboardingReport, type PlannedCommune, type Status } from "./plan.ts";
import { errorText } from "./messages.fr.ts";

export type OwnerTx = Parameters<Parameters<NodePgDatabase<typeof schema>["transaction"]>[0]>[0];
type TenantRow = typeof schema.tenants.$inferSelect;
type CommuneRow = typeof schema.communes.$inferSelect;

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** A slug is a DNS label in production (`<slug>.<BASE_DOMAIN>`): at most 63 characters. */
const MAX_SLUG = 63;
/** A short name is an acronym or a word or two ("CCLVD", "Clermontois"). */
const MAX_SHORT_NAME = 40;
const fit = (slug: string) => slug.slice(0, MAX_SLUG).replace(/-+$/, "");

/** Applies `plan`; throws `OnboardingError` (nothing written, the caller's transaction rolls back) when it cannot. */
export async function applyPlan(tx: OwnerTx, plan: OnboardingPlan): Promise<Omit<OnboardingReport, "invitation">> {
  await checkCompetences(tx, plan.epci.competences);
  const existingRows = await tx
    .select()
    .from(schema.communes)
    .where(
      inArray(
        schema.communes.insee,
        plan.communes.map((c) => c.insee),
      ),
    );
  const rowsByInsee = new Map(existingRows.map((r) => [r.insee.trim(), r]));
  const missing = plan.communes.filter((c) => !c.boundary && !rowsByInsee.get(c.insee)?.boundary);
  if (missing.length) throw new OnboardingError(errorText.boundariesMissing(missing.map((c) => `${c.name} (${c.insee})`)));

  let changes = 0;
  const epci = await upsertEpci(tx, plan.epci);
  if (epci.status !== "unchanged") changes++;
  const communes: CommuneReport[] = [];
  for (const c of plan.communes) {
    const row = await upsertCommuneRow(tx, c, plan.epci.siren, rowsByInsee.get(c.insee));
    const tenant = await upsertCommuneTenant(tx, c, epci.row);
    changes += Number(row !== "unchanged") + Number(tenant.status !== "unchanged");
    communes.push({ insee: c.insee, name: c.name, slug: tenant.row.slug, tenantId: tenant.row.id, tenant: tenant.status, row, ...tenant.parentChange });
  }
  const competencesAdded = await transferCompetences(tx, epci.row.id, plan.epci.competences);
  changes += competencesAdded.length;
  checkUnion(plan.communes.map((c) => c.boundary ?? rowsByInsee.get(c.insee)!.boundary));
  return {
    epci: { id: epci.row.id, slug: epci.row.slug, name: epci.row.name, status: epci.status },
    communes,
    competencesAdded,
    boundaryMembers: plan.communes.length,
    changes,
  };
}

async function checkCompetences(tx: OwnerTx, codes: string[]) {
  if (!codes.length) return;
  const known = await tx.select({ code: schema.competences.code }).from(schema.competences).where(inArray(schema.competences.code, codes));
  const unknown = codes.filter((c) => !known.some((k) => k.code === c));
  if (unknown.length) throw new OnboardingError(errorText.competenceUnknown(unknown));
}

async function tenantBy(tx: OwnerTx, column: "siren" | "slug" | "insee", value: string): Promise<TenantRow | undefined> {
  return (await tx.select().from(schema.tenants).where(eq(schema.tenants[column], value)).limit(1))[0];
}

/**
 * The slug a tenant gets: the one asked for (refused if another tenant has it), its current one
 * (addresses are published: never renamed behind the operator's back), or the first free one of
 * the name, name-département, name-INSEE (French commune names repeat across the country).
 */
async function slugFor(tx: OwnerTx, siren: string, asked: string | undefined, current: string | undefined, candidates: string[]): Promise<string> {
  if (asked) {
    if (!SLUG.test(asked) || asked.length > MAX_SLUG) throw new OnboardingError(errorText.slugInvalid(asked));
    const holder = await tenantBy(tx, "slug", asked);
    if (holder && holder.siren !== siren) throw new OnboardingError(errorText.slugTaken(asked, holder.name));
    return asked;
  }
  if (current) return current;
  for (const c of candidates.map(fit)) {
    if (c && !(await tenantBy(tx, "slug", c))) return c;
  }
  throw new OnboardingError(errorText.slugTaken(candidates[candidates.length - 1], "une autre collectivité"));
}

async function upsertEpci(tx: OwnerTx, e: OnboardingPlan["epci"]): Promise<{ row: TenantRow; status: Status }> {
  const existing = await tenantBy(tx, "siren", e.siren);
  if (existing && existing.kind !== "epci") throw new OnboardingError(errorText.tenantNotEpci(e.siren, existing.name));
  const derived = slugify(e.legalName);
  const slug = await slugFor(tx, e.siren, e.slug, existing?.slug, [e.suggested?.slug ?? derived, derived, `${derived}-${e.siren}`]);
  const name = e.name ?? existing?.name ?? e.suggested?.name ?? e.legalName;
  const shortName = e.shortName || (existing ? existing.shortName : (e.suggested?.shortName ?? null));
  if (shortName && shortName.length > MAX_SHORT_NAME) throw new OnboardingError(errorText.shortNameTooLong(shortName, MAX_SHORT_NAME));
  const values = { slug, kind: "epci" as const, name, shortName, legalName: e.legalName, siren: e.siren };
  if (!existing) {
    const [row] = await tx.insert(schema.tenants).values(values).returning();
    return { row, status: "created" };
  }
  if (existing.slug === values.slug && existing.name === values.name && existing.shortName === values.shortName && existing.legalName === values.legalName)
    return { row: existing, status: "unchanged" };
  const [row] = await tx.update(schema.tenants).set(values).where(eq(schema.tenants.id, existing.id)).returning();
  return { row, status: "updated" };
}

async function upsertCommuneRow(tx: OwnerTx, c: PlannedCommune, epciSiren: string, existing: CommuneRow | undefined): Promise<Status> {
  const boundary: Boundary = c.boundary ?? existing!.boundary;
  const values = {
    insee: c.insee,
    name: c.name,
    postcode: c.postcode,
    siren: c.siren,
    epciSiren,
    population: c.population,
    populationTotal: c.populationTotalFirm || !existing ? c.populationTotal : existing.populationTotal,
    populationYear: c.populationYear,
    boundary,
    bbox: bboxOf(boundary),
  };
  if (!existing) {
    await tx.insert(schema.communes).values(values);
    return "created";
  }
  if (sameJson({ ...existing, insee: existing.insee.trim() }, values)) return "unchanged";
  await tx.update(schema.communes).set(values).where(eq(schema.communes.insee, c.insee));
  return "updated";
}

async function upsertCommuneTenant(
  tx: OwnerTx,
  c: PlannedCommune,
  epci: TenantRow,
): Promise<{ row: TenantRow; status: Status; parentChange?: { previousParent: string | null } }> {
  const existing = await tenantBy(tx, "siren", c.siren);
  const byInsee = await tenantBy(tx, "insee", c.insee);
  if (byInsee && byInsee.siren !== c.siren) throw new OnboardingError(errorText.inseeTaken(c.insee, byInsee.slug, byInsee.siren));
  if (existing && existing.kind !== "commune") throw new OnboardingError(errorText.inseeTaken(c.insee, existing.slug, existing.siren));
  const base = slugify(c.name);
  const slug = await slugFor(tx, c.siren, c.slug, existing?.slug, [base, `${base}-${c.departement.toLowerCase()}`, `${base}-${c.insee.toLowerCase()}`]);
  const values = { slug, kind: "commune" as const, name: c.name, legalName: c.name, siren: c.siren, insee: c.insee, parentId: epci.id };
  if (!existing) {
    const [row] = await tx.insert(schema.tenants).values(values).returning();
    return { row, status: "created" };
  }
  let parentChange: { previousParent: string | null } | undefined;
  if (existing.parentId !== epci.id) {
    const previous = existing.parentId ? (await tx.select().from(schema.tenants).where(eq(schema.tenants.id, existing.parentId)))[0] : undefined;
    parentChange = { previousParent: previous?.slug ?? null };
  }
  const same = existing.slug === slug && existing.name === c.name && existing.legalName === c.name && existing.insee?.trim() === c.insee && !parentChange;
  if (same) return { row: existing, status: "unchanged" };
  const [row] = await tx
    .update(schema.tenants)
    .set(values)
    .where(and(eq(schema.tenants.id, existing.id), ne(schema.tenants.kind, "epci")))
    .returning();
  return { row, status: "updated", parentChange };
}

/** Adds the transfers the EPCI lacks; never removes one (a transfer ends by a legal act, recorded by an agent). */
async function transferCompetences(tx: OwnerTx, epciId: string, codes: string[]): Promise<string[]> {
  await tx.execute(sql`SELECT set_config('app.tenant_id', ${epciId}, true)`);
  const added: string[] = [];
  for (const code of codes) {
    const rows = await tx
      .insert(schema.competenceTransfers)
      .values({ tenantId: epciId, competenceCode: code })
      .onConflictDoNothing()
      .returning({ code: schema.competenceTransfers.competenceCode });
    if (rows.length) added.push(code);
  }
  return added;
}

/** The EPCI's outline is the union of its members' (computed by the territory Worker): make sure it can be. */
function checkUnion(boundaries: Boundary[]) {
  if (boundaries.length < 2) return;
  try {
    if (union(featureCollection(boundaries.map((b) => feature(b))))) return;
  } catch {
    /* reported below */
  }
  throw new OnboardingError(errorText.unionFailed);
}

/** Deep equality of JSON-like values, whatever the key order (jsonb does not keep it). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) return false;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
