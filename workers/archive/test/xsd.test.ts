/** The SEDA 2.3 schema compiles and validates inside workerd (libxml2 as WebAssembly). */
import { describe, expect, it } from "vitest";
import { validateSeda } from "../src/xsd/validate.ts";
import { archiveTransferXml } from "../src/services/seda.ts";

const unit = {
  id: "0195f0b6-aaaa-7000-8000-000000000001",
  reference: "ARC-2026-00001",
  title: "Délibérations 2025",
  description: "",
  originatingAgency: "Secrétariat général",
  keywords: ["conseil"],
  startDate: "2025-01-01",
  endDate: "2025-12-31",
  appraisal: { rule: "APP-DELIB", startDate: "2025-12-31", finalAction: "Keep" as const },
  access: { rule: "ACC-00", startDate: "2025-12-31" },
  objects: [
    {
      id: "0195f0b6-bbbb-7000-8000-000000000002",
      fileName: "d.pdf",
      uri: "content/d.pdf",
      sha512: "a".repeat(128),
      size: 3,
      mimeType: "application/pdf",
      puid: "fmt/276",
      formatName: "PDF",
    },
  ],
};

describe("SEDA 2.3 validation in the Worker", () => {
  it("accepts a manifest the platform writes", () => {
    const xml = archiveTransferXml({ messageIdentifier: "M-1", date: new Date(), archivalAgency: "A", transferringAgency: "T", units: [unit] });
    expect(validateSeda(xml)).toEqual([]);
  });
  it("names what is wrong in a manifest without MessageIdentifier", () => {
    const xml = archiveTransferXml({ messageIdentifier: "M-1", date: new Date(), archivalAgency: "A", transferringAgency: "T", units: [unit] }).replace(
      /<MessageIdentifier>M-1<\/MessageIdentifier>/,
      "",
    );
    const problems = validateSeda(xml);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].message).toMatch(/CodeListVersions|MessageIdentifier/);
  });
  it("reports a document that is not XML", () => {
    expect(validateSeda("<ArchiveTransfer>").length).toBeGreaterThan(0);
  });
});
