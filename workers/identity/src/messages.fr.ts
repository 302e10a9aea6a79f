/** French texts the identity Worker sends to people. */
export const mailText = {
  magicLink: (name: string, tenant: string, link: string, minutes: number) => ({
    subject: `Votre lien de connexion — ${tenant}`,
    body:
      `Bonjour ${name},\n\nPour vous connecter à l’espace de ${tenant}, ouvrez ce lien dans le navigateur où vous l’avez demandé :\n\n${link}\n\n` +
      `Il est valable ${minutes} minutes et ne sert qu’une fois. Si vous n’avez rien demandé, ignorez ce message.\n`,
  }),
  linkSent: "Si cette adresse correspond à un compte de la collectivité, un lien de connexion vient d’y être envoyé. Il est valable 15 minutes.",
} as const;

/** API keys (ADR 0008): why a key is refused or bounded. */
export const keyText = {
  refused: "Clé d’API invalide, expirée ou révoquée.",
  parentEnded: "Clé d’API refusée : la clé qui l’a créée est révoquée ou expirée.",
  noActiveKey: "Aucune clé active ne porte cet identifiant.",
  creatorNotPerson: "Une clé d’API se crée par une personne connectée, ou par une clé d’API qui agit pour une personne.",
  tooDeep: "Une clé créée par une autre clé ne peut pas créer de clé à son tour (une seule délégation).",
  capped: "L’échéance a été ramenée à celle de la clé qui crée celle-ci : une clé ne survit pas à sa clé parente.",
} as const;

/** Identity providers (ADR 0011). */
export const providerText = {
  notFound: "Aucun fournisseur d’identité ne porte ce nom ici.",
  notActive: "Aucun fournisseur d’identité actif ne porte ce nom ici.",
  slugTaken: (slug: string) => `Un fournisseur « ${slug} » existe déjà.`,
  issuerInvalid: "Adresse d’émetteur invalide.",
  issuerHttps: "L’émetteur doit être en HTTPS (HTTP accepté seulement sur cette machine, pour le développement).",
  issuerBare: "L’émetteur ne doit comporter ni paramètres ni fragment.",
  scopesOpenid: "Les portées doivent comprendre « openid ».",
  lastOfAudience: (label: string, audience: "agents" | "residents") =>
    `« ${label} » est le dernier fournisseur d’identité actif pour ${audience === "agents" ? "les agents et les élus" : "les habitants"} de la collectivité : ` +
    `le retirer ou le désactiver les empêcherait de se connecter (seul resterait le lien par e-mail, pour qui a une adresse connue). ` +
    `Déclarez ou activez d’abord un autre fournisseur, ou confirmez avec ?confirmer=dernier-fournisseur.`,
} as const;

/** Field errors of the identity API. */
export const fieldText = {
  issuer: "L’émetteur doit être l’adresse complète du fournisseur, en https (http pour un fournisseur local).",
} as const;

/** Sign-in links and sessions. */
export const sessionText = {
  linkRefused: "Lien de connexion invalide, expiré ou déjà utilisé. Demandez-en un nouveau.",
  otherBrowser: "Ouvrez le lien dans le navigateur où vous l’avez demandé.",
  personOnly: "Réservé aux personnes connectées.",
  noActiveSession: "Aucune session active ne porte cet identifiant.",
} as const;

/** Roles another domain asks identity to grant (ADR 0025). */
export const grantText = {
  unknownRole: (role: string) => `Rôle inconnu : ${role}.`,
  beyond: (domain: string, role: string) => `Le domaine « ${domain} » ne peut pas attribuer le rôle « ${role} » : personne n’attribue plus qu’il ne détient.`,
  deviceNotFound: "Aucun équipement actif ne porte cet identifiant.",
} as const;

/** Finding people for the back office's pickers. */
export const peopleText = {
  queryTooLong: "Saisissez au plus 100 caractères.",
  unknownRole: "Ce rôle n’existe pas.",
} as const;

/** Inviting a member by e-mail from the back office (ADR 0023's invitation, for any role). */
export const inviteText = {
  mail: (tenant: string, role: string, link: string, name: string | null) => ({
    subject: `Invitation à l’espace de ${tenant}`,
    body:
      `Bonjour${name ? ` ${name}` : ""},\n\nVous avez désormais le rôle « ${role} » dans l’espace numérique « ${tenant} » sur Communa.\n\n` +
      `Pour vous connecter, ouvrez cette page et saisissez cette adresse électronique : un lien de connexion personnel vous sera envoyé.\n\n${link}\n\n` +
      "Si vous n’attendiez pas cette invitation, ignorez ce message et prévenez l’administration de la collectivité.\n",
  }),
  alreadyHeld: "Cette personne a déjà ce rôle dans la collectivité.",
} as const;
