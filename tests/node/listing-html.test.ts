/**
 * The listing page's renderer (static page and back-office preview): every value a merchant types
 * is escaped, links are only web addresses, photos carry their text and sizes.
 */
import { describe, expect, it } from "vitest";
import { listingBodyHtml, type ListingForPage } from "../../site/src/lib/listing-html.ts";

const base: ListingForPage = {
  id: "0190a0a0-0000-7000-8000-000000000001",
  slug: "dupont",
  name: "Boulangerie Dupont",
  siret: "73282932000074",
  categoryLabel: "Boulangerie, pâtisserie",
  description: "",
  address: "12 rue de la République",
  commune: { name: "Liancourt" },
  lon: 2.463,
  lat: 49.3305,
  phone: null,
  email: null,
  website: null,
  openingHours: null,
  labels: [],
  languages: ["fr", "en"],
  products: [],
};
const render = (l: Partial<ListingForPage>) =>
  listingBodyHtml({ listing: { ...base, ...l }, openNowHtml: "", week: [], communeSlug: "liancourt", month: 6, manageHref: "/cclvd/espace/commerce/?fiche=x" });

describe("listing page renderer", () => {
  it("escapes what a merchant types, everywhere it goes", () => {
    const html = render({
      name: `<script>alert("x")</script>`,
      description: `"><img src=x onerror=alert(1)>`,
      address: "1 & 2 rue <b>",
      products: [{ name: "<i>Pain</i>", months: [], channels: [] }],
    });
    expect(html).not.toMatch(/<script|<img src=x|<i>|<b>/);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("1 &amp; 2 rue &lt;b&gt;");
  });

  it("links only to web addresses; anything else is text, not a link", () => {
    const bad = render({ website: "javascript:alert(1)" });
    expect(bad).not.toMatch(/href="(javascript|#)/);
    expect(bad).toContain("<dd>javascript:alert(1)</dd>");
    expect(render({ website: "https://dupont.example/" })).toContain('href="https://dupont.example/"');
    // mailto: and tel: only where they are meant, with the address kept inside the attribute.
    const contact = render({ email: `x"><img src=x onerror=alert(1)>@d.example`, phone: "03 44 73 00 00" });
    expect(contact).toContain('href="tel:0344730000"');
    expect(contact).not.toMatch(/<img src=x/);
    expect(contact).toContain('href="mailto:x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;@d.example"');
  });

  it("names the spoken languages and gives photos their text, sizes and srcset", () => {
    const html = render({
      photos: [
        {
          alt: "La vitrine",
          width: 1200,
          height: 800,
          variants: [
            { width: 480, url: "https://api/p/480.webp" },
            { width: 1200, url: "https://api/p/1200.webp" },
          ],
        },
      ],
    });
    expect(html).toContain("français, anglais");
    expect(html).toContain('srcset="https://api/p/480.webp 480w, https://api/p/1200.webp 1200w"');
    expect(html).toMatch(/<img [^>]*width="1200" height="800" alt="La vitrine"/);
  });
});
