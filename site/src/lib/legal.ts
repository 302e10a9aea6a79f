/**
 * Facts the legal pages state, as dated parameters: change them when they change (a new audit, a
 * new host), never in the pages.
 */
export const ACCESSIBILITY = {
  /** RGAA version the statement refers to. */
  rgaaVersion: "4.1.2",
  /** "non conforme" until an audit gives a rate (≥ 50 % partially, 100 % totally). */
  status: "non conforme" as "non conforme" | "partiellement conforme" | "totalement conforme",
  /** Date the statement was established (YYYY-MM-DD). */
  established: "2026-12-01",
  /** The last RGAA audit, when there is one. */
  audit: null as null | { date: string; by: string; rate: number },
};

/** Where the production platform runs (README, "Deploying to Cloudflare + Neon"). */
export const HOSTING = [
  "Pages et API : Cloudflare, Inc., 101 Townsend Street, San Francisco, CA 94107, États-Unis (réseau Cloudflare).",
  "Base de données : Neon, région eu-central-1 (Francfort, Union européenne).",
];
