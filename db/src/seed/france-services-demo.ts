/**
 * France Services demonstration data for CCLVD (issue #18, fictional): the local partners the
 * roadmap names (Oise Mobilité, the water service, urbanism), a library and a collège, the desk
 * and one permanence in a member commune with weekly slots, bookable online: an appointments
 * service « France services » with that permanence as its place, the desk's demonstration agent
 * receiving there at the permanence's hours, and two motifs (ADR 0045 addendum). Loaded only when
 * the tenant has no partner yet: what the desk does afterwards survives later seeds. No
 * accompaniment is seeded.
 */
import { and, count, eq, isNull, ne, sql } from "drizzle-orm";
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
  const [seat] = await tx.select({ insee: schema.communes.insee, name: schema.communes.name }).from(schema.communes).where(eq(schema.communes.insee, "60360"));
  const [other] = await tx
    .select({ insee: schema.communes.insee, name: schema.communes.name })
    .from(schema.communes)
    .where(and(eq(schema.communes.epciSiren, tenant.siren), ne(schema.communes.insee, "60360")))
    .orderBy(schema.communes.name)
    .limit(1);
  if (n === 0) await seedNetwork(tx, tenant.id, seat, other);
  if (other) await seedPermanenceBooking(tx, tenant.id, other);
}

type Commune = { insee: string; name: string } | undefined;

async function seedNetwork(tx: Tx, tenantId: string, seat: Commune, other: Commune) {
  await tx.insert(schema.franceServicesPartners).values(PARTNERS.map((p) => ({ ...p, tenantId })));
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
      slots: PERMANENCE_SLOTS,
    },
  ].filter((p) => !!p);
  if (places.length) await tx.insert(schema.franceServicesPlaces).values(places.map((p) => ({ ...p, tenantId })));
}

const AGENT_EMAIL = "agent.franceservices@cclvd.invalid";
const SERVICE_NAME = "France services";
/** The permanence's hours (the agent's weekly rules at the appointment place are made from them). */
const PERMANENCE_SLOTS = [{ weekday: 2, start: "14:00", end: "16:30" }];
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The permanence's online booking (once: while the tenant has no « France services » service in
 * the appointments module): a place of that module named like the demonstration permanence, where
 * the desk's demonstration agent receives at its hours, two desk motifs; the permanence, when it
 * is there and not pointed elsewhere yet, is pointed to it.
 */
async function seedPermanenceBooking(tx: Tx, tenantId: string, commune: { insee: string; name: string }): Promise<void> {
  const [done] = await tx
    .select({ id: schema.citizenServices.id })
    .from(schema.citizenServices)
    .where(and(eq(schema.citizenServices.tenantId, tenantId), eq(schema.citizenServices.name, SERVICE_NAME)))
    .limit(1);
  const [person] = await tx.select({ id: schema.people.id }).from(schema.people).where(eq(schema.people.email, AGENT_EMAIL)).limit(1);
  if (done || !person) return;
  const name = `Permanence de ${commune.name}`;
  const address = `Mairie de ${commune.name}`;
  const communeInsee = commune.insee;
  const slots = PERMANENCE_SLOTS;
  const [service] = await tx
    .insert(schema.citizenServices)
    .values({
      tenantId,
      name: SERVICE_NAME,
      description: "Accompagnement aux démarches administratives et numériques, à l’accueil et lors des permanences dans les communes.",
      contactPhone: "01 99 00 10 03",
    })
    .returning({ id: schema.citizenServices.id });
  const [place] = await tx.insert(schema.citizenPlaces).values({ tenantId, name, address, communeInsee }).returning({ id: schema.citizenPlaces.id });
  const [agent] = await tx
    .insert(schema.citizenAgents)
    .values({ tenantId, serviceId: service.id, personId: person.id, displayName: "Hugo, conseiller France services" })
    .returning({ id: schema.citizenAgents.id });
  for (const s of slots)
    await tx.insert(schema.citizenOpeningRules).values({
      tenantId,
      agentId: agent.id,
      placeId: place.id,
      weekday: s.weekday,
      startMinute: minutes(s.start),
      endMinute: minutes(s.end),
      validFrom: "2026-01-01",
    });
  const motif = { tenantId, serviceId: service.id, locationType: "desk" as const, durationMinutes: 30, intervalMinutes: 30, minDelayMinutes: 60 };
  await tx.insert(schema.citizenMotifs).values([
    {
      ...motif,
      name: "Démarches en ligne (CAF, impôts, ANTS…) à la permanence",
      instructions: "Venez avec vos identifiants de connexion (vous les saisirez vous-même) et les courriers reçus.",
    },
    { ...motif, name: "Compte Ameli, retraite ou MSA à la permanence", instructions: "Apportez votre carte Vitale." },
  ]);
  await tx
    .update(schema.franceServicesPlaces)
    .set({ bookingPlaceId: place.id })
    .where(
      and(
        eq(schema.franceServicesPlaces.tenantId, tenantId),
        eq(schema.franceServicesPlaces.name, name),
        eq(schema.franceServicesPlaces.kind, "permanence"),
        isNull(schema.franceServicesPlaces.bookingPlaceId),
      ),
    );
}
