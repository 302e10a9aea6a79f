/**
 * A notice's mentions in the décret 2018-1351 art. 3 order, in words: one list for the public
 * notice page and for the text the HR service carries to the other channels (Place de l'emploi
 * public, emploi-territorial, France Travail) until their connectors exist.
 */
import { dayInWords, j } from "../i18n/emplois.fr.ts";

export interface NoticeFields {
  reference: string;
  versant: string;
  nature: string;
  category: string;
  cadreEmplois: string;
  grade: string | null;
  recruitingAuthority: string;
  structure: string;
  jobReference: string;
  title: string;
  location: string;
  employmentType: string;
  vacancyDate: string;
  applicationAuthority: string;
  applicationDeadline: string;
  missions: string;
  profile: string;
  specificConditions: string | null;
}

const euros = (n: number | null | undefined) =>
  n == null ? null : new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(n);

/** The labelled mentions (the texts of missions, profile and conditions apart). `salary` in euros a month. */
export function mentionsOf(v: NoticeFields, salary?: { min: number | null; max: number | null } | null): Array<[string, string]> {
  const L = j.labels;
  const pay = salary && (salary.min != null || salary.max != null) ? j.salaryRange(euros(salary.min), euros(salary.max)) : null;
  return [
    [L.reference, v.reference],
    [L.versant, j.versants[v.versant] ?? v.versant],
    [L.nature, j.natures[v.nature] ?? v.nature],
    [L.category, v.category],
    [L.cadreEmplois, v.cadreEmplois],
    ...(v.grade ? ([[L.grade, v.grade]] as Array<[string, string]>) : []),
    [L.recruitingAuthority, v.recruitingAuthority],
    [L.structure, v.structure],
    [L.jobReference, v.jobReference],
    [L.location, v.location],
    [L.employmentType, j.employmentTypes[v.employmentType] ?? v.employmentType],
    ...(pay ? ([[L.salary, pay]] as Array<[string, string]>) : []),
    [L.vacancyDate, dayInWords(v.vacancyDate)],
    [L.applicationAuthority, v.applicationAuthority],
    [L.applicationDeadline, dayInWords(v.applicationDeadline)],
  ];
}

/** The whole notice as plain text, to paste into another channel's form or keep with the file. */
export function noticeText(v: NoticeFields, salary?: { min: number | null; max: number | null } | null): string {
  const lines = [v.title, "", ...mentionsOf(v, salary).map(([k, val]) => `${k} : ${val}`), "", j.missionsHeading, v.missions, "", j.profileHeading, v.profile];
  if (v.specificConditions) lines.push("", j.conditionsHeading, v.specificConditions);
  return `${lines.join("\r\n")}\r\n`;
}
