/**
 * The schema.org JobPosting of a published notice: what search engines and the national job
 * boards read on its public page (JSON-LD) and in the feed. One builder for the API and the site.
 * Dates of legal meaning stay days (validThrough: the end of the deadline day, Paris time).
 */
import { DateTime } from "luxon";

export interface PostingInput {
  reference: string;
  title: string;
  missions: string;
  profile: string;
  specificConditions: string | null;
  category: string;
  cadreEmplois: string;
  grade: string | null;
  structure: string;
  recruitingAuthority: string;
  location: string;
  communeInsee: string | null;
  applicationDeadline: string;
  employmentType: string;
  salaryMinCents: number | null;
  salaryMaxCents: number | null;
  datePosted: string;
}

export interface Organisation {
  name: string;
  siren: string | null;
  url: string;
}

/** The last second of the deadline day in Paris, with its offset (CET or CEST). */
const endOfParisDay = (day: string): string =>
  DateTime.fromISO(day, { zone: "Europe/Paris" }).endOf("day").toISO({ suppressMilliseconds: true, includeOffset: true }) ?? `${day}T23:59:59+01:00`;

export function jobPosting(v: PostingInput, org: Organisation, pageUrl: string): Record<string, unknown> {
  const description = [v.missions, `Profil recherché : ${v.profile}`, v.specificConditions ? `Conditions particulières : ${v.specificConditions}` : null]
    .filter(Boolean)
    .join("\n\n");
  const salary =
    v.salaryMinCents != null || v.salaryMaxCents != null
      ? {
          baseSalary: {
            "@type": "MonetaryAmount",
            currency: "EUR",
            value: {
              "@type": "QuantitativeValue",
              ...(v.salaryMinCents != null ? { minValue: v.salaryMinCents / 100 } : {}),
              ...(v.salaryMaxCents != null ? { maxValue: v.salaryMaxCents / 100 } : {}),
              unitText: "MONTH",
            },
          },
        }
      : {};
  return {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "@id": pageUrl,
    url: pageUrl,
    title: v.title,
    description,
    datePosted: v.datePosted,
    validThrough: endOfParisDay(v.applicationDeadline),
    employmentType: v.employmentType,
    directApply: true,
    occupationalCategory: [`Catégorie ${v.category}`, v.cadreEmplois, v.grade].filter(Boolean).join(" — "),
    hiringOrganization: {
      "@type": "GovernmentOrganization",
      name: org.name,
      url: org.url,
      ...(org.siren ? { identifier: { "@type": "PropertyValue", propertyID: "SIREN", value: org.siren } } : {}),
    },
    jobLocation: {
      "@type": "Place",
      name: v.structure,
      address: { "@type": "PostalAddress", addressLocality: v.location, addressCountry: "FR" },
    },
    ...salary,
    identifier: { "@type": "PropertyValue", name: v.recruitingAuthority, value: v.reference },
  };
}
