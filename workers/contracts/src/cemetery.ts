/**
 * Public vocabularies of cemetery management (issue #20): plot types, concession categories
 * (CGCT L2223-14: the council opens some of them, no other duration is allowed), operation kinds
 * and the steps of the abandonment procedure (L2223-17, R2223-12 to R2223-23). The database's
 * check constraints, the Worker's schemas and the site's labels use these lists.
 */

/** Plot types (openCimetière's six, the cavurne added; terrain commun rotates, R2223-5). */
export const PLOT_TYPES = ["concession", "columbarium", "cavurne", "enfeu", "ossuary", "depositoire", "terrain_commun"] as const;
export type PlotType = (typeof PLOT_TYPES)[number];

/** Concession categories (L2223-14): temporary (15 years at most), 30, 50 years, perpetual. */
export const CONCESSION_CATEGORIES = ["temporary", "thirty", "fifty", "perpetual"] as const;
export type ConcessionCategory = (typeof CONCESSION_CATEGORIES)[number];

/** Funeral operations, each authorised by the mayor. */
export const OPERATION_KINDS = ["burial", "urn_deposit", "exhumation", "reduction", "transfer"] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** What a deceased's remains are in the plot (occupancy is computed from it). */
export const REMAINS = ["coffin", "urn", "reduced"] as const;
export type Remains = (typeof REMAINS)[number];

/** Steps of the abandonment procedure, in order. */
export const ABANDONMENT_STEPS = [
  "notice", // R2223-13: heirs told one month ahead (registered letter) or notice posted
  "first_report", // R2223-14: on-site report (procès-verbal)
  "first_notification", // R2223-15/16: report notified within 8 days and posted
  "second_report", // R2223-18: new report after the waiting delay
  "second_notification", // R2223-18: notified to the interested parties
  "council_decision", // R2223-18: council seized one month after the notification
  "order", // L2223-17 al. 3: the mayor's arrêté de reprise
] as const;
export type AbandonmentStep = (typeof ABANDONMENT_STEPS)[number];
