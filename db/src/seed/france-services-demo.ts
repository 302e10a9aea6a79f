/**
 * France Services demonstration data for CCLVD (issue #18, fictional): the local partners the
 * roadmap names (Oise Mobilité, the water service, urbanism), a library and a collège, the desk
 * and one permanence in a member commune with weekly slots. Loaded only when the tenant has no
 * partner yet: what the desk does afterwards survives later seeds. No accompaniment is seeded.
 */
import { and, count, eq, ne, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import * as schema from "../schema/index.ts";

type Tx = Parameters<Parameters<NodePgDatabase<typeof schema>["transaction"]>[0]>[0];

const PARTNERS = [
  { name: "Oise Mobilité", kind: "operateur-local" },
  { name: "Service de l’eau E.A.U", kind: "operateur-local" },
  { name: "Service urbanisme", kind: "operateur-local" },
  { name: "Médiathèque intercommunale", kind: "bibliotheque" },
  { name: "Collège du Liancourtois", kind: "college" },
] as const;

export async function seedFranceServicesDemo(tx: Tx): Promise<void> {
  const [tenant] = await tx
    .select({ id: schema.tenants.id, siren: schema.tenants.siren })
    .from(schema.tenants)
    .where(eq(schema.tenants.slug, "cclvd"))
    .limit(1);
  if (!tenant) return;
  await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenant.id}, true)`);
  const [{ n }] = await tx.select({ n: count() }).from(schema.franceServicesPartners).where(eq(schema.franceServicesPartners.tenantId, tenant.id));
  if (n > 0) return;
  await tx.insert(schema.franceServicesPartners).values(PARTNERS.map((p) => ({ ...p, tenantId: tenant.id })));
  const [seat] = await tx.select({ insee: schema.communes.insee, name: schema.communes.name }).from(schema.communes).where(eq(schema.communes.insee, "60360"));
  const [other] = await tx
    .select({ insee: schema.communes.insee, name: schema.communes.name })
    .from(schema.communes)
    .where(and(eq(schema.communes.epciSiren, tenant.siren), ne(schema.communes.insee, "60360")))
    .orderBy(schema.communes.name)
    .limit(1);
  const places = [
    seat && {
      name: "France Services du Liancourtois",
      kind: "accueil" as const,
      communeInsee: seat.insee,
      address: `Siège de la communauté de communes, ${seat.name}`,
      slots: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "09:00", end: "12:00" })).concat([{ weekday: 3, start: "14:00", end: "17:00" }]),
    },
    other && {
      name: `Permanence de ${other.name}`,
      kind: "permanence" as const,
      communeInsee: other.insee,
      address: `Mairie de ${other.name}`,
      slots: [{ weekday: 2, start: "14:00", end: "16:30" }],
    },
  ].filter((p) => !!p);
  if (places.length) await tx.insert(schema.franceServicesPlaces).values(places.map((p) => ({ ...p, tenantId: tenant.id })));
}
