/**
 * Import of an existing register from a spreadsheet (CSV, `;` or `,`): one line per plot, with its
 * concession and one deceased if any. All or nothing, like the map's imports: every line is checked
 * first; one error refuses the file and the answer lists each line in cause (as a spreadsheet
 * numbers them, the header being line 1). Imported concessions keep the price written in the file
 * (the old grid is not in the system); deceased are placed directly (their operations predate it).
 */
import { and, eq } from "drizzle-orm";
import { cemeteries, deceased, plots } from "@communa/db";
import { invalid, notFound, type Db, type FieldError, type TrustedContext } from "@communa/core";
import { readCsv } from "@communa/core/csv";
import { CONCESSION_CATEGORIES, PLOT_TYPES, type ConcessionCategory, type PlotType } from "@communa/contracts/cemetery";
import { durationError } from "./clocks.ts";
import { insertConcession } from "./concessions.ts";
import { insertPlot } from "./register.ts";
import { m } from "../messages.fr.ts";

export const IMPORT_COLUMNS = [
  "carre",
  "rangee",
  "numero",
  "type",
  "places",
  "x",
  "y",
  "surface",
  "categorie",
  "duree",
  "acte",
  "date_acte",
  "prix",
  "titulaire",
  "defunt_nom",
  "defunt_prenom",
  "date_deces",
  "date_inhumation",
] as const;
const REQUIRED = ["carre", "numero", "type", "places", "x", "y"];

const TYPE_WORDS: Record<string, PlotType> = {
  concession: "concession",
  columbarium: "columbarium",
  colombarium: "columbarium",
  cavurne: "cavurne",
  enfeu: "enfeu",
  ossuaire: "ossuary",
  depositoire: "depositoire",
  dépositoire: "depositoire",
  "terrain commun": "terrain_commun",
  "terrain communal": "terrain_commun",
};
const CATEGORY_WORDS: Record<string, ConcessionCategory> = {
  temporaire: "temporary",
  trentenaire: "thirty",
  cinquantenaire: "fifty",
  perpetuelle: "perpetual",
  perpétuelle: "perpetual",
};

const num = (v: string | undefined) => (v && v.trim() !== "" ? Number(v.trim().replace(",", ".")) : NaN);
function day(v: string | undefined): string | null {
  const t = (v ?? "").trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return Number.isNaN(Date.parse(t)) ? null : t;
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t);
  if (fr) return day(`${fr[3]}-${fr[2]}-${fr[1]}`);
  return null;
}

export interface ImportReport {
  plots: number;
  concessions: number;
  deceased: number;
}

export async function importRegister({ db, ctx, cemeteryId, text }: { db: Db; ctx: TrustedContext; cemeteryId: string; text: string }): Promise<ImportReport> {
  const parsed = readCsv(text);
  const headers = (parsed.meta.fields ?? []).map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((h) => !headers.includes(h));
  if (missing.length)
    throw invalid(
      m.importHeader(missing),
      missing.map((h) => ({ path: `en-tête/${h}`, message: m.importHeader([h]) })),
    );
  const records = parsed.data.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.trim().toLowerCase(), (v ?? "").trim()])));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const acts = new Set<string>();
  const rows = records.map((r, i) => {
    const at = `ligne ${i + 2}`;
    const bad = (message: string) => errors.push({ path: at, message });
    const type = TYPE_WORDS[(r.type ?? "").toLowerCase()];
    if (!type) bad(m.importRow.type);
    const capacity = num(r.places);
    if (!(capacity >= 0 && capacity <= 50)) bad(m.importRow.capacity);
    const x = num(r.x);
    const y = num(r.y);
    if (!Number.isFinite(x) || !Number.isFinite(y)) bad(m.importRow.position);
    const key = `${r.carre}|${r.rangee ?? ""}|${r.numero}`;
    if (seen.has(key)) bad(m.importRow.duplicate);
    seen.add(key);
    let concession: {
      category: ConcessionCategory;
      durationYears: number | null;
      actNumber: string;
      actDate: string;
      priceCents: number;
      holder: string;
    } | null = null;
    if (r.categorie) {
      const category = CATEGORY_WORDS[r.categorie.toLowerCase()];
      const actDate = day(r.date_acte);
      const durationYears = r.duree ? num(r.duree) : null;
      const price = r.prix ? num(r.prix) : 0;
      if (!category) bad(m.importRow.category);
      if (!actDate) bad(m.importRow.date);
      if (category && actDate && durationError(category, durationYears, actDate)) bad(m.importRow.duration);
      if (!r.acte || acts.has(r.acte)) bad(m.importRow.act);
      acts.add(r.acte);
      if (!(price >= 0)) bad(m.importRow.price);
      if (category && actDate)
        concession = { category, durationYears, actNumber: r.acte, actDate, priceCents: Math.round(price * 100), holder: r.titulaire ?? "" };
    }
    let dead: { name: string; firstName: string; deathDate: string; burialDate: string | null } | null = null;
    if (r.defunt_nom || r.date_deces) {
      const deathDate = day(r.date_deces);
      if (!r.defunt_nom || !deathDate) bad(m.importRow.deceased);
      else dead = { name: r.defunt_nom, firstName: r.defunt_prenom ?? "", deathDate, burialDate: day(r.date_inhumation) };
    }
    return {
      at,
      section: r.carre,
      row: r.rangee ?? "",
      number: r.numero,
      type,
      capacity,
      x,
      y,
      surfaceM2: r.surface ? num(r.surface) : null,
      concession,
      dead,
    };
  });
  if (errors.length) throw invalid(m.importRefused(new Set(errors.map((e) => e.path)).size), errors.slice(0, 200));

  return db.write(ctx, async (tx, journal) => {
    const [c] = await tx.select({ id: cemeteries.id }).from(cemeteries).where(eq(cemeteries.id, cemeteryId)).limit(1);
    if (!c) throw notFound(m.noCemetery);
    const existing: FieldError[] = [];
    for (const r of rows) {
      const [dup] = await tx
        .select({ id: plots.id })
        .from(plots)
        .where(and(eq(plots.cemeteryId, cemeteryId), eq(plots.section, r.section), eq(plots.row, r.row), eq(plots.number, r.number)))
        .limit(1);
      if (dup) existing.push({ path: r.at, message: m.importRow.exists });
    }
    if (existing.length) throw invalid(m.importRefused(existing.length), existing);
    const report: ImportReport = { plots: 0, concessions: 0, deceased: 0 };
    for (const r of rows) {
      const plot = await insertPlot(tx, ctx.tenant.id, cemeteryId, {
        section: r.section,
        row: r.row,
        number: r.number,
        type: r.type!,
        capacity: r.capacity,
        surfaceM2: r.surfaceM2,
        x: r.x,
        y: r.y,
      });
      report.plots++;
      if (r.concession) {
        const k = r.concession;
        await insertConcession(
          tx,
          ctx.tenant.id,
          {
            plotId: plot.id,
            category: k.category,
            durationYears: k.durationYears,
            actNumber: k.actNumber,
            actDate: k.actDate,
            people: k.holder ? [{ role: "holder", name: k.holder }] : [],
          },
          plot,
          k.priceCents,
          "import du registre existant",
        );
        report.concessions++;
      }
      if (r.dead) {
        await tx.insert(deceased).values({
          tenantId: ctx.tenant.id,
          plotId: plot.id,
          name: r.dead.name,
          firstName: r.dead.firstName,
          deathDate: r.dead.deathDate,
          burialDate: r.dead.burialDate,
          remains: "coffin",
        });
        report.deceased++;
      }
    }
    await journal({ action: "cemetery.register.import", target: `cemeteries/${cemeteryId}`, summary: { ...report } });
    return report;
  });
}

export { CONCESSION_CATEGORIES, PLOT_TYPES };
