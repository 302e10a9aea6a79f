/**
 * SEDA 2.3 ArchiveTransfer import: a zip holding the manifest (`manifest.xml`, or the one XML file
 * at its root) and the files it references. The manifest is validated against the SEDA 2.3 XSD
 * inside the Worker (400 with libxml2's messages when it does not validate); every file's declared
 * digest (SHA-512 or SHA-256) and size are checked; only then is anything stored. Management rules
 * are inherited down the ArchiveUnit tree, as SEDA defines; units holding files become units here.
 */
import { unzipSync } from "fflate";
import { XmlDocument, type XmlElement, type XmlNode } from "../xsd/libxml2.ts";
import { invalid, type FieldError } from "@communa/core";
import { m } from "../messages.fr.ts";
import type { ArchiveDeps } from "./context.ts";
import { depositPackage, type PackageInput, type Receipt } from "./deposits.ts";
import { fingerprintBytes } from "./digest.ts";
import { SEDA_NS } from "./seda.ts";
import { validateSeda } from "../xsd/validate.ts";

const NS = { s: SEDA_NS };

function text(node: XmlNode | null): string | null {
  const v = node?.content.trim();
  return v ? v : null;
}

function readZip(bytes: Uint8Array): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes);
  } catch {
    throw invalid(m.zipInvalid, [{ path: "body", message: m.zipInvalid }]);
  }
}

interface ParsedFile {
  uri: string;
  name: string;
  size: number | null;
  algorithm: string;
  digest: string;
}

export async function importSeda(deps: ArchiveDeps, zipBytes: Uint8Array): Promise<Receipt> {
  const files = readZip(zipBytes);
  const rootXml = Object.keys(files).filter((n) => !n.includes("/") && n.toLowerCase().endsWith(".xml"));
  const manifestName = "manifest.xml" in files ? "manifest.xml" : rootXml.length === 1 ? rootXml[0] : null;
  if (!manifestName) throw invalid(m.manifestMissing, [{ path: "body", message: m.manifestMissing }]);
  const manifest = new TextDecoder().decode(files[manifestName]);
  // SEDA needs no DTD: a DOCTYPE (external or internal entities) is refused before libxml2 sees it.
  if (/<!DOCTYPE/i.test(manifest)) throw invalid(m.doctypeRefused, [{ path: manifestName, message: m.doctypeRefused }]);
  const problems = validateSeda(manifest);
  if (problems.length)
    throw invalid(
      m.manifestInvalid,
      problems.slice(0, 20).map((p) => ({ path: `${manifestName}:${p.line}`, message: p.message })),
    );

  const doc = XmlDocument.fromString(manifest);
  try {
    if (doc.root.name !== "ArchiveTransfer") throw invalid(m.manifestInvalid, [{ path: manifestName, message: m.notATransfer(doc.root.name) }]);
    const groups = new Map<string, ParsedFile[]>();
    for (const g of doc.find("//s:DataObjectPackage/s:DataObjectGroup", NS) as XmlElement[]) {
      const list: ParsedFile[] = [];
      for (const b of g.find("s:BinaryDataObject", NS) as XmlElement[]) {
        const digest = b.get("s:MessageDigest", NS) as XmlElement | null;
        list.push({
          uri: text(b.get("s:Uri", NS)) ?? text(b.get("s:Attachment/@filename", NS)) ?? "",
          name: text(b.get("s:FileInfo/s:Filename", NS)) ?? text(b.get("s:Uri", NS)) ?? "fichier",
          size: text(b.get("s:Size", NS)) ? Number(text(b.get("s:Size", NS))) : null,
          algorithm: digest?.attr("algorithm")?.value ?? "",
          digest: (text(digest) ?? "").toLowerCase(),
        });
      }
      groups.set(g.attr("id")?.value ?? "", list);
    }
    const ruleOf = (unit: XmlElement, kind: "AppraisalRule" | "AccessRule"): { rule: string | null; start: string | null } => {
      for (let n: XmlElement | null = unit; n && n.name === "ArchiveUnit"; n = n.parent as XmlElement | null) {
        const rule = text(n.get(`s:Management/s:${kind}/s:Rule`, NS));
        if (rule) return { rule, start: text(n.get(`s:Management/s:${kind}/s:StartDate`, NS)) };
      }
      return { rule: null, start: null };
    };
    const agencyOf = (unit: XmlElement) => {
      for (let n: XmlElement | null = unit; n && n.name === "ArchiveUnit"; n = n.parent as XmlElement | null) {
        const a = text(n.get("s:Content/s:OriginatingAgency/s:Identifier", NS));
        if (a) return a;
      }
      return text(doc.get("//s:ManagementMetadata/s:OriginatingAgencyIdentifier", NS));
    };
    const errors: FieldError[] = [];
    const units: PackageInput["units"] = [];
    for (const u of doc.find("//s:DescriptiveMetadata//s:ArchiveUnit", NS) as XmlElement[]) {
      const ref = text(u.get("s:DataObjectReference/s:DataObjectGroupReferenceId", NS));
      if (!ref) continue;
      const title = text(u.get("s:Content/s:Title", NS)) ?? "Sans titre";
      const appraisal = ruleOf(u, "AppraisalRule");
      const access = ruleOf(u, "AccessRule");
      if (!appraisal.rule || !access.rule) {
        errors.push({ path: `manifest/ArchiveUnit[@id='${u.attr("id")?.value ?? ""}']`, message: m.unitWithoutRule(title) });
        continue;
      }
      const unitFiles: PackageInput["units"][number]["files"] = [];
      for (const f of groups.get(ref) ?? []) {
        const bytes = files[f.uri];
        const path = `${f.uri}`;
        if (!bytes) {
          errors.push({ path, message: m.fileMissingInZip(f.uri) });
          continue;
        }
        const fp = await fingerprintBytes(bytes);
        const alg = f.algorithm.toUpperCase().replace("_", "-");
        if (alg !== "SHA-512" && alg !== "SHA-256") errors.push({ path, message: m.digestAlgorithm(f.algorithm) });
        else if ((alg === "SHA-512" ? fp.sha512 : fp.sha256) !== f.digest) errors.push({ path, message: `${f.name} : ${m.hashMismatch}` });
        else if (f.size !== null && f.size !== fp.size) errors.push({ path, message: `${f.name} : ${m.sizeMismatch}` });
        unitFiles.push({ name: f.name, size: bytes.byteLength, bytes, sha512: fp.sha512 });
      }
      units.push({
        title,
        description: (u.find("s:Content/s:Description", NS) as XmlElement[]).map((d) => d.content.trim()).join("\n"),
        originatingAgency: agencyOf(u) ?? "Inconnu",
        startDate: text(u.get("s:Content/s:StartDate", NS))?.slice(0, 10) ?? null,
        endDate: text(u.get("s:Content/s:EndDate", NS))?.slice(0, 10) ?? null,
        keywords: (u.find("s:Content/s:Keyword/s:KeywordContent", NS) as XmlElement[]).map((k) => k.content.trim()).filter(Boolean),
        appraisalRule: appraisal.rule,
        accessRule: access.rule,
        ruleStartDate: appraisal.start,
        files: unitFiles,
      });
    }
    if (errors.length) throw invalid(m.packageRefused, errors);
    if (!units.length) throw invalid(m.noFiles, [{ path: manifestName, message: m.noFiles }]);
    return depositPackage(deps, {
      source: "seda",
      messageIdentifier: text(doc.get("/s:ArchiveTransfer/s:MessageIdentifier", NS)) ?? undefined,
      comment: text(doc.get("/s:ArchiveTransfer/s:Comment", NS)) ?? undefined,
      transferringAgency: text(doc.get("/s:ArchiveTransfer/s:TransferringAgency/s:Identifier", NS)) ?? "Inconnu",
      units,
    });
  } finally {
    doc.dispose();
  }
}
