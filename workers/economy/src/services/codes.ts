/**
 * CNIG identifiers `{INSEE}_{CLASS}_{5 digits}`: given (checked) or the next free number of that
 * commune and class in the tenant. And the commune they start with, from the reference data.
 */
import { eq, like } from "drizzle-orm";
import { communes } from "@communa/db";
import { cnigIdPattern, type CNIG_CLASSES } from "@communa/contracts/economy";
import { invalid, likeContains, type Db, type WriteTx } from "@communa/core";
import { m } from "../messages.fr.ts";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

export type CnigClass = (typeof CNIG_CLASSES)[keyof typeof CNIG_CLASSES];

export async function communeOf(db: Db, inseeCode: string, path: string): Promise<{ insee: string; name: string }> {
  const [c] = await db.reference((tx) =>
    tx.select({ insee: communes.insee, name: communes.name }).from(communes).where(eq(communes.insee, inseeCode)).limit(1),
  );
  if (!c) throw invalid(undefined, [{ path, message: m.notMember }]);
  return c;
}

export async function cnigCode(
  tx: WriteTx,
  table: PgTable,
  column: PgColumn,
  cls: CnigClass,
  inseeCode: string,
  given: string | undefined,
  path: string,
): Promise<string> {
  if (given !== undefined) {
    if (!cnigIdPattern(cls).test(given)) throw invalid(undefined, [{ path, message: m.codePattern(cls) }]);
    if (!given.startsWith(`${inseeCode}_`)) throw invalid(undefined, [{ path, message: m.codeCommune(inseeCode) }]);
    return given;
  }
  const prefix = `${inseeCode}_${cls}_`;
  const rows = await tx
    .select({ code: column })
    .from(table)
    .where(like(column, `${likeContains(prefix).slice(1, -1)}%`));
  const last = Math.max(0, ...rows.map((r) => Number(String(r.code).slice(prefix.length)) || 0));
  return `${prefix}${String(last + 1).padStart(5, "0")}`;
}
