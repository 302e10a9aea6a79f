/**
 * SEDA 2.3 messages (ISO 20614), written with xmlbuilder2: ArchiveTransfer (export and
 * communication packages) and ArchiveTransferReply (acceptance report). Every message produced
 * validates against the SEDA 2.3 XSD kept in `workers/archive/schemas/` (checked by
 * tests/node/seda-export.test.ts with xmllint, and by the Worker itself on import).
 */
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";

export const SEDA_NS = "fr:gouv:culture:archivesdefrance:seda:v2.3";

export interface SedaObject {
  id: string;
  fileName: string;
  /** Path of the file inside the zip, e.g. "content/O-….pdf". */
  uri: string;
  sha512: string;
  size: number;
  mimeType: string | null;
  puid: string | null;
  formatName: string | null;
}

export interface SedaUnit {
  id: string;
  reference: string;
  title: string;
  description: string;
  originatingAgency: string;
  keywords: string[];
  startDate: string | null;
  endDate: string | null;
  documentType?: string | null;
  appraisal: { rule: string; startDate: string; finalAction: "Keep" | "Destroy" };
  access: { rule: string; startDate: string };
  objects: SedaObject[];
}

export interface SedaTransfer {
  messageIdentifier: string;
  date: Date;
  comment?: string;
  archivalAgency: string;
  transferringAgency: string;
  units: SedaUnit[];
}

/** xsd:ID values must be NCNames: our UUIDs get a letter prefix. */
export const sedaId = (prefix: "U" | "O" | "G", uuid: string) => `${prefix}-${uuid}`;

const CODE_LISTS = [
  ["ReplyCodeListVersion", "ReplyCodeListVersion0"],
  ["MessageDigestAlgorithmCodeListVersion", "MessageDigestAlgorithmCodeListVersion0"],
  ["MimeTypeCodeListVersion", "MimeTypeCodeListVersion0"],
  ["FileFormatCodeListVersion", "PRONOM"],
  ["AppraisalRuleCodeListVersion", "AppraisalRuleCodeListVersion0"],
  ["AccessRuleCodeListVersion", "AccessRuleCodeListVersion0"],
] as const;

function header(root: XMLBuilder, m: { comment?: string; date: Date; messageIdentifier: string }) {
  if (m.comment) root.ele("Comment").txt(m.comment);
  root.ele("Date").txt(m.date.toISOString());
  root.ele("MessageIdentifier").txt(m.messageIdentifier);
  const lists = root.ele("CodeListVersions");
  for (const [k, v] of CODE_LISTS) lists.ele(k).txt(v);
}

function unitElement(parent: XMLBuilder, u: SedaUnit) {
  const au = parent.ele("ArchiveUnit", { id: sedaId("U", u.id) });
  const mgmt = au.ele("Management");
  const app = mgmt.ele("AppraisalRule");
  app.ele("Rule").txt(u.appraisal.rule);
  app.ele("StartDate").txt(u.appraisal.startDate);
  app.ele("FinalAction").txt(u.appraisal.finalAction);
  const acc = mgmt.ele("AccessRule");
  acc.ele("Rule").txt(u.access.rule);
  acc.ele("StartDate").txt(u.access.startDate);
  const c = au.ele("Content");
  c.ele("DescriptionLevel").txt("File");
  c.ele("Title").txt(u.title);
  c.ele("ArchivalAgencyArchiveUnitIdentifier").txt(u.reference);
  if (u.description) c.ele("Description").txt(u.description);
  if (u.documentType) c.ele("DocumentType").txt(u.documentType);
  for (const k of u.keywords) c.ele("Keyword").ele("KeywordContent").txt(k);
  c.ele("OriginatingAgency").ele("Identifier").txt(u.originatingAgency);
  if (u.startDate) c.ele("StartDate").txt(u.startDate);
  if (u.endDate) c.ele("EndDate").txt(u.endDate);
  if (u.objects.length) au.ele("DataObjectReference").ele("DataObjectGroupReferenceId").txt(sedaId("G", u.id));
}

/** An ArchiveTransfer message describing `units` and their files (export or communication package). */
export function archiveTransferXml(t: SedaTransfer): string {
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(SEDA_NS, "ArchiveTransfer");
  header(root, t);
  const pkg = root.ele("DataObjectPackage");
  for (const u of t.units) {
    if (!u.objects.length) continue;
    const g = pkg.ele("DataObjectGroup", { id: sedaId("G", u.id) });
    for (const o of u.objects) {
      const b = g.ele("BinaryDataObject", { id: sedaId("O", o.id) });
      b.ele("DataObjectVersion").txt("BinaryMaster_1");
      b.ele("Uri").txt(o.uri);
      b.ele("MessageDigest", { algorithm: "SHA-512" }).txt(o.sha512);
      b.ele("Size").txt(String(o.size));
      const f = b.ele("FormatIdentification");
      if (o.formatName) f.ele("FormatLitteral").txt(o.formatName);
      if (o.mimeType) f.ele("MimeType").txt(o.mimeType);
      if (o.puid) f.ele("FormatId").txt(o.puid);
      b.ele("FileInfo").ele("Filename").txt(o.fileName);
    }
  }
  const desc = pkg.ele("DescriptiveMetadata");
  for (const u of t.units) unitElement(desc, u);
  const mm = pkg.ele("ManagementMetadata");
  mm.ele("OriginatingAgencyIdentifier").txt(t.units[0]?.originatingAgency ?? t.transferringAgency);
  mm.ele("SubmissionAgencyIdentifier").txt(t.transferringAgency);
  root.ele("ArchivalAgency").ele("Identifier").txt(t.archivalAgency);
  root.ele("TransferringAgency").ele("Identifier").txt(t.transferringAgency);
  return root.end({ prettyPrint: true });
}

export interface SedaReply {
  messageIdentifier: string;
  requestIdentifier: string;
  date: Date;
  grantDate: Date;
  archivalAgency: string;
  transferringAgency: string;
  /** "OK" when accepted. */
  replyCode: string;
  comment: string;
  /** Units accepted: our reference for each, with their objects' fingerprints. */
  units: Array<{ id: string; reference: string; title: string; objects: Array<{ id: string; fileName: string; sha512: string }> }>;
  /** The journal entry sealing the transfer. */
  seal: { seq: number; hash: string; at: Date };
}

/** The acceptance report (ArchiveTransferReply): what was taken in charge, when, under which seal. */
export function archiveTransferReplyXml(r: SedaReply): string {
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(SEDA_NS, "ArchiveTransferReply");
  header(root, { comment: r.comment, date: r.date, messageIdentifier: r.messageIdentifier });
  root.ele("ReplyCode").txt(r.replyCode);
  const ev = root.ele("Operation").ele("Event");
  ev.ele("EventIdentifier").txt(`journal-${r.seal.seq}`);
  ev.ele("EventTypeCode").txt("TRANSFER");
  ev.ele("EventType").txt("Prise en charge scellée du versement");
  ev.ele("EventDateTime").txt(r.seal.at.toISOString());
  ev.ele("Outcome").txt("OK");
  ev.ele("OutcomeDetail").txt(`SHA-256 de l’entrée de journal : ${r.seal.hash}`);
  ev.ele("OutcomeDetailMessage").txt(r.units.map((u) => `${u.reference} (${u.objects.length} fichier${u.objects.length > 1 ? "s" : ""})`).join(" ; "));
  root.ele("MessageRequestIdentifier").txt(r.requestIdentifier);
  root.ele("GrantDate").txt(r.grantDate.toISOString());
  root.ele("ArchivalAgency").ele("Identifier").txt(r.archivalAgency);
  root.ele("TransferringAgency").ele("Identifier").txt(r.transferringAgency);
  return root.end({ prettyPrint: true });
}
