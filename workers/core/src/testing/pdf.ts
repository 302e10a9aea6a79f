/**
 * Reading back what a PDF made by @communa/core/pdf shows (tests): each page's text, one drawn
 * line per line, decoded through each font's ToUnicode map — what a reader copying the text gets.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFObject } from "@pdfme/pdf-lib";

const latin1 = new TextDecoder("latin1");

function streamText(doc: PDFDocument, obj: PDFObject | undefined): string {
  const s = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  if (!(s instanceof PDFRawStream)) return "";
  return latin1.decode(decodePDFRawStream(s).decode());
}

const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/..../g) ?? []).map((h) => parseInt(h, 16)));

/** A ToUnicode CMap's code → text map (bfchar and bfrange entries). */
export function parseToUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(m[1].toUpperCase(), utf16(m[2]));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const [lo, hi] = [parseInt(m[1], 16), parseInt(m[2], 16)];
      const width = m[1].length;
      const targets = m[3].startsWith("[") ? [...m[3].matchAll(/<([0-9A-Fa-f]+)>/g)].map((t) => t[1]) : null;
      for (let c = lo; c <= hi; c++) {
        const code = c.toString(16).toUpperCase().padStart(width, "0");
        if (targets) map.set(code, utf16(targets[c - lo]));
        else {
          const base = m[3].slice(1, -1);
          const last = parseInt(base.slice(-4), 16) + (c - lo);
          map.set(code, utf16(base.slice(0, -4) + last.toString(16).padStart(4, "0")));
        }
      }
    }
  }
  return map;
}

/** The text of every page, in drawing order, one line per text-showing operator. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const lines: string[] = [];
  for (const page of doc.getPages()) {
    const fonts = new Map<string, Map<string, string>>();
    const fontDict = page.node.Resources()?.lookupMaybe(PDFName.of("Font"), PDFDict);
    for (const [name, ref] of fontDict?.entries() ?? []) {
      const font = doc.context.lookup(ref, PDFDict);
      fonts.set(name.asString(), parseToUnicode(streamText(doc, font.get(PDFName.of("ToUnicode")))));
    }
    const contents = page.node.Contents();
    const parts = contents instanceof PDFArray ? contents.asArray() : [contents];
    const content = parts.map((p) => streamText(doc, p as PDFObject)).join("\n");
    let current = new Map<string, string>();
    for (const op of content.matchAll(/(\/[^\s/]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj/g)) {
      if (op[1]) current = fonts.get(op[1]) ?? new Map();
      else lines.push((op[2].toUpperCase().match(/..../g) ?? []).map((code) => current.get(code) ?? "\uFFFD").join(""));
    }
  }
  return lines.join("\n");
}
