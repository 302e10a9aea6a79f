/**
 * What onboarding an intercommunality writes, independent of where the facts come from (the
 * national administrative division for `npm run tenant:add`, the repository's seed files for the
 * demonstration territory). One plan, one writer (`applyPlan`): ADR 0023.
 */

/** A refusal the operator can act on: its message is French and says what to do; no stack trace. */
export class OnboardingError extends Error {
  override name = "OnboardingError";
}

export type Boundary = GeoJSON.Polygon | GeoJSON.MultiPolygon;

export interface PlannedCommune {
  insee: string;
  name: string;
  siren: string;
  postcode: string;
  /** Département code, to tell two communes of the same name apart in their slugs. */
  departement: string;
  /** Legal municipal population (INSEE) of `populationYear`. */
  population: number;
  populationTotal: number;
  /**
   * False when `populationTotal` is of another source or vintage than `population` (the national
   * division carries INSEE's municipal population but only the DGCL's total): it is then written
   * for a commune the platform does not know yet, and an existing figure is kept.
   */
  populationTotalFirm: boolean;
  populationYear: number;
  /** Null: keep the stored outline (a new commune then needs one). */
  boundary: Boundary | null;
  /** Enforced when given (the seed's names are addresses already published); else kept or derived. */
  slug?: string;
}

export interface OnboardingPlan {
  epci: {
    siren: string;
    /** Registered name (DGCL). */
    legalName: string;
    /** Name shown to people; when absent, an existing tenant keeps its own, a new one takes the legal name. */
    name?: string;
    slug?: string;
    /** Short name in headings and links ("CCLVD"); when absent, an existing tenant keeps its own. */
    shortName?: string;
    /** Slug, usage and short names for the tenant if it has to be created (none is ever imposed on an existing one). */
    suggested?: { slug: string; name: string; shortName?: string };
    /** Competences transferred to the EPCI (codes of the `competences` catalogue). */
    competences: string[];
  };
  communes: PlannedCommune[];
}

export type Status = "created" | "updated" | "unchanged";

export interface CommuneReport {
  insee: string;
  name: string;
  slug: string;
  tenantId: string;
  tenant: Status;
  row: Status;
  /** The commune had no EPCI (null) or another one (its slug) before this run. */
  previousParent?: string | null;
}

export interface OnboardingReport {
  epci: { id: string; slug: string; name: string; status: Status };
  communes: CommuneReport[];
  /** Competence codes newly transferred to the EPCI. */
  competencesAdded: string[];
  /** How many members the EPCI's outline (the union of their outlines) is made of. */
  boundaryMembers: number;
  invitation?: { email: string; personId: string; sent: boolean; link: string };
  /** Number of rows created or changed; 0 means the run changed nothing. */
  changes: number;
}
