/**
 * The events devices send and the queue messages carrying them (ADR 0016), shared by the devices
 * Worker (producer: validates what a device posts) and the waste Worker (consumer: validates what
 * it reads from the queue, which an agent may have edited before a replay), and the dead letters a
 * consumer sets aside. The canonical JSON and digest below are part of the contract (what "the same
 * event" means to every consumer), not a domain rule. French messages per
 * field: a device's operator reads them in the per-event answer or on the dead-letter screen.
 */
import { z } from "zod";
import { WASTE_STREAMS } from "./waste.ts";
import { sha256Hex } from "@communa/core/hash";

/** Queue names (wrangler.toml of both Workers). */
export const QUEUES = { lifts: "bin-lifts", sorting: "sorting-events", telemetry: "telemetry", deadLetters: "waste-dead-letters" } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Kinds of device identity's registry knows (the database's enum is this list). */
export const DEVICE_KINDS = ["rfid-reader", "sorting-camera", "groundwater-sensor", "energy-meter", "kiosk", "screen"] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Most events in one request (and one `sendBatch`, whose own limit is 100 messages). */
export const MAX_BATCH = 100;

export { WASTE_STREAMS };

/** Sorting errors a camera reports (labels in the site's i18n). */
export const SORTING_CATEGORIES = [
  "glass-in-packaging",
  "bags-in-recycling",
  "residual-in-recycling",
  "residual-in-biowaste",
  "packaging-in-biowaste",
  "hazardous-waste",
  "textiles",
  "bulky-waste",
  "other",
] as const;

const LIMIT_PAST_MS = 366 * 24 * 3600 * 1000;
const LIMIT_FUTURE_MS = 10 * 60 * 1000;

/** An instant with its offset, not in the future (device clocks drift: 10 min tolerated) nor older than a year. */
const instant = z
  .string({ error: "Date et heure obligatoires (ISO 8601 avec fuseau)." })
  .pipe(z.iso.datetime({ offset: true, error: "Date et heure attendues au format ISO 8601 avec fuseau, ex. 2026-11-29T07:15:00+01:00." }))
  .refine((s) => Date.parse(s) <= Date.now() + LIMIT_FUTURE_MS, { error: "Date dans le futur : vérifiez l’horloge de l’équipement." })
  .refine((s) => Date.parse(s) >= Date.now() - LIMIT_PAST_MS, { error: "Événement de plus d’un an : il n’est plus accepté." });

/** ISO 11784/11785 identifier: 3-digit country or manufacturer code and 12-digit national id (separators dropped). */
export const chipId = z
  .string({ error: "Identifiant de puce obligatoire." })
  .transform((s) => s.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^[0-9]{15}$/, { error: "Identifiant de puce attendu : 15 chiffres (ISO 11784/11785), ex. 250 000012345678." }));

const seq = z
  .number({ error: "Numéro de séquence obligatoire (entier)." })
  .int({ error: "Le numéro de séquence est un entier." })
  .min(0, { error: "Le numéro de séquence est positif." })
  .max(Number.MAX_SAFE_INTEGER, { error: "Numéro de séquence trop grand." });

const label = (what: string) =>
  z
    .string({ error: `${what} obligatoire.` })
    .trim()
    .min(1, { error: `${what} obligatoire.` })
    .max(40, { error: `${what} : 40 caractères au plus.` });

const lon = z
  .number({ error: "Longitude obligatoire (nombre)." })
  .min(-180, { error: "Longitude hors limites." })
  .max(180, { error: "Longitude hors limites." });
const lat = z.number({ error: "Latitude obligatoire (nombre)." }).min(-90, { error: "Latitude hors limites." }).max(90, { error: "Latitude hors limites." });

/** A bin lift read by a truck's RFID reader. */
export const liftEventSchema = z
  .object({
    seq,
    chipId,
    truck: label("Camion"),
    round: label("Tournée"),
    liftedAt: instant,
    lon,
    lat,
    weightKg: z
      .number({ error: "Poids en kilogrammes (nombre)." })
      .min(0, { error: "Le poids ne peut être négatif." })
      .max(5000, { error: "Poids invraisemblable (plus de 5 000 kg)." })
      .nullable()
      .optional(),
    stream: z.enum(WASTE_STREAMS, { error: "Flux attendu : residual, packaging, biowaste ou glass." }),
  })
  .strict();
export type LiftEvent = z.output<typeof liftEventSchema>;

/** A sorting error seen by a truck's camera. */
export const sortingEventSchema = z
  .object({
    seq,
    chipId,
    observedAt: instant,
    category: z.enum(SORTING_CATEGORIES, { error: `Catégorie d’erreur attendue : ${SORTING_CATEGORIES.join(", ")}.` }),
    confidence: z
      .number({ error: "Confiance obligatoire (nombre entre 0 et 1)." })
      .min(0, { error: "Confiance entre 0 et 1." })
      .max(1, { error: "Confiance entre 0 et 1." }),
    imageKey: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9/._-]{0,199}$/, { error: "Clé d’image invalide (lettres, chiffres, / . _ -, 200 caractères au plus)." })
      .nullable()
      .optional(),
  })
  .strict();
export type SortingEvent = z.output<typeof sortingEventSchema>;

/** A sensor or meter reading (groundwater level, energy), for the environment module. */
export const telemetryEventSchema = z
  .object({
    seq,
    at: instant,
    metric: z
      .string({ error: "Mesure obligatoire." })
      .regex(/^[a-z][a-z0-9_.-]{0,59}$/, { error: "Nom de mesure : minuscules, chiffres, _ . - (60 au plus)." }),
    value: z.number({ error: "Valeur numérique obligatoire." }).refine(Number.isFinite, { error: "Valeur numérique finie attendue." }),
    unit: z.string({ error: "Unité obligatoire." }).min(1, { error: "Unité obligatoire." }).max(20, { error: "Unité : 20 caractères au plus." }),
  })
  .strict();
export type TelemetryEvent = z.output<typeof telemetryEventSchema>;

/** The key a device gives its event: unique per tenant, so redelivery writes it once. */
export const eventIdOf = (deviceId: string, seqNo: number) => `${deviceId}:${seqNo}`;

/**
 * Canonical JSON of a device event's fields (RFC 8785 for the values events hold): object keys
 * sorted by UTF-16 code units, no whitespace, numbers and strings as JSON.stringify writes them
 * (which is what RFC 8785 specifies), absent and null fields left out (a device may send
 * `weightKg: null` or omit it: the same content).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError("nombre non fini");
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** Fields holding an instant: the same instant written with another offset is the same content. */
const INSTANT_FIELDS = ["liftedAt", "observedAt", "at"];

/**
 * The digest of an event's content (after validation: chip separators dropped, labels trimmed),
 * SHA-256 of its canonical JSON, in hex. Stored with the event: under a key already stored, the same
 * digest is a redelivery, another one a device reusing its sequence number (ADR 0016). Not the
 * envelope: a device resending a batch gives the same event another request id and reception time.
 */
export async function eventDigest(event: Record<string, unknown>): Promise<string> {
  const normalised: Record<string, unknown> = { ...event };
  for (const f of INSTANT_FIELDS) {
    const v = normalised[f];
    if (typeof v === "string" && !Number.isNaN(Date.parse(v))) normalised[f] = new Date(v).toISOString();
  }
  return sha256Hex(canonicalJson(normalised));
}

const envelope = {
  v: z.literal(1, { error: "Version de message inconnue (1 attendu)." }),
  /** Set by the devices Worker from the gateway's trusted context, never by the device. */
  tenantId: z.uuid({ error: "Collectivité absente ou invalide." }),
  deviceId: z.uuid({ error: "Équipement absent ou invalide." }),
  eventId: z.string({ error: "Identifiant d’événement obligatoire." }).min(1).max(100),
  requestId: z.string().max(100),
  receivedAt: z.iso.datetime({ error: "Date de réception invalide." }),
};

const keyMatches: [(m: { eventId: string; deviceId: string; event: { seq: number } }) => boolean, { error: string; path: string[] }] = [
  (m) => m.eventId === eventIdOf(m.deviceId, m.event.seq),
  { error: "L’identifiant d’événement ne correspond pas à l’équipement et à la séquence.", path: ["eventId"] },
];

/** Messages (one event each: acknowledged one by one). */
export const liftMessageSchema = z.object({ ...envelope, event: liftEventSchema }).refine(...keyMatches);
export const sortingMessageSchema = z.object({ ...envelope, event: sortingEventSchema }).refine(...keyMatches);
export const telemetryMessageSchema = z.object({ ...envelope, event: telemetryEventSchema }).refine(...keyMatches);
export type LiftMessage = z.output<typeof liftMessageSchema>;
export type SortingMessage = z.output<typeof sortingMessageSchema>;
export type TelemetryMessage = z.output<typeof telemetryMessageSchema>;
/** What the devices Worker sends (before the consumer's parsing). */
export type EventMessage<E> = { v: 1; tenantId: string; deviceId: string; eventId: string; requestId: string; receivedAt: string; event: E };

/**
 * A message set aside by a consumer (sent to the dead-letter queue with the reason), or a raw
 * message the queue itself moved there after its retries ran out.
 */
export const deadLetterSchema = z.object({
  deadLetter: z.literal(1),
  queue: z.enum([QUEUES.lifts, QUEUES.sorting, QUEUES.telemetry]),
  tenantId: z.uuid(),
  reason: z.string().max(4000),
  attempts: z.number().int().min(0),
  body: z.unknown(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

/** French list of what is wrong in `input` for `schema`: "chemin : message". */
export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join("/"),
    message:
      i.code === "unrecognized_keys"
        ? `Champ inconnu : ${i.keys.join(", ")}.`
        : i.code === "invalid_union" || !i.message || /^Invalid/.test(i.message)
          ? "Valeur invalide."
          : i.message,
  }));
}
