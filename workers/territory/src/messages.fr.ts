/** Texts of the territory API's answers (French). */
export const fieldText = {
  website: "Le site web doit être une adresse complète en http ou https (ex. https://www.mairie-liancourt.fr).",
  openingHours: (why: string) => `Horaires au format OpenStreetMap attendus (ex. Mo-Fr 08:30-12:00,13:30-17:30; PH off) — ${why}`,
} as const;

/** Communes and competences not found. */
export const notFoundText = {
  communeOutside: (insee: string) => `La commune ${insee} ne fait pas partie de ce territoire.`,
  noCommunes: "Aucune commune n’est rattachée à cette collectivité.",
  communeUnknown: (insee: string) => `Aucune commune de code INSEE ${insee} sur la plateforme.`,
  competenceUnknown: (code: string) => `Compétence inconnue : « ${code} ».`,
} as const;
