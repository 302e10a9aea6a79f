/** Texts of the site's build (read by whoever runs `npm run build:site`), not of its pages. */
export const b = {
  siteUrlMissing: (api: string) =>
    `SITE_URL n’est pas défini alors que le site est construit depuis l’API ${api}, qui n’est pas sur cette machine : ` +
    "les liens canoniques, le plan du site (sitemap.xml) et robots.txt pointeraient vers une adresse locale. " +
    "Indiquez l’adresse publique du site, par exemple SITE_URL=https://communa.fr.",
  siteUrlInvalid: (value: string) =>
    `SITE_URL doit être l’origine publique du site, en http(s) et sans chemin (par exemple https://communa.fr) : « ${value} ».`,
};
