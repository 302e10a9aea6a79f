/**
 * The public grave search, opt-in per commune: by the deceased's name and years, it answers the
 * deceased (name, first name, years of birth and death, burial date) and the plot's location, never
 * holders nor heirs (CADA conseils 20122456, 20171093, 20236321: the deceased's record and the
 * grave's location may be published; holders are living people).
 */
import { and, asc, eq, gte, ilike, isNotNull, lte, or } from "drizzle-orm";
import { cemeteries, deceased, plots } from "@communa/db";
import { AppError, invalid, likeContains, type Db, type TrustedContext } from "@communa/core";
import { settingsOf } from "./register.ts";
import { m } from "../messages.fr.ts";

export async function searchGraves({ db, ctx, name, from, to }: { db: Db; ctx: TrustedContext; name: string; from?: number; to?: number }) {
  if (name.trim().length < 2) throw invalid(undefined, [{ path: "query/nom", message: m.searchEmpty }]);
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const s = await settingsOf(tx, ctx.tenant.id);
    if (!s.publicSearch) throw new AppError("notFound", m.searchOff);
    const pattern = likeContains(name.trim());
    const rows = await tx
      .select({
        id: deceased.id,
        name: deceased.name,
        firstName: deceased.firstName,
        usageName: deceased.usageName,
        birthDate: deceased.birthDate,
        deathDate: deceased.deathDate,
        burialDate: deceased.burialDate,
        cemetery: cemeteries.name,
        cemeteryId: cemeteries.id,
        plotId: plots.id,
        section: plots.section,
        row: plots.row,
        number: plots.number,
        x: plots.x,
        y: plots.y,
      })
      .from(deceased)
      .innerJoin(plots, eq(plots.id, deceased.plotId))
      .innerJoin(cemeteries, eq(cemeteries.id, plots.cemeteryId))
      .where(
        and(
          isNotNull(deceased.remains),
          or(ilike(deceased.name, pattern), ilike(deceased.usageName, pattern)),
          from ? gte(deceased.deathDate, `${from}-01-01`) : undefined,
          to ? lte(deceased.deathDate, `${to}-12-31`) : undefined,
        ),
      )
      .orderBy(asc(deceased.name), asc(deceased.firstName))
      .limit(50);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      firstName: r.firstName,
      usageName: r.usageName,
      birthYear: r.birthDate ? Number(r.birthDate.slice(0, 4)) : null,
      deathYear: Number(r.deathDate.slice(0, 4)),
      burialDate: r.burialDate,
      place: { cemetery: r.cemetery, cemeteryId: r.cemeteryId, plotId: r.plotId, section: r.section, row: r.row, number: r.number, x: r.x, y: r.y },
    }));
  });
}
