/**
 * The tenants the site has pages for, read from the platform's API when the site is built
 * (`GET /api/tenants` on COMMUNA_API_ORIGIN, the gateway): a tenant added with `npm run tenant:add`
 * gets its pages at the next build, no seed file involved (ADR 0025, amendment). The build fails
 * with a French message when the API does not answer: pages built from nothing would publish an
 * empty site. A tenant added while `npm run dev` runs shows once the dev server restarts.
 */
import createClient from "openapi-fetch";
import type { paths } from "./api/schema";

type Directory = paths["/api/tenants"]["get"]["responses"][200]["content"]["application/json"];
type Boundary = GeoJSON.Polygon | GeoJSON.MultiPolygon;

/** A commune as the pages show it: the API's commune, addressed by its tenant's slug. */
export type CommuneRecord = Omit<Directory["communes"][number], "boundary" | "tenant"> & { slug: string; boundary: Boundary };

/** The EPCI a commune page links back to. */
export interface EpciRef {
  slug: string;
  name: string;
  /** What headings and links call it ("CCLVD"): its short name, else its name. */
  shortName: string;
  siren: string;
}

export interface EpciPage {
  kind: "epci";
  slug: string;
  name: string;
  siren: string;
  members: CommuneRecord[];
  population: number;
  populationTotal: number;
}

export interface CommunePage {
  kind: "commune";
  slug: string;
  name: string;
  commune: CommuneRecord;
  epci: EpciRef | undefined;
  siblings: CommuneRecord[];
}

export type TenantPage = EpciPage | CommunePage;

export interface Territory {
  epcis: EpciPage[];
  communes: CommunePage[];
  pages: TenantPage[];
  /** Each tenant's accent colours and logo, with the EPCI/commune rule applied (identityFrom). */
  identities: Record<string, TenantIdentity>;
}

export const POPULATION_YEAR = 2023;

/**
 * The pages, from the API's answer (pure: the tests feed it real answers). A commune tenant whose
 * commune row is missing has no page (nothing to show); an EPCI lists its members by name.
 */
export function pagesFrom(directory: Directory): Territory {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "fr");
  const communeOf = new Map<string, CommuneRecord>();
  for (const { tenant, boundary, ...c } of directory.communes) {
    if (!boundary) throw new Error(`Réponse de /api/tenants sans contour pour la commune ${c.insee} (geometry=true attendu).`);
    communeOf.set(c.insee, { ...c, slug: tenant, boundary });
  }
  const epciTenants = directory.tenants.filter((t) => t.kind === "epci");
  const communeTenants = directory.tenants.filter((t) => t.kind === "commune" && t.insee && communeOf.has(t.insee));
  const membersOf = (slug: string) =>
    communeTenants
      .filter((t) => t.parent === slug)
      .map((t) => communeOf.get(t.insee!)!)
      .sort(byName);
  const epcis: EpciPage[] = epciTenants.map((e) => {
    const members = membersOf(e.slug);
    return {
      kind: "epci",
      slug: e.slug,
      name: e.name,
      siren: e.siren,
      members,
      population: members.reduce((n, c) => n + c.population, 0),
      populationTotal: members.reduce((n, c) => n + c.populationTotal, 0),
    };
  });
  const communes: CommunePage[] = communeTenants
    .map((t): CommunePage => {
      const commune = communeOf.get(t.insee!)!;
      const parent = epciTenants.find((e) => e.slug === t.parent);
      return {
        kind: "commune",
        slug: t.slug,
        name: t.name,
        commune,
        epci: parent ? { slug: parent.slug, name: parent.name, shortName: parent.shortName ?? parent.name, siren: parent.siren } : undefined,
        siblings: parent ? membersOf(parent.slug).filter((o) => o.insee !== commune.insee) : [],
      };
    })
    .sort(byName);
  // The largest first (the home page's order).
  epcis.sort((a, b) => b.population - a.population || byName(a, b));
  const identities = Object.fromEntries(directory.tenants.map((t) => [t.slug, identityFrom(directory, t.slug)]));
  return { epcis, communes, pages: [...epcis, ...communes], identities };
}

/** The API's origin for the build, or a French error saying what to do. */
export function apiOrigin(): string {
  const api = process.env.COMMUNA_API_ORIGIN;
  if (!api) {
    throw new Error(
      "COMMUNA_API_ORIGIN n’est pas défini : le site lit ses collectivités dans l’API (GET /api/tenants). " +
        "Lancez la plateforme (npm run dev) ou indiquez l’adresse de la passerelle, par exemple COMMUNA_API_ORIGIN=http://127.0.0.1:8787.",
    );
  }
  return api;
}

/** Reads the tenants from the API at `origin` (`fetch` may be a Worker's own, in tests). */
export async function readTerritory(origin: string, fetcher: typeof fetch = fetch): Promise<Territory> {
  const client = createClient<paths>({ baseUrl: origin, fetch: fetcher });
  const answer = await client.GET("/api/tenants", { params: { query: { geometry: "true" } }, headers: { "cache-control": "no-cache" } }).catch((err: Error) => {
    throw new Error(`L’API ${origin} ne répond pas (GET /api/tenants) : ${err.message}. Le site ne peut pas être construit sans ses collectivités.`, {
      cause: err,
    });
  });
  if (!answer.data)
    throw new Error(`L’API ${origin} a répondu ${answer.response.status} à GET /api/tenants : le site ne peut pas être construit sans ses collectivités.`);
  return pagesFrom(answer.data);
}

/**
 * Read once per module life: a build, or the dev server until a file changes or it restarts. Astro
 * keeps each page's getStaticPaths as long as its module, so a fresher list here would only make
 * the home link to tenant pages the dev server does not know yet. A failed read is not kept.
 */
let cached: Promise<Territory> | null = null;

export function territory(): Promise<Territory> {
  if (!cached) {
    const value = readTerritory(apiOrigin());
    value.catch(() => {
      if (cached === value) cached = null;
    });
    cached = value;
  }
  return cached;
}

export type TenantProfile = paths["/api/territory/profile"]["get"]["responses"][200]["content"]["application/json"];

/**
 * The tenant's own card (mairie's address, opening hours, contacts), read when its home is built;
 * always fresh (the dev server renders the home on request, so an agent's edit shows at once).
 */
export async function tenantProfile(slug: string, origin: string = apiOrigin(), fetcher: typeof fetch = fetch): Promise<TenantProfile> {
  const client = createClient<paths>({ baseUrl: `${origin}/t/${slug}`, fetch: fetcher });
  const answer = await client.GET("/api/territory/profile", { headers: { "cache-control": "no-cache" } }).catch((err: Error) => {
    throw new Error(`L’API ${origin} ne répond pas (fiche de ${slug}) : ${err.message}.`, { cause: err });
  });
  if (!answer.data) throw new Error(`L’API ${origin} a répondu ${answer.response.status} à la fiche de ${slug} (GET /t/${slug}/api/territory/profile).`);
  return answer.data;
}

/** GeoJSON for the map: each commune's polygon, flagged when it is the page's own. */
export function mapData(page: TenantPage): GeoJSON.FeatureCollection {
  const communes = page.kind === "epci" ? page.members : [page.commune];
  return {
    type: "FeatureCollection",
    features: communes.map((c) => ({
      type: "Feature",
      properties: { name: c.name, insee: c.insee },
      geometry: c.boundary,
    })),
  };
}

/**
 * The communes the home page draws: an EPCI's members; a commune among the other members of its
 * EPCI (`focus` is the page's own), or alone when it belongs to none the site knows.
 */
export function outlineData(page: TenantPage): { data: GeoJSON.FeatureCollection; focus: string | null } {
  if (page.kind === "epci") return { data: mapData(page), focus: null };
  const communes = [page.commune, ...(page.epci ? page.siblings : [])];
  return {
    data: {
      type: "FeatureCollection",
      features: communes.map((c) => ({ type: "Feature", properties: { name: c.name, insee: c.insee }, geometry: c.boundary })),
    },
    focus: page.commune.insee,
  };
}

/**
 * The tenants whose pages a build makes. A listing's incremental rebuild
 * (`COMMUNA_ONLY_LISTING=<commune>/<listing>`, scripts/build-listing.ts) makes none of them: only the
 * listing's page, its directory pages and the sitemap (ADR 0013).
 */
export async function sitePages(): Promise<TenantPage[]> {
  return process.env.COMMUNA_ONLY_LISTING ? [] : (await territory()).pages;
}

/** For an incremental rebuild: the listing's commune and its EPCI (their directory pages change). */
export function onlyListing(): { commune: string; listing: string } | null {
  const v = process.env.COMMUNA_ONLY_LISTING;
  if (!v) return null;
  const [commune, listing] = v.split("/");
  return { commune, listing };
}

/** A tenant's logo or coat of arms as the API gives it (`src` root-relative, through the gateway). */
export interface TenantLogo {
  src: string;
  alt: string;
  width: number;
  height: number;
}

/**
 * What a page's header and colours show of its tenant (issue #26). `accent` and `logo` are the
 * shape SiteHeader.astro takes as its `identity` prop; `accentDark` is the accent's dark-mode
 * variant (computed and checked by the API); `epci` is set on a commune's pages, for its
 * "membre de <EPCI>" line with the EPCI's logo small.
 *
 * The rule, EPCI and communes related but distinct: a commune shows its own logo, never its EPCI's
 * in its place; its colour is its own, else its EPCI's (the territory's family look); an EPCI or a
 * commune with neither keeps the platform's default colours (null).
 */
export interface TenantIdentity {
  accent: string | null;
  accentDark: string | null;
  logo: TenantLogo | null;
  epci: { slug: string; name: string; shortName: string; logo: TenantLogo | null } | null;
}

/** The identity of `slug` from the API's tenant list (pure: the tests feed it real answers). */
export function identityFrom(directory: Pick<Directory, "tenants">, slug: string): TenantIdentity {
  const self = directory.tenants.find((t) => t.slug === slug);
  if (!self) throw new Error(`Collectivité inconnue de GET /api/tenants : « ${slug} ».`);
  const parent = self.parent ? directory.tenants.find((t) => t.slug === self.parent) : undefined;
  const colour = self.accent ? self : parent?.accent ? parent : null;
  return {
    accent: colour?.accent ?? null,
    accentDark: colour?.accentDark ?? null,
    logo: self.logo ?? null,
    epci: parent ? { slug: parent.slug, name: parent.name, shortName: parent.shortName ?? parent.name, logo: parent.logo ?? null } : null,
  };
}

/**
 * The tenant's identity for its pages, read when they are built: always fresh (the dev server
 * renders on request, so an agent's new colour or logo shows at once), like its card.
 */
export async function tenantIdentity(slug: string, origin: string = apiOrigin(), fetcher: typeof fetch = fetch): Promise<TenantIdentity> {
  const client = createClient<paths>({ baseUrl: origin, fetch: fetcher });
  const answer = await client
    .GET("/api/tenants", { params: { query: { geometry: "false" } }, headers: { "cache-control": "no-cache" } })
    .catch((err: Error) => {
      throw new Error(`L’API ${origin} ne répond pas (identité de ${slug}) : ${err.message}.`, { cause: err });
    });
  if (!answer.data) throw new Error(`L’API ${origin} a répondu ${answer.response.status} à GET /api/tenants (identité de ${slug}).`);
  return identityFrom(answer.data, slug);
}

/** The tenant's two accent colours, only when both are plain `#rrggbb` (the API checked them). */
function checkedAccent(identity: Pick<TenantIdentity, "accent" | "accentDark">): { light: string; dark: string } | null {
  const hex = /^#[0-9a-f]{6}$/;
  if (!identity.accent || !identity.accentDark || !hex.test(identity.accent) || !hex.test(identity.accentDark)) return null;
  return { light: identity.accent, dark: identity.accentDark };
}

/**
 * The attribute that puts the tenant's accent on a page (html or body element): `data-accent`, whose
 * rules site/src/styles/identity.css holds; nothing without an accent (the default tokens stay).
 * Spread it: `<body {...accentAttributes(identity)}>`, with accentCss() in the head.
 */
export function accentAttributes(identity: Pick<TenantIdentity, "accent" | "accentDark">): Record<string, string> {
  return checkedAccent(identity) ? { "data-accent": "" } : {};
}

/**
 * The two custom properties identity.css reads, light and dark, as a `<style>` block for the head:
 * a block, not a `style` attribute, so that the CSP allows it by its hash (ADR 0018; one per
 * colour pair, shared by all the tenant's pages). Null without an accent.
 */
export function accentCss(identity: Pick<TenantIdentity, "accent" | "accentDark">): string | null {
  const accent = checkedAccent(identity);
  return accent ? `[data-accent]{--accent-light:${accent.light};--accent-dark:${accent.dark}}` : null;
}
