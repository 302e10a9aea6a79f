/**
 * The desk's services in the data·inclusion `service` schema (v1, gip-inclusion/data-inclusion-
 * schema; a copy is in tests/fixtures/schemas with its provenance): the desk and each permanence
 * is one service, so national directories (DORA, data·inclusion's API) find where and when a
 * resident can be helped. Pure: the route passes the tenant, its places and the territory.
 */
import type { PLACE_KINDS } from "@communa/contracts/france-services";
import { m } from "../messages.fr.ts";

export interface DataInclusionPlace {
  id: string;
  name: string;
  kind: (typeof PLACE_KINDS)[number];
  communeInsee: string;
  communeName: string | null;
  address: string;
  openingHours: string;
  updatedAt: Date;
}

export interface DataInclusionInput {
  tenant: { slug: string; name: string; kind: "epci" | "commune"; siren: string };
  places: readonly DataInclusionPlace[];
  /** The tenant's public France Services page. */
  pageUrl?: string;
}

const THEMES = [
  "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
  "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
  "numerique--acceder-a-des-services-en-ligne",
];

/** The source's own identifiers: `communa--<tenant>` for the structure, `…--<place id>` for a service. */
export function toDataInclusion({ tenant, places, pageUrl }: DataInclusionInput) {
  const structureId = `communa--${tenant.slug}`;
  return places.map((p) => ({
    source: "communa",
    structure_id: structureId,
    id: `${structureId}--${p.id}`,
    nom: (p.kind === "accueil" ? m.dataInclusion.desk(tenant.name) : m.dataInclusion.permanence(p.name)).slice(0, 150),
    description: m.dataInclusion.description,
    type: "accompagnement" as const,
    thematiques: THEMES,
    frais: "gratuit" as const,
    publics: ["tous-publics"],
    modes_accueil: ["en-presentiel"],
    modes_mobilisation: ["se-presenter"],
    mobilisable_par: ["usagers", "professionnels"],
    conditions_acces: m.dataInclusion.access,
    adresse: p.address,
    commune: p.communeName,
    code_insee: p.communeInsee,
    horaires_accueil: p.openingHours || null,
    // An EPCI's services are open to its whole territory (its SIREN); a commune's to itself.
    zone_eligibilite: [tenant.kind === "epci" ? tenant.siren : p.communeInsee],
    lien_source: pageUrl ?? null,
    date_maj: p.updatedAt.toISOString().slice(0, 10),
  }));
}
