/** Texts of the directory Worker's answers (French). */
export const m = {
  noListing: "Aucune fiche de cette collectivité ne porte cet identifiant.",
  notYours: "Vous ne gérez pas cette fiche.",
  noPhoto: "Aucune photo ne porte cet identifiant.",
  photoAlt: "Décrivez la photo en quelques mots (3 à 250 caractères) : ce texte est lu aux personnes qui ne la voient pas.",
  photoSize: (max: number) => `La photo doit peser moins de ${Math.round(max / 1024 / 1024)} Mo.`,
  photoType: "Ce fichier n’est pas une image JPEG, PNG ou WebP.",
  photoSmall: (min: number) => `Image trop petite : au moins ${min} pixels de côté.`,
  photoCount: (max: number) => `Une fiche compte au plus ${max} photos : retirez-en une d’abord.`,
  noResizing: "L’envoi de photos n’est pas configuré sur ce service (traitement des images absent).",
  photoMissing: "Joignez la photo (champ « photo »).",
  website: "Le site web doit être une adresse complète en http ou https (ex. https://boulangerie-dupont.fr).",
  sameAs: "Chaque profil (réseau social, fiche ailleurs) doit être une adresse complète en http ou https.",
} as const;
