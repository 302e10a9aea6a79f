/**
 * Public vocabularies of waste management: the streams a bin, a tariff or a lift belongs to (the
 * database's check constraints, the device events and the site's labels all use this one list).
 */

/** Waste streams (keys stable in data and addresses; French labels live with each reader). */
export const WASTE_STREAMS = ["residual", "packaging", "biowaste", "glass"] as const;
export type WasteStream = (typeof WASTE_STREAMS)[number];

/** Where a bin is in its life (registry). */
export const BIN_STATUSES = ["in_service", "stock", "stolen", "broken", "removed"] as const;
export type BinStatus = (typeof BIN_STATUSES)[number];
