/**
 * The identity a page shows (site/src/lib/territory.ts, issue #26): a commune without an accent
 * takes its EPCI's, never its logo; a commune's page knows its EPCI for "membre de …"; the
 * attributes that put the accent on a page carry both variants, and nothing but checked colours.
 */
import { describe, expect, it } from "vitest";
import { accentAttributes, accentCss, identityFrom } from "../../site/src/lib/territory.ts";

const logo = (slug: string) => ({ src: `/t/${slug}/api/territory/logos/${"a".repeat(64)}.webp`, alt: `Blason de ${slug}`, width: 200, height: 240 });
const tenant = (slug: string, parent: string | null, extra: Partial<{ accent: string; accentDark: string; logo: ReturnType<typeof logo> }> = {}) => ({
  slug,
  kind: parent ? ("commune" as const) : ("epci" as const),
  name: slug === "cclvd" ? "Communauté de communes du Liancourtois" : slug,
  legalName: slug,
  shortName: slug === "cclvd" ? "CCLVD" : null,
  siren: "200000000",
  insee: parent ? "60360" : null,
  parent,
  accent: extra.accent ?? null,
  accentDark: extra.accentDark ?? null,
  logo: extra.logo ?? null,
});
const directory = {
  tenants: [
    tenant("cclvd", null, { accent: "#7a5500", accentDark: "#a99159", logo: logo("cclvd") }),
    tenant("liancourt", "cclvd", { accent: "#8a1538", accentDark: "#bf7e92", logo: logo("liancourt") }),
    tenant("cauffry", "cclvd"),
    tenant("ailleurs", null),
  ],
};

describe("a tenant's identity on its pages", () => {
  it("a commune with its own accent and logo keeps them, and knows its EPCI with the EPCI's logo", () => {
    expect(identityFrom(directory, "liancourt")).toEqual({
      accent: "#8a1538",
      accentDark: "#bf7e92",
      logo: logo("liancourt"),
      epci: { slug: "cclvd", name: "Communauté de communes du Liancourtois", shortName: "CCLVD", logo: logo("cclvd") },
    });
  });

  it("a commune without an accent takes its EPCI's, but not its logo", () => {
    const id = identityFrom(directory, "cauffry");
    expect(id).toMatchObject({ accent: "#7a5500", accentDark: "#a99159", logo: null });
    expect(id.epci?.logo).toEqual(logo("cclvd"));
  });

  it("an EPCI has no EPCI above it; a tenant with nothing keeps the default colours", () => {
    expect(identityFrom(directory, "cclvd").epci).toBeNull();
    expect(identityFrom(directory, "ailleurs")).toEqual({ accent: null, accentDark: null, logo: null, epci: null });
    expect(() => identityFrom(directory, "inconnue")).toThrow(/inconnue/);
  });

  it("puts the accent on a page as data-accent and a style block of its two custom properties, only for checked colours", () => {
    expect(accentAttributes(identityFrom(directory, "cauffry"))).toEqual({ "data-accent": "" });
    expect(accentCss(identityFrom(directory, "cauffry"))).toBe("[data-accent]{--accent-light:#7a5500;--accent-dark:#a99159}");
    expect(accentAttributes({ accent: null, accentDark: null })).toEqual({});
    expect(accentCss({ accent: null, accentDark: null })).toBeNull();
    expect(accentAttributes({ accent: "red; background: url(x)", accentDark: "#ffffff" })).toEqual({});
    expect(accentCss({ accent: "#ffffff", accentDark: "#000000}body{display:none" })).toBeNull();
  });
});
