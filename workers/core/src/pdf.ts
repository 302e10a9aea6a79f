/**
 * The one PDF writer of every Worker (ADR 0027): A4 pages of wrapped text, rows and rules, page
 * footers, produced as PDF/A-2b — Liberation Sans embedded (subset), XMP metadata declaring
 * pdfaid part 2 / conformance B and mirroring the document information, an sRGB OutputIntent,
 * a document ID, no encryption. Built on @pdfme/pdf-lib (the maintained fork of pdf-lib) and
 * @pdf-lib/fontkit; runs in workerd and in Node.
 *
 * Output is deterministic: the same content and date give the same bytes (font subset tags and
 * the document ID derive from the content), so a retried rendering has the same SHA-256.
 */
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, PDFHexString, PDFName, PDFString, rgb, type PDFFont, type PDFPage } from "@pdfme/pdf-lib";
import * as regularFont from "./pdf-assets/liberation-sans-regular.ts";
import * as boldFont from "./pdf-assets/liberation-sans-bold.ts";
import * as srgb from "./pdf-assets/srgb-icc.ts";
import { fromBase64, toHex } from "./bytes.ts";
import { sha256 } from "./hash.ts";

export const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

export interface PdfMeta {
  title: string;
  subject?: string;
  /** The producing body (collectivité, service). */
  author?: string;
  keywords?: string[];
  /** The application part that made it, e.g. "Communa — conseil". */
  creator?: string;
  /** Creation (and modification) date written in the document; fixed for reproducible output. */
  date: Date;
  language?: string;
}

export interface TextOptions {
  size?: number;
  bold?: boolean;
  indent?: number;
  /** Space after the paragraph, in points (default 4). */
  after?: number;
  color?: [number, number, number];
  /** Line height as a multiple of the size (default 1.35). */
  leading?: number;
}

let iccBytes: Uint8Array | undefined;
/** Font files decoded once per isolate (pdf-lib would decode the base64 for every document). */
let fontBytes: { regular: Uint8Array; bold: Uint8Array } | undefined;

/** Six capital letters from a text (a subset font's tag, ISO 32000-1 § 9.6.4), deterministic. */
async function tagOf(text: string): Promise<string> {
  const d = await sha256(text);
  return Array.from(d.slice(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join("");
}

const xmlEscape = (s: string) => s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
/** XMP dates: ISO 8601 in UTC, to the second (what the Info dictionary's D: dates carry). */
const xmpDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** The XMP packet (ISO 16684-1) of a PDF/A-2b document, consistent with its Info dictionary. */
export function xmpMetadata(meta: PdfMeta & { producer: string }): string {
  const lang = meta.language ?? "fr-FR";
  const alt = (v: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(v)}</rdf:li></rdf:Alt>`;
  return [
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>`,
    `<x:xmpmeta xmlns:x="adobe:ns:meta/">`,
    `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`,
    `<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:format>application/pdf</dc:format><dc:language><rdf:Bag><rdf:li>${xmlEscape(lang)}</rdf:li></rdf:Bag></dc:language><dc:title>${alt(meta.title)}</dc:title>${meta.author ? `<dc:creator><rdf:Seq><rdf:li>${xmlEscape(meta.author)}</rdf:li></rdf:Seq></dc:creator>` : ""}${meta.subject ? `<dc:description>${alt(meta.subject)}</dc:description>` : ""}</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreateDate>${xmpDate(meta.date)}</xmp:CreateDate><xmp:ModifyDate>${xmpDate(meta.date)}</xmp:ModifyDate><xmp:MetadataDate>${xmpDate(meta.date)}</xmp:MetadataDate>${meta.creator ? `<xmp:CreatorTool>${xmlEscape(meta.creator)}</xmp:CreatorTool>` : ""}</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${xmlEscape(meta.producer)}</pdf:Producer>${meta.keywords?.length ? `<pdf:Keywords>${xmlEscape(meta.keywords.join(", "))}</pdf:Keywords>` : ""}</rdf:Description>`,
    `</rdf:RDF>`,
    `</x:xmpmeta>`,
    `<?xpacket end="w"?>`,
  ].join("\n");
}

export const PRODUCER = "Communa (@communa/core/pdf, PDF/A-2b)";

/**
 * Reduces a text to what a font can draw: narrow and no-break spaces become spaces, line breaks
 * and tabs spaces (callers split paragraphs on "\n" first), letters the font lacks their base
 * letter, anything else "?". A missing glyph would draw .notdef, which PDF/A forbids.
 */
export function printable(text: string, charset: Set<number>): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    if (/[\u00a0\u202f\u2009\u2007]/.test(ch)) out += " ";
    else if (ch === "\u2011") out += "-";
    else if (ch === "\t" || ch === "\r" || ch === "\n") out += " ";
    else if (charset.has(ch.codePointAt(0)!) && ch.codePointAt(0)! >= 0x20) out += ch;
    else {
      const plain = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += plain && plain !== ch && [...plain].every((c) => charset.has(c.codePointAt(0)!)) ? plain : "?";
    }
  }
  return out;
}

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
}
interface FontkitFont {
  glyphForCodePoint(cp: number): FontkitGlyph;
  layout(text: string, features?: unknown): { glyphs: FontkitGlyph[] };
}

/**
 * One glyph per character, from the font's cmap: pdf-lib encodes and measures text through
 * fontkit's full OpenType layout (about 3 ms a line, most of a document's time), whose kerning it
 * never draws anyway. Ligatures are not formed, which also keeps copied text letter for letter.
 */
function plainLayout(font: PDFFont) {
  const fk = (font as unknown as { embedder: { font: FontkitFont } }).embedder.font;
  const glyphs = new Map<number, FontkitGlyph>();
  fk.layout = (text: string) => ({
    glyphs: Array.from(text, (ch) => {
      const cp = ch.codePointAt(0)!;
      let g = glyphs.get(cp);
      if (!g) glyphs.set(cp, (g = fk.glyphForCodePoint(cp)));
      return g;
    }),
  });
}

/** A flowing A4 writer: paragraphs wrap to the page width (long tokens are cut), pages are added as needed. */
export class PdfWriter {
  private page!: PDFPage;
  private y = 0;
  private readonly pages: PDFPage[] = [];
  /** Everything drawn, for the document ID. */
  private drawn = "";
  private readonly charset: Set<number>;
  readonly doc: PDFDocument;
  private readonly meta: PdfMeta;
  private readonly font: PDFFont;
  private readonly bold: PDFFont;
  private constructor(doc: PDFDocument, meta: PdfMeta, font: PDFFont, bold: PDFFont) {
    this.doc = doc;
    this.meta = meta;
    this.font = font;
    this.bold = bold;
    this.charset = new Set(font.getCharacterSet().filter((c) => bold.getCharacterSet().includes(c)));
    this.newPage();
  }

  static async create(meta: PdfMeta): Promise<PdfWriter> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(fontkit);
    // Subset tags from the title and date: stable across renderings of the same document.
    const tag = await tagOf(`${meta.title}\n${meta.date.toISOString()}`);
    fontBytes ??= { regular: fromBase64(regularFont.base64), bold: fromBase64(boldFont.base64) };
    const font = await doc.embedFont(fontBytes.regular, { subset: true, customName: `${tag}+LiberationSans` });
    const bold = await doc.embedFont(fontBytes.bold, { subset: true, customName: `${tag.split("").reverse().join("")}+LiberationSans-Bold` });
    for (const f of [font, bold]) plainLayout(f);
    return new PdfWriter(doc, meta, font, bold);
  }

  /** The text as this document's fonts will draw it. */
  printable(text: string): string {
    return printable(text, this.charset);
  }

  /** Vertical position of the next line (points from the bottom). */
  get cursor(): number {
    return this.y;
  }

  newPage() {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN;
  }

  private readonly advances = new Map<PDFFont, Map<string, number>>();
  /** Width of a text (sum of its characters' advances: fontkit's full layout is far slower, and draws no kerning). */
  width(text: string, size: number, font: PDFFont = this.font): number {
    let cache = this.advances.get(font);
    if (!cache) this.advances.set(font, (cache = new Map()));
    let sum = 0;
    for (const ch of text) {
      let a = cache.get(ch);
      if (a === undefined) cache.set(ch, (a = font.widthOfTextAtSize(ch, 1000)));
      sum += a;
    }
    return (sum * size) / 1000;
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const out: string[] = [];
    for (const para of text.split("\n")) {
      let line = "";
      for (const word of this.printable(para).split(" ")) {
        let w = word;
        // A token wider than the line (a fingerprint) is cut to the width.
        while (this.width(w, size, font) > width) {
          let cut = w.length - 1;
          while (cut > 1 && this.width(w.slice(0, cut), size, font) > width) cut--;
          if (line) out.push(line);
          out.push(w.slice(0, cut));
          line = "";
          w = w.slice(cut);
        }
        const next = line ? `${line} ${w}` : w;
        if (this.width(next, size, font) > width && line) {
          out.push(line);
          line = w;
        } else line = next;
      }
      out.push(line);
    }
    return out;
  }

  /** Writes a paragraph (wrapped), optionally bold, with space after. */
  text(text: string, opts: TextOptions = {}) {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.font;
    const indent = opts.indent ?? 0;
    for (const line of this.wrap(text, font, size, A4[0] - 2 * MARGIN - indent)) {
      if (this.y - size < MARGIN + 16) this.newPage();
      this.drawn += `${line}\n`;
      if (line) this.page.drawText(line, { x: MARGIN + indent, y: this.y - size, size, font, color: rgb(...(opts.color ?? [0.1, 0.1, 0.1])) });
      this.y -= size * (opts.leading ?? 1.35);
    }
    this.y -= opts.after ?? 4;
  }

  /** Vertical space. */
  space(points: number) {
    this.y -= points;
  }

  /** A row of cells at fixed x offsets (a simple table line). */
  row(cells: string[], columns: number[], opts: { bold?: boolean; size?: number } = {}) {
    const size = opts.size ?? 9;
    const font = opts.bold ? this.bold : this.font;
    if (this.y - size < MARGIN + 16) this.newPage();
    this.drawn += `${cells.join("\t")}\n`;
    cells.forEach((c, i) => this.page.drawText(this.printable(c), { x: MARGIN + columns[i], y: this.y - size, size, font, color: rgb(0, 0, 0) }));
    this.y -= size * 1.4;
  }

  rule() {
    if (this.y < MARGIN + 24) this.newPage();
    this.page.drawLine({ start: { x: MARGIN, y: this.y - 2 }, end: { x: A4[0] - MARGIN, y: this.y - 2 }, thickness: 0.5, color: rgb(0.5, 0.5, 0.5) });
    this.y -= 8;
  }

  /** A footer on every page, e.g. (i, n) => `Page ${i} / ${n}`. Call once, when all is written. */
  footer(label: (page: number, pages: number) => string) {
    this.pages.forEach((p, i) =>
      p.drawText(this.printable(label(i + 1, this.pages.length)), { x: MARGIN, y: MARGIN / 2, size: 8, font: this.font, color: rgb(0.3, 0.3, 0.3) }),
    );
  }

  /** The PDF/A-2b bytes. */
  async bytes(): Promise<Uint8Array> {
    const { doc, meta } = this;
    const clean = (s: string) => this.printable(s);
    const m = {
      ...meta,
      title: clean(meta.title),
      subject: meta.subject && clean(meta.subject),
      author: meta.author && clean(meta.author),
      keywords: meta.keywords?.map(clean),
      creator: meta.creator && clean(meta.creator),
    };
    // Whole seconds: the Info dictionary's dates and the XMP's must be equal.
    const date = new Date(Math.floor(meta.date.getTime() / 1000) * 1000);
    doc.setTitle(m.title, { showInWindowTitleBar: true });
    if (m.subject) doc.setSubject(m.subject);
    if (m.author) doc.setAuthor(m.author);
    if (m.keywords?.length) doc.setKeywords([m.keywords.join(", ")]);
    if (m.creator) doc.setCreator(m.creator);
    doc.setProducer(PRODUCER);
    doc.setCreationDate(date);
    doc.setModificationDate(date);
    doc.setLanguage(meta.language ?? "fr-FR");
    const ctx = doc.context;
    const xmp = new TextEncoder().encode(xmpMetadata({ ...m, date, producer: PRODUCER }));
    // Not compressed: PDF/A wants the metadata readable by tools that do not decode streams.
    doc.catalog.set(PDFName.of("Metadata"), ctx.register(ctx.stream(xmp, { Type: "Metadata", Subtype: "XML", Length: xmp.length })));
    iccBytes ??= fromBase64(srgb.base64);
    const icc = ctx.register(ctx.flateStream(iccBytes, { N: 3 }));
    const intent = ctx.obj({
      Type: "OutputIntent",
      S: "GTS_PDFA1",
      OutputConditionIdentifier: PDFString.of("sRGB IEC61966-2.1"),
      Info: PDFString.of("sRGB IEC61966-2.1"),
      RegistryName: PDFString.of("http://www.color.org"),
      DestOutputProfile: icc,
    });
    doc.catalog.set(PDFName.of("OutputIntents"), ctx.obj([ctx.register(intent)]));
    // The file identifier PDF/A requires, from the content (two equal halves: an original).
    const id = toHex((await sha256(`${m.title}\n${date.toISOString()}\n${this.drawn}`)).slice(0, 16));
    ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(id), PDFHexString.of(id)]);
    return doc.save({ useObjectStreams: false });
  }
}
