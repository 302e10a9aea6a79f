/** Texts of the territory API's answers (French). */
export const fieldText = {
  website: "Le site web doit être une adresse complète en http ou https (ex. https://www.mairie-liancourt.fr).",
} as const;
