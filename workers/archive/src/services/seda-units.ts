/** From the register's rows to SEDA 2.3 descriptions (no runtime dependency: Node-side tests use it too). */
import type { archiveObjects, archiveUnits } from "@communa/db";
import { sedaId, type SedaUnit } from "./seda.ts";

type UnitRow = typeof archiveUnits.$inferSelect;
type ObjectRow = typeof archiveObjects.$inferSelect;

const extension = (name: string) => /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0].toLowerCase() ?? "";
export const objectUri = (o: Pick<ObjectRow, "id" | "fileName">) => `content/${sedaId("O", o.id)}${extension(o.fileName)}`;

export function sedaUnitOf(unit: UnitRow, objects: ObjectRow[]): SedaUnit {
  return {
    id: unit.id,
    reference: unit.reference,
    title: unit.title,
    description: unit.description,
    originatingAgency: unit.originatingAgency,
    keywords: unit.keywords,
    startDate: unit.startDate,
    endDate: unit.endDate,
    documentType: unit.documentType,
    appraisal: { rule: unit.appraisalRule, startDate: unit.appraisalStartDate, finalAction: unit.finalAction },
    access: { rule: unit.accessRule, startDate: unit.appraisalStartDate },
    objects: objects
      .filter((o) => o.sha512 && !o.destroyedAt)
      .map((o) => ({
        id: o.id,
        fileName: o.fileName,
        uri: objectUri(o),
        sha512: o.sha512!,
        size: o.size,
        mimeType: o.mimeType,
        puid: o.puid,
        formatName: o.formatName,
      })),
  };
}
