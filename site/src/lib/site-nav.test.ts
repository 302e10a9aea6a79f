import { describe, expect, it } from "vitest";
import { breadcrumbsFor, currentOf, fold, kindLine, matches, menuFor, MODULES, searchPages, siteMapFor, territoryOf, type NavTenant } from "./site-nav.ts";

const cclvd: NavTenant & { members: unknown[] } = {
  slug: "cclvd",
  name: "Communauté de communes du Liancourtois – la Vallée dorée",
  kind: "epci",
  members: [1, 2],
};
const liancourt: NavTenant = { slug: "liancourt", name: "Liancourt", kind: "commune", epci: { slug: "cclvd", shortName: "CCLVD" } };
const angicourt: NavTenant = { slug: "angicourt", name: "Angicourt", kind: "commune", epci: { slug: "cclvd", shortName: "CCLVD" } };
const catenoy: NavTenant = { slug: "catenoy", name: "Catenoy", kind: "commune", epci: undefined };
const all = [cclvd, liancourt, catenoy, angicourt];

describe("the main menu", () => {
  it("lists every module in order, under the tenant's own address", () => {
    expect(menuFor(cclvd).map((i) => [i.label, i.href])).toEqual([
      ["Accueil", "/cclvd/"],
      ["Carte", "/cclvd/carte/"],
      ["Sentiers", "/cclvd/sentiers/"],
      ["Commerces", "/cclvd/commerces/"],
      ["Réservations", "/cclvd/reservations/"],
      ["Conseil", "/cclvd/conseil/"],
      ["Eau", "/cclvd/eau/"],
      ["Rendez-vous", "/cclvd/rendez-vous/"],
      ["Déchets", "/cclvd/espace/mes-dechets/"],
      ["Mon espace", "/cclvd/espace/"],
    ]);
  });

  it("sends a member commune to its EPCI for waste, and keeps a lone commune's own waste page", () => {
    const waste = (t: NavTenant) => menuFor(t).find((i) => i.key === "waste")!;
    expect(waste(liancourt)).toMatchObject({ href: "/cclvd/espace/mes-dechets/", heldBy: "CCLVD" });
    expect(waste(catenoy).href).toBe("/catenoy/espace/mes-dechets/");
    expect(waste(catenoy).heldBy).toBeUndefined();
    expect(
      menuFor(liancourt)
        .filter((i) => i.key !== "waste")
        .every((i) => i.href.startsWith("/liancourt/")),
    ).toBe(true);
    expect(menuFor(catenoy)).toHaveLength(MODULES.length);
  });

  it("marks the page itself, else its section, never the home for a deeper page", () => {
    const items = menuFor(cclvd);
    expect([...currentOf(items, "/cclvd/carte/")]).toEqual([["/cclvd/carte/", "page"]]);
    expect([...currentOf(items, "/cclvd/")]).toEqual([["/cclvd/", "page"]]);
    expect([...currentOf(items, "/cclvd/commerces/boulangerie")]).toEqual([["/cclvd/commerces/", "true"]]);
    // The resident's waste page is "Déchets", not "Mon espace" that contains it…
    expect([...currentOf(items, "/cclvd/espace/mes-dechets/")]).toEqual([["/cclvd/espace/mes-dechets/", "page"]]);
    // …while the agents' waste back office is in "Mon espace".
    expect([...currentOf(items, "/cclvd/espace/dechets/stock/")]).toEqual([["/cclvd/espace/", "true"]]);
    expect([...currentOf(items, "/cclvd/mentions-legales/")]).toEqual([]);
  });
});

describe("breadcrumbs", () => {
  it("none on the tenant's home", () => {
    expect(breadcrumbsFor(liancourt, "/liancourt/", "Liancourt")).toEqual([]);
  });

  it("home, then the page named by the navigation", () => {
    expect(breadcrumbsFor(liancourt, "/liancourt/carte/", "Carte du territoire — Liancourt")).toEqual([
      { label: "Accueil", href: "/liancourt/" },
      { label: "Carte" },
    ]);
    expect(breadcrumbsFor(liancourt, "/liancourt/plan-du-site/", "x")).toEqual([{ label: "Accueil", href: "/liancourt/" }, { label: "Plan du site" }]);
  });

  it("the named levels above, the page's own label last, or its title when the navigation has no name for it", () => {
    expect(breadcrumbsFor(liancourt, "/liancourt/commerces/boulangerie-dupont/", "titre", "Boulangerie Dupont")).toEqual([
      { label: "Accueil", href: "/liancourt/" },
      { label: "Commerces", href: "/liancourt/commerces/" },
      { label: "Boulangerie Dupont" },
    ]);
    expect(breadcrumbsFor(cclvd, "/cclvd/espace/dechets/stock/", "Stock")).toEqual([
      { label: "Accueil", href: "/cclvd/" },
      { label: "Mon espace", href: "/cclvd/espace/" },
      { label: "Gestion des déchets", href: "/cclvd/espace/dechets/" },
      { label: "Stock" },
    ]);
    // A commune's own (unlisted) waste page: named by its title, under "Mon espace".
    expect(breadcrumbsFor(liancourt, "/liancourt/espace/mes-dechets/", "Mes déchets").map((c) => c.label)).toEqual(["Accueil", "Mon espace", "Mes déchets"]);
  });
});

describe("territory, header and site map", () => {
  it("the territory is the EPCI then its communes by name; a lone commune has none", () => {
    expect(territoryOf(liancourt, all).map((t) => t.slug)).toEqual(["cclvd", "angicourt", "liancourt"]);
    expect(territoryOf(cclvd, all).map((t) => t.slug)).toEqual(["cclvd", "angicourt", "liancourt"]);
    expect(territoryOf(catenoy, all)).toEqual([]);
  });

  it("says what kind of collectivity the tenant is, with elision", () => {
    expect(kindLine(liancourt)).toBe("Commune de Liancourt — membre de la CCLVD");
    expect(kindLine(angicourt)).toBe("Commune d’Angicourt — membre de la CCLVD");
    expect(kindLine(catenoy)).toBe("Commune de Catenoy");
    expect(kindLine(cclvd)).toBe("Intercommunalité de 2 communes");
  });

  it("groups every page of the tenant: services, legal pages, the other tenants of its territory", () => {
    const map = siteMapFor(liancourt, all);
    expect(map.map((g) => g.heading)).toEqual(["Services", "Informations légales", "Le territoire"]);
    // The menu's services, then those outside it (the job notices), then France services, held by the EPCI.
    expect(map[0].links.map((l) => l.href)).toEqual([
      ...menuFor(liancourt).map((i) => i.href),
      "/liancourt/zones-activite/",
      "/liancourt/emplois/",
      "/cclvd/france-services/",
    ]);
    expect(map[0].links.at(-2)).toMatchObject({ label: "Offres d’emploi", hint: expect.stringContaining("sans compte") });
    expect(map[0].links.at(-1)).toMatchObject({ label: "France services", hint: expect.stringContaining("(service de la CCLVD)") });
    expect(map[0].links.find((l) => l.label === "Déchets")!.hint).toContain("(service de la CCLVD)");
    expect(map[1].links.map((l) => l.href)).toEqual([
      "/liancourt/accessibilite/",
      "/liancourt/mentions-legales/",
      "/liancourt/donnees-personnelles/",
      "/liancourt/plan-du-site/",
      "/liancourt/recherche/",
    ]);
    expect(map[2].links.map((l) => l.label)).toEqual(["Communauté de communes du Liancourtois – la Vallée dorée", "Angicourt"]);
    expect(siteMapFor(catenoy, all).map((g) => g.key)).toEqual(["services", "legal"]);
  });
});

describe("site search", () => {
  it("folds case, accents and punctuation", () => {
    expect(fold("  Déchets, Œuvre — ÉTÉ ")).toBe("dechets œuvre ete");
  });

  it("needs every word to start a word of the page, in any order", () => {
    expect(matches("Sentiers de randonnée", "rando")).toBe(true);
    expect(matches("Sentiers de randonnée", "RANDONNEE sentier")).toBe(true);
    expect(matches("Sentiers de randonnée", "donnée")).toBe(false);
    expect(matches("Sentiers de randonnée", "velo")).toBe(false);
    expect(matches("Sentiers", "   ")).toBe(true);
  });

  it("finds the tenant's pages by their name or description", () => {
    const map = siteMapFor(liancourt, all);
    expect(searchPages(map, "dechets").map((l) => l.href)).toEqual(["/liancourt/carte/", "/cclvd/espace/mes-dechets/"]);
    expect(searchPages(map, "mentions").map((l) => l.label)).toEqual(["Mentions légales"]);
    expect(searchPages(map, "zzz")).toEqual([]);
  });
});
