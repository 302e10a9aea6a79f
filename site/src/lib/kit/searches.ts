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

/**
 * Open interventions of the waste agenda (requested or planned) whose number, address or
 * description holds the words typed: the agenda is read once, filtered as the agent types.
 */
export function interventionSearch(api: Api, label: (reference: string, kind: string, address: string | null) => string): PickerSearch {
  let all: Promise<Schemas["InterventionDechets"][]> | null = null;
  const load = () =>
    (all ??= Promise.all(
      (["requested", "scheduled"] as const).map(
        async (statut) => (await api.GET("/api/waste/interventions", { params: { query: { statut } } })).data?.interventions ?? [],
      ),
    ).then((lists) => lists.flat()));
  return async (q) => {
    const words = fold(q).split(/\s+/).filter(Boolean);
    return (await load())
      .filter((i) => {
        const text = fold(`${i.reference} ${i.address ?? ""} ${i.description ?? ""}`);
        return words.every((w) => text.includes(w));
      })
      .map((i) => ({ id: i.id, label: label(i.reference, i.kind, i.address) }));
  };
}

/**
 * Bins in the waste registry: by chip number (all digits: the bin carrying it), else by the address
 * or reference of their premises (the bins of the first premises found).
 */
export const binSearch =
  (api: Api, label: (bin: Schemas["BacDechets"], premises: string | null) => string): PickerSearch =>
  async (q, signal) => {
    if (/^\d{6,}$/.test(q)) {
      const { data } = await api.GET("/api/waste/chips/{chipId}", { params: { path: { chipId: q } }, signal });
      return data ? [{ id: data.id, label: label(data, data.address), hint: data.premisesReference ?? undefined }] : [];
    }
    const premises = (await api.GET("/api/waste/premises", { params: { query: { q, limit: 5 } }, signal })).data?.premises ?? [];
    const found = await Promise.all(
      premises.map(async (p) =>
        ((await api.GET("/api/waste/premises/{premisesId}", { params: { path: { premisesId: p.id } }, signal })).data?.bins ?? []).map((b) => ({
          id: b.id,
          label: label(b, p.address),
          hint: p.reference,
        })),
      ),
    );
    return found.flat();
  };

/** Listings of the directory (published, or all those the caller may see) whose name holds the words typed. */
export const listingSearch =
  (api: Api): PickerSearch =>
  async (q, signal) =>
    ((await api.GET("/api/directory/businesses", { params: { query: { q } }, signal })).data?.businesses ?? []).map((b) => ({
      id: b.id,
      label: b.name,
      hint: b.commune.name,
    }));
