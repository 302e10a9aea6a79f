/**
 * What search engines read on a listing's page: schema.org JSON-LD of its LocalBusiness subtype,
 * with address, geo, opening hours (specification for the usual week, derived from the OSM rules),
 * telephone, url, sameAs.
 */
import { openingHoursSpecification } from "./hours.ts";
import type { BusinessView } from "./businesses.ts";

export function jsonLd(b: BusinessView, pageUrl: string, at = new Date()): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": b.schemaType,
    "@id": pageUrl,
    name: b.name,
    url: b.website ?? pageUrl,
    ...(b.description ? { description: b.description } : {}),
    address: { "@type": "PostalAddress", streetAddress: b.address, addressLocality: b.commune.name, addressCountry: "FR" },
    geo: { "@type": "GeoCoordinates", latitude: b.lat, longitude: b.lon },
    ...(b.phone ? { telephone: b.phone } : {}),
    ...(b.email ? { email: b.email } : {}),
    ...(b.openingHours ? { openingHoursSpecification: openingHoursSpecification(b.openingHours, at) } : {}),
    ...(b.sameAs.length ? { sameAs: b.sameAs } : {}),
    identifier: { "@type": "PropertyValue", propertyID: "SIRET", value: b.siret },
    ...(b.products.length ? { makesOffer: b.products.map((p) => ({ "@type": "Offer", itemOffered: { "@type": "Product", name: p.name } })) } : {}),
  };
}
