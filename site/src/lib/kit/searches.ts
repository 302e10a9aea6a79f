/**
 * Searches for the kit's pickers, over existing endpoints of the typed client: the tenant's
 * communes (by name, INSEE code or postcode), premises of the waste registry (address, reference,
 * invariant), the collectivité's people (by name: GET /api/identity/people, names and roles only).
 */
import { e } from "../../i18n/espace.fr.ts";
import type { Api, Schemas } from "../api/client.ts";
import type { PickerOption, PickerSearch } from "./picker.ts";

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** The tenant's communes, read once, filtered as the agent types. */
export function communeSearch(api: Api): PickerSearch & { byInsee(insee: string): Promise<{ insee: string; name: string; postcode: string } | undefined> } {
  let all: Promise<Array<{ insee: string; name: string; postcode: string }>> | null = null;
  const load = () => (all ??= api.GET("/api/territory/communes").then((r) => r.data?.communes ?? []));
  const search = async (q: string): Promise<PickerOption[]> => {
    const f = fold(q);
    return (await load())
      .filter((c) => fold(c.name).includes(f) || c.insee.startsWith(q) || c.postcode.startsWith(q))
      .map((c) => ({ id: c.insee, label: c.name, hint: `${c.postcode} — INSEE ${c.insee}` }));
  };
  return Object.assign(search, { byInsee: async (insee: string) => (await load()).find((c) => c.insee === insee) });
}

/** Premises of the waste registry matching the words typed. */
export const premisesSearch =
  (api: Api, label: (reference: string, address: string) => string): PickerSearch =>
  async (q, signal) =>
    ((await api.GET("/api/waste/premises", { params: { query: { q, limit: 10 } }, signal })).data?.premises ?? []).map((p) => ({
      id: p.id,
      label: label(p.reference, p.address),
    }));

type Role = Schemas["PersonneTrouvee"]["roles"][number];

/**
 * People of the tenant whose name holds the words typed, with their roles here as the hint (two
 * people of the same name are told apart by what they do). `role` keeps those holding it.
 */
export const peopleSearch =
  (api: Api, role?: Role): PickerSearch =>
  async (q, signal) =>
    ((await api.GET("/api/identity/people", { params: { query: { q, limit: 10, ...(role ? { role } : {}) } }, signal })).data?.people ?? []).map((p) => ({
      id: p.id,
      label: p.displayName,
      hint: p.roles.map((r) => e.roles[r] ?? r).join(", "),
    }));
