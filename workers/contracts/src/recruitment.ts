/**
 * Public vocabularies of recruitment (issue #24, ADR 0040): the notice's versant, nature and
 * category (décret 2018-1351 art. 3), schema.org JobPosting's employmentType values, the notice's
 * states, the publication channels and the appointment stage. The database's check constraints,
 * the Worker's zod schemas and the site's labels all read these lists.
 */
export const VERSANTS = ["territoriale", "etat", "hospitaliere"] as const;
export const VACANCY_NATURES = ["creation", "vacance"] as const;
export const CATEGORIES = ["A", "B", "C"] as const;
/** schema.org JobPosting employmentType values (Google's list). */
export const EMPLOYMENT_TYPES = ["FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"] as const;
export const VACANCY_STATES = ["draft", "published", "closed"] as const;
export const CHANNELS = ["site", "place-emploi-public", "emploi-territorial", "france-travail"] as const;
/** The stage that names the candidate to the post: locked until declaration and publication time. */
export const APPOINTMENT_STAGE = "nomination";
/** An application's states. */
export const APPLICATION_STATES = ["active", "rejected", "hired", "withdrawn"] as const;
/**
 * Gender as the candidate may declare it, for the equality figures of the social report only
 * (optional; kept in the anonymous statistics, never on the application).
 */
export const DECLARED_GENDERS = ["femme", "homme"] as const;
