/**
 * The shared PDF writer: French text reaches the page through an embedded font, what the font
 * cannot draw is reduced, and the file carries the PDF/A-2b markers a validator checks (veraPDF
 * cannot be installed here: see ADR 0027) — XMP with pdfaid 2/B mirroring the Info dictionary, an
 * sRGB OutputIntent, embedded fonts, an ID, no encryption — and passes `qpdf --check`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PDFArray, PDFDict, PDFDocument, type PDFHexString, PDFName, type PDFRawStream, PDFRef, type PDFString, decodePDFRawStream } from "@pdfme/pdf-lib";
import { PdfWriter, printable, PRODUCER } from "./pdf.ts";
import { pdfText } from "./testing/pdf.ts";
import * as srgb from "./pdf-assets/srgb-icc.ts";

const closedAt = new Date(Date.UTC(2026, 10, 30, 19, 5, 0, 250));

async function sample(extra = "") {
  const w = await PdfWriter.create({
    title: "Procès-verbal — séance « extraordinaire »",
    subject: "Procès-verbal",
    author: "Communauté de communes du Liancourtois – la Vallée dorée",
    keywords: ["conseil", "séance"],
    creator: "Communa — conseil",
    date: closedAt,
  });
  w.text("Séance « extraordinaire » : élections, œuvres et façades à l’étude", { size: 14, bold: true });
  w.text(`Hélène Bœuf, Jérôme Ågren, Łukasz Kowalski, Zoë Ćirić — 12\u202f345 € ${extra}`);
  w.text(`Empreinte : ${"ab".repeat(64)}`, { size: 7 });
  w.row(["Date", "Levée"], [0, 100], { bold: true });
  w.rule();
  w.footer((i, n) => `Page ${i} / ${n}`);
  return w.bytes();
}

const sha256 = async (b: Uint8Array) => Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", b)), (x) => x.toString(16).padStart(2, "0")).join("");

describe("@communa/core/pdf", () => {
  it("draws French (and Polish, Croatian) names with an embedded font; what it lacks becomes ?", async () => {
    const text = await pdfText(await sample("漢"));
    expect(text).toContain("Séance « extraordinaire » : élections, œuvres et façades à l’étude");
    expect(text).toContain("Hélène Bœuf, Jérôme Ågren, Łukasz Kowalski, Zoë Ćirić — 12 345 € ?");
    expect(text).toContain("Page 1 / 1");
    // The long fingerprint is cut to the page width, not lost.
    expect(text.replace(/\n/g, "")).toContain("ab".repeat(64));
  });

  it("reduces to base letters only what the font cannot draw", () => {
    const charset = new Set([..."Lodz ?e"].map((c) => c.codePointAt(0)!));
    expect(printable("Łódź\u00a0e\u0301", charset)).toBe("?odz e");
    expect(printable("óé", new Set([..."oe"].map((c) => c.codePointAt(0)!)))).toBe("oe");
  });

  it("is reproducible: the same document and date give the same bytes", async () => {
    expect(await sha256(await sample())).toBe(await sha256(await sample()));
    expect(await sha256(await sample("x"))).not.toBe(await sha256(await sample()));
  });

  it("carries the PDF/A-2b markers", async () => {
    const bytes = await sample();
    const head = new TextDecoder("latin1").decode(bytes.slice(0, 16));
    expect(head).toMatch(/^%PDF-1\.7\n%[\x80-\xff]{4}/);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const { context, catalog } = doc;
    expect(context.trailerInfo.Encrypt).toBeUndefined();
    const id = context.lookup(context.trailerInfo.ID!, PDFArray);
    expect(id.size()).toBe(2);
    expect((id.get(0) as PDFHexString).asString()).toMatch(/^[0-9a-f]{32}$/);

    // XMP: uncompressed, declaring PDF/A-2B, with the Info dictionary's values.
    const md = context.lookup(catalog.get(PDFName.of("Metadata"))) as PDFRawStream;
    expect(md.dict.get(PDFName.of("Filter"))).toBeUndefined();
    expect(md.dict.get(PDFName.of("Subtype"))).toEqual(PDFName.of("XML"));
    const xmp = new TextDecoder().decode(md.contents);
    expect(xmp).toContain("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>");
    expect(xmp).toContain(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${doc.getTitle()}</rdf:li></rdf:Alt></dc:title>`);
    expect(xmp).toContain(`<rdf:li>${doc.getAuthor()}</rdf:li>`);
    expect(xmp).toContain(`<pdf:Producer>${PRODUCER}</pdf:Producer>`);
    expect(doc.getProducer()).toBe(PRODUCER);
    expect(xmp).toContain(`<xmp:CreateDate>${doc.getCreationDate()!.toISOString().replace(".000", "")}</xmp:CreateDate>`);
    expect(doc.getCreationDate()!.toISOString()).toBe("2026-11-30T19:05:00.000Z");
    expect(xmp).toMatch(/^<\?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"\?>/);

    // sRGB OutputIntent with the bundled ICC profile.
    const intents = context.lookup(catalog.get(PDFName.of("OutputIntents")), PDFArray);
    expect(intents.size()).toBe(1);
    const intent = context.lookup(intents.get(0), PDFDict);
    expect(intent.get(PDFName.of("S"))).toEqual(PDFName.of("GTS_PDFA1"));
    expect((intent.get(PDFName.of("OutputConditionIdentifier")) as PDFString).asString()).toBe("sRGB IEC61966-2.1");
    const profile = context.lookup(intent.get(PDFName.of("DestOutputProfile"))) as PDFRawStream;
    expect(profile.dict.get(PDFName.of("N"))?.toString()).toBe("3");
    expect(await sha256(decodePDFRawStream(profile).decode())).toBe(srgb.sha256);

    // Every font embedded (TrueType program), as a named subset.
    const fonts = context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of("Type"))?.toString() === "/FontDescriptor");
    expect(fonts.length).toBe(2);
    for (const [, d] of fonts) {
      expect((d as PDFDict).get(PDFName.of("FontFile2"))).toBeInstanceOf(PDFRef);
      expect((d as PDFDict).get(PDFName.of("FontName"))?.toString()).toMatch(/^\/[A-Z]{6}\+LiberationSans/);
    }
    expect(catalog.get(PDFName.of("Lang"))?.toString()).toBe("(fr-FR)");
  });

  it("is a well-formed PDF for qpdf", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "communa-pdf-"));
    const file = path.join(dir, "sample.pdf");
    writeFileSync(file, await sample());
    // qpdf is installed by .ci/run (Debian package qpdf); it exits non-zero on any structural error or warning.
    const out = execFileSync("qpdf", ["--check", file], { encoding: "utf8" });
    expect(out).toContain("No syntax or stream encoding errors found");
  });
});
