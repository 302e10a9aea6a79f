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

/** Where an accent colour is drawn, as the refusal names it (see @communa/contracts/colour). */
const against = {
  bg: "sur fond blanc",
  onPrimary: "sous un texte blanc (bouton)",
  surface: "sur fond gris clair (encadrés)",
} as const;

/** Texts of the tenant's identity: accent colour and logo (issue #26). */
export const identityText = {
  accentFormat: "Couleur hexadécimale attendue, par exemple #1b4d89.",
  accentContrast: (pair: keyof typeof against, ratio: string) => `Contraste ${ratio} ${against[pair]}, 4,5:1 au moins : choisissez une couleur plus foncée.`,
  logoMissing: "Choisissez une image (PNG, JPEG ou WebP).",
  logoType: "Le fichier n’est pas une image PNG, JPEG ou WebP lisible.",
  logoSize: (max: number) => `L’image doit peser au plus ${Math.round(max / 1024 / 1024)} Mo.`,
  logoAlt: (max: number) => `Le texte de remplacement est obligatoire (${max} caractères au plus), par exemple « Blason de Liancourt ».`,
  noResizing: "Le réencodage des images n’est pas disponible : le logo n’a pas été enregistré.",
  noLogo: "Cette collectivité n’a pas de logo.",
} as const;
