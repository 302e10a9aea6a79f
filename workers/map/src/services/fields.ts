/**
 * A layer declares its fields (text, number, phone, URL, opening hours, boolean, enum); a feature's
 * properties are checked against them on every write, with French messages naming the field.
 * Opening hours are OpenStreetMap `opening_hours` rules, parsed by the `opening_hours` library (so
 * the data can go back to OSM and the site can say "open now" from the same rules).
 */
import OpeningHours from "opening_hours";
import type { FieldError } from "@communa/core";
import type { LayerField } from "@communa/db";
import { isHttpUrl } from "@communa/core/html";
import { fieldValueText } from "../messages.fr.ts";

const PHONE = /^(\+33 ?[1-9]|0[1-9])([ .-]?\d{2}){4}$/;

/** Checks one opening_hours rule; null when valid, else the library's reason (in French). */
export function openingHoursError(value: string): string | null {
  try {
    new OpeningHours(value, { lat: 49.33, lon: 2.46, address: { country_code: "fr", state: "Hauts-de-France" } }, { locale: "fr" } as never);
    return null;
  } catch (err) {
    return String((err as Error).message ?? err)
      .split("\n")[0]
      .slice(0, 300);
  }
}

/**
 * The properties of a feature as the layer's fields allow: unknown keys refused, required ones
 * present, each value of its type. Returns the cleaned properties or the list of field errors.
 */
export function checkProperties(
  fields: LayerField[],
  input: Record<string, unknown>,
  path = "body/properties",
): { ok: true; properties: Record<string, unknown> } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  const known = new Map(fields.map((f) => [f.key, f]));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) errors.push({ path: `${path}/${key}`, message: fieldValueText.unknown(key) });
  }
  for (const f of fields) {
    const raw = input[f.key];
    const at = `${path}/${f.key}`;
    if (raw === undefined || raw === null || raw === "") {
      if (f.required) errors.push({ path: at, message: fieldValueText.required(f.label) });
      continue;
    }
    switch (f.type) {
      case "text":
        if (typeof raw !== "string" || raw.length > 2000) errors.push({ path: at, message: fieldValueText.text(f.label) });
        else out[f.key] = raw.trim();
        break;
      case "number": {
        const n = typeof raw === "string" ? Number(raw.replace(",", ".")) : raw;
        if (typeof n !== "number" || !Number.isFinite(n)) errors.push({ path: at, message: fieldValueText.number(f.label) });
        else out[f.key] = n;
        break;
      }
      case "boolean": {
        const b = raw === true || raw === "true" || raw === "oui" ? true : raw === false || raw === "false" || raw === "non" ? false : null;
        if (b === null) errors.push({ path: at, message: fieldValueText.boolean(f.label) });
        else out[f.key] = b;
        break;
      }
      case "phone":
        if (typeof raw !== "string" || !PHONE.test(raw.trim())) errors.push({ path: at, message: fieldValueText.phone(f.label) });
        else out[f.key] = raw.trim();
        break;
      case "url":
        // The one check of a link (ADR 0018): an absolute http(s) address with a host, never javascript:.
        if (typeof raw !== "string" || raw.length > 2000 || !isHttpUrl(raw.trim())) errors.push({ path: at, message: fieldValueText.url(f.label) });
        else out[f.key] = raw.trim();
        break;
      case "opening_hours": {
        const why = typeof raw === "string" ? openingHoursError(raw) : fieldValueText.textExpected;
        if (why) errors.push({ path: at, message: fieldValueText.hours(f.label, why) });
        else out[f.key] = (raw as string).trim();
        break;
      }
      case "enum":
        if (typeof raw !== "string" || !(f.options ?? []).includes(raw)) errors.push({ path: at, message: fieldValueText.choice(f.label, f.options ?? []) });
        else out[f.key] = raw;
        break;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, properties: out };
}
