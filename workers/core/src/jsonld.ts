/**
 * What search engines read on a listing's page: schema.org JSON-LD of its LocalBusiness subtype,
 * with address, geo, opening hours (specification for the usual week, derived from the OSM rules),
 * telephone, url, sameAs. One builder for the API and the site's static pages.
 */
import { openingHoursSpecification } from "./hours.ts";
import { safeHref } from "./html.ts";

export interface JsonLdListing {
  schemaType: string;
  name: string;
  siret: string;
  description: string;
  address: string;
  commune: { name: string; postcode?: string | null };
  lat: number;
  lon: number;
  phone: string | null;
  email: string | null;
  website: string | null;
  openingHours: string | null;
  sameAs: string[];
  products: Array<{ name: string }>;
  languages?: string[];
  photos?: Array<{ variants: Array<{ url: string }> }>;
}

/** `week`: the usual week's specification when the caller has it already (the site's build). */
export function jsonLd(b: JsonLdListing, pageUrl: string, week = b.openingHours ? openingHoursSpecification(b.openingHours) : []): Record<string, unknown> {
  // Web addresses only (the API refuses others; rows stored before that check are left out).
  const sameAs = b.sameAs.filter((u) => safeHref(u) !== null);
  return {
    "@context": "https://schema.org",
    "@type": b.schemaType,
    "@id": pageUrl,
    name: b.name,
    url: (b.website && safeHref(b.website) ? b.website : null) ?? pageUrl,
    ...(b.description ? { description: b.description } : {}),
    address: {
      "@type": "PostalAddress",
      streetAddress: b.address,
      ...(b.commune.postcode ? { postalCode: b.commune.postcode } : {}),
      addressLocality: b.commune.name,
      addressCountry: "FR",
    },
    geo: { "@type": "GeoCoordinates", latitude: b.lat, longitude: b.lon },
    ...(b.phone ? { telephone: b.phone } : {}),
    ...(b.email ? { email: b.email } : {}),
    ...(week.length ? { openingHoursSpecification: week } : {}),
    ...(sameAs.length ? { sameAs } : {}),
    ...(b.photos?.length ? { image: b.photos.map((p) => p.variants[p.variants.length - 1].url) } : {}),
    ...(b.languages?.length ? { knowsLanguage: b.languages } : {}),
    identifier: { "@type": "PropertyValue", propertyID: "SIRET", value: b.siret },
    ...(b.products.length ? { makesOffer: b.products.map((p) => ({ "@type": "Offer", itemOffered: { "@type": "Product", name: p.name } })) } : {}),
  };
}
