/**
 * The site's navigation in one place (issue #26): the modules a tenant's site has, in menu order,
 * and what the header's menu, the breadcrumbs, the footer, the site map and the site search build
 * from them. Pure: no API, no DOM (tests feed it tenants; the search page's script reuses `matches`).
 *
 * Every tenant gets every module page (each `site/src/pages/[slug]/<module>/` builds one per
 * tenant), except waste: the EPCI holds the waste service, so a member commune's menu links to its
 * EPCI's page; a commune outside any EPCI the site knows keeps its own.
 */
import { n } from "../i18n/nav.fr.ts";

export type ModuleKey = keyof typeof n.modules;

/** What the navigation needs of a tenant (a `TenantPage` fits). */
export interface NavTenant {
  slug: string;
  name: string;
  kind: "epci" | "commune";
  /** A commune's EPCI, when the site knows one. */
  epci?: { slug: string; shortName: string } | undefined;
}

/** A tenant's logo and accent colour, as the API gives them (either may be absent). */
export interface Identity {
  accent: string | null;
  logo: { src: string; alt: string; width: number; height: number } | null;
}

/** The modules, in menu order: the address under the tenant, and who holds the service. */
export const MODULES: ReadonlyArray<{ key: ModuleKey; path: string; heldByEpci?: true }> = [
  { key: "home", path: "" },
  { key: "map", path: "carte/" },
  { key: "trails", path: "sentiers/" },
  { key: "directory", path: "commerces/" },
  { key: "bookings", path: "reservations/" },
  { key: "council", path: "conseil/" },
  { key: "water", path: "eau/" },
  { key: "appointments", path: "rendez-vous/" },
  { key: "waste", path: "espace/mes-dechets/", heldByEpci: true },
  { key: "space", path: "espace/" },
];

/** Public pages outside the menu, linked from the footer (the legal ones) and the site map. */
export const LEGAL_PAGES = ["accessibilite/", "mentions-legales/", "donnees-personnelles/", "plan-du-site/"] as const;
export const SEARCH_PAGE = "recherche/";
/**
 * Service pages outside the menu, listed in the site map (and found by the search) after it: the
 * activity zones (held by the EPCI: a member commune's page shows what is located on it and links
 * to the EPCI's) and the job notices (each tenant's own).
 */
export const MORE_SERVICES = ["zones-activite/", "emplois/"] as const;
/** Services outside the menu that only the intercommunality holds: a member commune's site map links to the EPCI's page. */
export const EPCI_SERVICES = ["france-services/"] as const;

export interface NavItem {
  key: ModuleKey;
  label: string;
  href: string;
  hint: string;
  /** Set when the service is another tenant's (a commune's waste, held by its EPCI). */
  heldBy?: string;
}

export const tenantHome = (slug: string) => `/${slug}/`;

/** The tenant's menu: every module it has, with its address (the EPCI's, for waste in a member commune). */
export function menuFor(tenant: NavTenant): NavItem[] {
  return MODULES.map(({ key, path, heldByEpci }) => {
    const holder = heldByEpci && tenant.kind === "commune" && tenant.epci ? tenant.epci : null;
    return {
      key,
      label: n.modules[key],
      href: `/${holder ? holder.slug : tenant.slug}/${path}`,
      hint: n.moduleHints[key],
      ...(holder ? { heldBy: holder.shortName } : {}),
    };
  });
}

/**
 * Which menu link stands for the page at `pathname`: the one at that very address is the page
 * (`aria-current="page"`); else the one whose address is the longest start of it, the tenant's
 * home aside, is the page's section (`aria-current="true"`: a listing under "Commerces").
 */
export function currentOf(items: ReadonlyArray<{ href: string }>, pathname: string): Map<string, "page" | "true"> {
  const path = withSlash(pathname);
  const marks = new Map<string, "page" | "true">();
  const exact = items.find((i) => i.href === path);
  if (exact) return marks.set(exact.href, "page");
  const home = `/${path.split("/")[1]}/`;
  const section = items.filter((i) => i.href !== home && path.startsWith(i.href)).sort((a, b) => b.href.length - a.href.length)[0];
  if (section) marks.set(section.href, "true");
  return marks;
}

export interface Crumb {
  label: string;
  /** Absent on the last crumb (the page itself). */
  href?: string;
}

/** The label of a page of the tenant, from its address under the tenant ("carte/"), if the navigation names it. */
export function labelOf(tenant: NavTenant, sub: string): string | undefined {
  const own = menuFor(tenant).find((i) => i.href === `/${tenant.slug}/${sub}`);
  return own?.label ?? n.pages[sub];
}

/**
 * "Vous êtes ici": the tenant's home, then each named address above the page, then the page, with
 * `last` as its label (a listing's name; by default the navigation's name for the page, else
 * `fallback`, the page's title). None on the tenant's home. Unnamed levels are left out.
 */
export function breadcrumbsFor(tenant: NavTenant, pathname: string, fallback: string, last?: string): Crumb[] {
  const home = tenantHome(tenant.slug);
  const path = withSlash(pathname);
  if (path === home || !path.startsWith(home)) return [];
  const parts = path.slice(home.length).split("/").filter(Boolean);
  const crumbs: Crumb[] = [{ label: n.modules.home, href: home }];
  for (let i = 1; i < parts.length; i++) {
    const sub = `${parts.slice(0, i).join("/")}/`;
    const label = labelOf(tenant, sub);
    if (label) crumbs.push({ label, href: `${home}${sub}` });
  }
  crumbs.push({ label: last ?? labelOf(tenant, `${parts.join("/")}/`) ?? fallback });
  return crumbs;
}

export interface SiteMapGroup {
  key: keyof typeof n.groups;
  heading: string;
  links: Array<{ label: string; href: string; hint?: string }>;
}

/** A tenant's public site, by heading: its services (the menu), the legal pages, the territory it belongs to. */
export function siteMapFor(tenant: NavTenant, territory: ReadonlyArray<NavTenant>): SiteMapGroup[] {
  const others = territoryOf(tenant, territory).filter((t) => t.slug !== tenant.slug);
  const groups: SiteMapGroup[] = [
    {
      key: "services",
      heading: n.groups.services,
      links: [
        ...menuFor(tenant).map(({ label, href, hint, heldBy }) => ({ label, href, hint: heldBy ? `${hint} (${n.wasteAtEpci(heldBy)})` : hint })),
        ...MORE_SERVICES.map((p) => ({ label: n.pages[p], href: `/${tenant.slug}/${p}`, hint: n.pageHints[p] })),
        ...EPCI_SERVICES.flatMap((p) => {
          const holder = tenant.kind === "commune" ? tenant.epci : null;
          if (tenant.kind === "commune" && !holder) return [];
          return [
            {
              label: n.pages[p],
              href: `/${holder ? holder.slug : tenant.slug}/${p}`,
              hint: holder ? `${n.pageHints[p]} (${n.wasteAtEpci(holder.shortName)})` : n.pageHints[p],
            },
          ];
        }),
      ],
    },
    { key: "legal", heading: n.groups.legal, links: [...LEGAL_PAGES, SEARCH_PAGE].map((p) => ({ label: n.pages[p], href: `/${tenant.slug}/${p}` })) },
  ];
  if (others.length) groups.push({ key: "territory", heading: n.groups.territory, links: others.map((t) => ({ label: t.name, href: tenantHome(t.slug) })) });
  return groups;
}

/**
 * The tenants of the territory `tenant` belongs to, by name: its EPCI first (or itself, for an
 * EPCI), then the EPCI's communes. A commune outside any EPCI the site knows has none.
 */
export function territoryOf(tenant: NavTenant, all: ReadonlyArray<NavTenant>): NavTenant[] {
  const epciSlug = tenant.kind === "epci" ? tenant.slug : tenant.epci?.slug;
  if (!epciSlug) return [];
  const epci = all.find((t) => t.slug === epciSlug && t.kind === "epci");
  const members = all.filter((t) => t.kind === "commune" && t.epci?.slug === epciSlug).sort((a, b) => a.name.localeCompare(b.name, "fr"));
  return [...(epci ? [epci] : []), ...members];
}

/** The header's line under the tenant's name: what kind of collectivity it is. */
export function kindLine(tenant: NavTenant & { members?: unknown[] }): string {
  if (tenant.kind === "epci") return n.epciKind(tenant.members?.length ?? 0);
  return tenant.epci ? n.communeMember(tenant.name, tenant.epci.shortName) : n.communeKind(tenant.name);
}

/** Lower case, without accents or punctuation: what the search compares. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Whether every word of `query` starts a word of `text` (accents and case aside); an empty query matches all. */
export function matches(text: string, query: string): boolean {
  const words = fold(text).split(" ");
  return fold(query)
    .split(" ")
    .filter(Boolean)
    .every((q) => words.some((w) => w.startsWith(q)));
}

/** The site map's links whose label or description `query` matches, in site-map order. */
export function searchPages(groups: ReadonlyArray<SiteMapGroup>, query: string): Array<{ label: string; href: string; hint?: string }> {
  return groups.flatMap((g) => g.links).filter((l) => matches(`${l.label} ${l.hint ?? ""}`, query));
}

function withSlash(pathname: string): string {
  return pathname.endsWith("/") ? pathname : `${pathname}/`;
}
