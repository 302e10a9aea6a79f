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

/** Field errors of the identity API. */
export const fieldText = {
  issuer: "L’émetteur doit être l’adresse complète du fournisseur, en https (http pour un fournisseur local).",
} as const;
