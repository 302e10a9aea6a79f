/**
 * Kiosks and the station screen (issue #18, ADR 0046): the content of a tenant's display board as
 * the devices Worker stores it, the site edits it and the screens read it; the live socket's
 * messages; the public-service links a kiosk may offer (ids here, labels in the site's i18n).
 * French messages per field: an agent reads them in the back office's problem summary.
 */
import { z } from "zod";

/**
 * National operators and local partners a kiosk can link to. The URL is part of the contract (the
 * same destination on every tenant); which ones a tenant's kiosk shows is its board's `links`.
 */
export const PUBLIC_SERVICE_LINKS = {
  caf: "https://www.caf.fr/",
  impots: "https://www.impots.gouv.fr/",
  ameli: "https://www.ameli.fr/",
  msa: "https://www.msa.fr/",
  ants: "https://ants.gouv.fr/",
  prefecture: "https://www.oise.gouv.fr/",
  "france-travail": "https://www.francetravail.fr/",
  retraite: "https://www.info-retraite.fr/",
  "service-public": "https://www.service-public.fr/",
  "oise-mobilite": "https://www.oise-mobilite.fr/",
} as const;
export type PublicServiceLink = keyof typeof PUBLIC_SERVICE_LINKS;
export const PUBLIC_SERVICE_LINK_IDS = Object.keys(PUBLIC_SERVICE_LINKS) as [PublicServiceLink, ...PublicServiceLink[]];

/** Panels the station screen rotates through (labels in the site's i18n). */
export const SCREEN_PANELS = ["services", "permanences", "news"] as const;
export type ScreenPanel = (typeof SCREEN_PANELS)[number];

/** What an announcement is about (the news panel groups water and waste news). */
export const ANNOUNCEMENT_TOPICS = ["eau", "dechets", "general"] as const;

const day = z.iso.date({ error: "Date attendue au format AAAA-MM-JJ." });
const text = (what: string, max: number) =>
  z
    .string({ error: `${what} obligatoire.` })
    .trim()
    .min(1, { error: `${what} obligatoire.` })
    .max(max, { error: `${what} : ${max} caractères au plus.` });

export const announcementSchema = z
  .object({
    topic: z.enum(ANNOUNCEMENT_TOPICS, { error: "Thème attendu : eau, dechets ou general." }),
    title: text("Titre", 80),
    body: text("Texte", 300),
    startsOn: day,
    endsOn: day,
  })
  .strict()
  .refine((a) => a.endsOn >= a.startsOn, { error: "La fin de l’annonce précède son début.", path: ["endsOn"] });
export type Announcement = z.infer<typeof announcementSchema>;

/** A service desk and its opening hours, as the screen shows it. */
export const deskSchema = z.object({ name: text("Nom du service", 80), hours: text("Horaires", 160) }).strict();

/**
 * A permanence held in a commune (an operator's day at the France services desk). Entered here for
 * now; part A's permanences (workers/france-services) can feed this list later.
 */
export const permanenceSchema = z.object({ on: day, hours: text("Horaires", 40), who: text("Permanence", 80), place: text("Lieu", 80) }).strict();

export const boardSchema = z
  .object({
    panels: z
      .array(z.enum(SCREEN_PANELS, { error: "Panneau attendu : services, permanences ou news." }))
      .max(SCREEN_PANELS.length)
      .refine((p) => new Set(p).size === p.length, { error: "Chaque panneau une fois." }),
    /** Seconds each panel stays on screen (where motion is allowed). */
    rotateSeconds: z
      .number({ error: "Durée d’affichage en secondes (nombre)." })
      .int({ error: "Durée d’affichage : un nombre entier de secondes." })
      .refine((n) => n >= 5 && n <= 120, { error: "Durée d’affichage : de 5 à 120 secondes." }),
    links: z
      .array(z.enum(PUBLIC_SERVICE_LINK_IDS, { error: "Lien inconnu dans le catalogue des services publics." }))
      .refine((l) => new Set(l).size === l.length, { error: "Chaque lien une fois." }),
    desks: z.array(deskSchema).max(12, { error: "12 services au plus." }),
    permanences: z.array(permanenceSchema).max(30, { error: "30 permanences au plus." }),
    announcements: z.array(announcementSchema).max(20, { error: "20 annonces au plus." }),
  })
  .strict();
export type Board = z.infer<typeof boardSchema>;

/** A board as served: its version (a counter) and when it last changed. */
export type PublishedBoard = Board & { version: number; updatedAt: string | null };

/** The live socket's messages, server to screen: the board changed (the screen reads it again). */
export const boardMessageSchema = z.object({ type: z.literal("board"), version: z.number().int() });
export type BoardMessage = z.infer<typeof boardMessageSchema>;

/** What a resident may leave with a kiosk's help request: optional first name and phone only. */
export const kioskHelpSchema = z
  .object({
    firstName: z
      .string()
      .trim()
      .max(40, { error: "Prénom : 40 caractères au plus." })
      .refine((s) => s === "" || /^[\p{L}][\p{L}' -]*$/u.test(s), { error: "Prénom : lettres, espaces, apostrophes et traits d’union." })
      .optional(),
    phone: z
      .string()
      .trim()
      .refine((s) => s === "" || /^(\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$/.test(s), { error: "Numéro de téléphone attendu, ex. 03 44 12 34 56." })
      .optional(),
  })
  .strict();
export type KioskHelp = z.infer<typeof kioskHelpSchema>;

/** A kiosk resets after this many idle minutes unless France services set another (its `settings.idleMinutes`, 1 to 60). */
export const KIOSK_DEFAULT_IDLE_MINUTES = 3;
