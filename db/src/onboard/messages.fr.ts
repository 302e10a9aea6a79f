/** What the onboarding command says to the platform operator, and the invitation it sends (French). */
const list = (items: string[], max = 8) => (items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} et ${items.length - max} autres`);

export const errorText = {
  sirenFormat: (siren: string) => `« ${siren} » n’est pas un numéro SIREN : neuf chiffres attendus (par exemple 246000376).`,
  sirenUnknown: (siren: string) =>
    `Aucun EPCI à fiscalité propre de SIREN ${siren} dans le découpage administratif national (millésime du paquet @etalab/decoupage-administratif).`,
  sirenIsCommune: (siren: string, name: string, insee: string, epci: { siren: string; name: string } | null) =>
    `Le SIREN ${siren} est celui d’une commune (${name}, INSEE ${insee}), pas d’un EPCI.` +
    (epci ? ` Son intercommunalité est ${epci.name} : relancez avec --siren ${epci.siren}.` : " Elle n’appartient à aucun EPCI à fiscalité propre."),
  memberMissing: (insee: string, epci: string) => `La commune ${insee}, membre de ${epci} selon la DGCL, est absente du code officiel géographique.`,
  emailInvalid: (email: string) => `« ${email} » n’est pas une adresse électronique valide.`,
  slugInvalid: (slug: string) => `« ${slug} » ne convient pas comme adresse : minuscules, chiffres et tirets (par exemple cc-du-clermontois).`,
  slugTaken: (slug: string, other: string) => `L’adresse « ${slug} » est déjà celle de ${other}.`,
  tenantNotEpci: (siren: string, name: string) => `Le SIREN ${siren} est déjà enregistré sur la plateforme comme commune (${name}).`,
  inseeTaken: (insee: string, slug: string, siren: string) =>
    `La commune ${insee} est déjà rattachée au tenant « ${slug} » sous un autre SIREN (${siren}) : corrigez le registre avant de relancer.`,
  competenceUnknown: (codes: string[]) => `Compétences inconnues du catalogue : ${list(codes)}.`,
  boundariesMissing: (names: string[]) =>
    `Contour manquant pour ${names.length} commune${names.length > 1 ? "s" : ""} membre${names.length > 1 ? "s" : ""} : ${list(names)}. ` +
    "Fournissez-les avec --boundaries fichier.geojson (une entité par commune, code INSEE dans la propriété « code »).",
  geojsonUnreadable: (file: string, why: string) => `Impossible de lire le fichier de contours ${file} : ${why}.`,
  geojsonNotCollection: (file: string) => `${file} n’est pas une FeatureCollection GeoJSON.`,
  geojsonNoMember: (file: string, expected: string[]) =>
    `${file} ne contient le code INSEE d’aucune commune membre (propriété « code », « insee » ou « code_insee » attendue ; codes des membres : ${list(expected)}).`,
  geojsonBadGeometry: (file: string, insee: string) => `${file} : le contour de la commune ${insee} n’est ni un Polygon ni un MultiPolygon.`,
  unionFailed: "Les contours des communes membres ne se laissent pas réunir en un contour d’EPCI (géométrie invalide ?) : vérifiez le fichier de contours.",
  geojsonDuplicate: (file: string, insee: string) => `${file} : la commune ${insee} y figure deux fois.`,
  databaseNotReady: "La base n’a pas le schéma attendu : lancez d’abord « npm run db:migrate » (ou « npm run db:seed »).",
  databaseUnreachable: (why: string) => `Base de données injoignable : ${why}.`,
  usage:
    "Usage : npm run tenant:add -- --siren <SIREN de l’EPCI> --admin <courriel> [--boundaries contours.geojson] " +
    '[--slug adresse] [--nom "Nom d’usage"] [--nom-court SIGLE] [--admin-nom "Prénom Nom"] [--competences code,code] [--origin https://…]',
  shortNameTooLong: (name: string, max: number) => `Nom court « ${name} » trop long : ${max} caractères au plus (un sigle, par exemple « CCLVD »).`,
  optionMissing: (name: string) => `Option --${name} manquante.`,
  optionUnknown: (why: string) => `Option non reconnue : ${why}.`,
  unexpected: (why: string) => `Erreur inattendue : ${why}.`,
} as const;

export const reportText = {
  created: "créée",
  updated: "mise à jour",
  unchanged: "inchangée",
  epci: (name: string, slug: string, status: string) => `EPCI ${name} (${slug}) : ${status}`,
  commune: (name: string, insee: string, slug: string, tenant: string, row: string) =>
    `  ${name} (${insee}, ${slug}) : collectivité ${tenant}, fiche commune ${row}`,
  reattached: (from: string) => `    rattachée à l’EPCI (auparavant : ${from})`,
  attached: "    rattachée à l’EPCI (elle n’en avait pas)",
  competences: (codes: string[]) => (codes.length ? `Compétences transférées ajoutées : ${codes.join(", ")}` : "Compétences transférées : inchangées"),
  boundary: (count: number) => `Contour de l’EPCI : union de ${count} communes`,
  invited: (email: string, link: string) => `Invitation d’administrateur envoyée à ${email} (boîte d’envoi ; lien : ${link})`,
  alreadyAdmin: (email: string) => `${email} est déjà administrateur : aucune invitation renvoyée`,
  nothingChanged: "Rien à changer : la plateforme était déjà à jour.",
  changed: (n: number) => `${n} modification${n > 1 ? "s" : ""} enregistrée${n > 1 ? "s" : ""}.`,
} as const;

export const mailText = {
  adminInvitation: (tenant: string, link: string, name: string | null) => ({
    subject: `Invitation à administrer l’espace de ${tenant}`,
    body:
      `Bonjour${name ? ` ${name}` : ""},\n\nVous êtes désormais administrateur de l’espace numérique « ${tenant} » sur Communa.\n\n` +
      `Pour vous connecter, ouvrez cette page et saisissez cette adresse électronique : un lien de connexion personnel vous sera envoyé.\n\n${link}\n\n` +
      "Si vous n’attendiez pas cette invitation, ignorez ce message et prévenez l’opérateur de la plateforme.\n",
  }),
} as const;
