/**
 * Every SEDA 2.3 message the archive Worker writes validates against the official XSD, checked by
 * xmllint (libxml2) offline through the schema catalog kept in the repository
 * (workers/archive/schemas/, provenance in PROVENANCE.md there): the communication/export package
 * (ArchiveTransfer, built by the same function the Worker uses from a unit and its objects) and the
 * acceptance report (ArchiveTransferReply). Each check is shown to fail on a broken message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { archiveTransferReplyXml, archiveTransferXml } from "../../workers/archive/src/services/seda.ts";
import { sedaUnitOf } from "../../workers/archive/src/services/seda-units.ts";

const run = promisify(execFile);
const schemas = path.join(import.meta.dirname, "../../workers/archive/schemas");
const MAIN = path.join(schemas, "xsd-seda-2.3/seda-2.3-main.xsd");
const CATALOG = path.join(schemas, "catalog.xml");

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "communa-seda-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function xmllint(xml: string): Promise<{ ok: boolean; output: string }> {
  const file = path.join(dir, `seda-${Math.random().toString(36).slice(2)}.xml`);
  await writeFile(file, xml, "utf8");
  try {
    await run("xmllint", ["--nonet", "--noout", "--schema", MAIN, file], { env: { ...process.env, XML_CATALOG_FILES: CATALOG } });
    return { ok: true, output: "" };
  } catch (err) {
    return { ok: false, output: String((err as { stderr?: string }).stderr ?? err) };
  }
}

const now = new Date("2026-11-29T08:00:00Z");
const unitRow = {
  id: "019abc00-0000-7000-8000-000000000001",
  tenantId: "019abc00-0000-7000-8000-0000000000aa",
  depositId: "019abc00-0000-7000-8000-0000000000bb",
  reference: "ARC-2026-00042",
  title: "Délibérations du conseil communautaire — séance du 12 mars 2026 & annexes <budget>",
  description: "Registre des délibérations, annexes budgétaires.",
  originatingAgency: "Secrétariat général",
  startDate: "2026-03-12",
  endDate: "2026-03-12",
  keywords: ["conseil communautaire", "budget primitif"],
  profile: "generic" as const,
  documentType: "Délibération",
  agentName: null,
  agentBirthDate: null,
  agentDeathDate: null,
  appraisalRule: "APP-DELIB",
  appraisalStartDate: "2026-03-12",
  duaEnd: "2036-03-12",
  finalAction: "Keep" as const,
  accessRule: "ACC-00",
  communicableFrom: "2026-03-12",
  legalHold: false,
  legalHoldReason: null,
  status: "sealed" as const,
  sealedAt: now,
  destroyedAt: null,
  createdAt: now,
};
const objectRow = (n: number, fileName: string, mimeType: string | null, puid: string | null) => ({
  id: `019abc00-0000-7000-8000-00000000010${n}`,
  tenantId: unitRow.tenantId,
  unitId: unitRow.id,
  fileName,
  size: 1000 + n,
  sha512: String(n).repeat(128),
  sha256: String(n).repeat(64),
  declaredSha512: null,
  r2Key: `sha512/${String(n).repeat(128)}`,
  mimeType,
  puid,
  formatName: mimeType ? "Acrobat PDF 1.7 - Portable Document Format" : null,
  storedAt: now,
  destroyedAt: null,
  disposalId: null,
  createdAt: now,
});

describe("SEDA 2.3 messages validate against the XSD (xmllint)", () => {
  const transfer = () =>
    archiveTransferXml({
      messageIdentifier: "COM-ARC-2026-00042-1",
      date: now,
      comment: "Communication de ARC-2026-00042",
      archivalAgency: "SIREN 246000129",
      transferringAgency: "SIREN 246000129",
      units: [
        sedaUnitOf(unitRow, [objectRow(1, "deliberation.pdf", "application/pdf", "fmt/276"), objectRow(2, "annexe sans extension", null, null)]),
        sedaUnitOf(
          {
            ...unitRow,
            id: "019abc00-0000-7000-8000-000000000002",
            reference: "ARC-2026-00043",
            description: "",
            keywords: [],
            startDate: null,
            endDate: null,
            documentType: null,
          },
          [],
        ),
      ],
    });

  it("the export / communication package (ArchiveTransfer)", async () => {
    const xml = transfer();
    expect(xml).toContain("fr:gouv:culture:archivesdefrance:seda:v2.3");
    const r = await xmllint(xml);
    expect(r.output).toBe("");
    expect(r.ok).toBe(true);
  });

  it("the acceptance report (ArchiveTransferReply)", async () => {
    const xml = archiveTransferReplyXml({
      messageIdentifier: "ATR-VERS-2026-00007",
      requestIdentifier: "VERS-2026-00007",
      date: now,
      grantDate: now,
      archivalAgency: "SIREN 246000129",
      transferringAgency: "Secrétariat général",
      replyCode: "OK",
      comment: "Versement VERS-2026-00007 accepté et scellé.",
      units: [
        { id: unitRow.id, reference: unitRow.reference, title: unitRow.title, objects: [{ id: "o", fileName: "deliberation.pdf", sha512: "1".repeat(128) }] },
      ],
      seal: { seq: 12, hash: "a".repeat(64), at: now },
    });
    expect((await xmllint(xml)).ok).toBe(true);
  });

  it("fails on a broken message (so a pass means something)", async () => {
    const broken = transfer().replace(/<MessageIdentifier>[^<]*<\/MessageIdentifier>/, "");
    const r = await xmllint(broken);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/MessageIdentifier|CodeListVersions/);
    const badRule = transfer().replace("<FinalAction>Keep</FinalAction>", "<FinalAction>Garder</FinalAction>");
    expect((await xmllint(badRule)).ok).toBe(false);
  });
});
