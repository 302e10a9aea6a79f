/**
 * Printable documents (pdf-lib, standard Helvetica in WinAnsi encoding, which covers French:
 * accents, ç, œ, « », €): a premises' statement and the sorting information letter. A small flowing
 * writer: lines wrap to the page width, pages are added as needed.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

/** Characters the standard fonts cannot encode become their closest plain form. */
export function printable(text: string, charset: Set<number>): string {
  return Array.from(text.normalize("NFC"))
    .map((ch) => {
      if (/[\u00a0\u202f\u2009\u2007]/.test(ch)) return " ";
      if (ch === "\u2011") return "-";
      if (charset.has(ch.codePointAt(0)!)) return ch;
      const plain = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      return plain && [...plain].every((c) => charset.has(c.codePointAt(0)!)) ? plain : "?";
    })
    .join("");
}

export class PdfWriter {
  private page!: PDFPage;
  private y = 0;
  private charset!: Set<number>;
  private constructor(
    readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {}

  static async create(title: string, subject: string): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.setTitle(title);
    doc.setSubject(subject);
    doc.setLanguage("fr-FR");
    doc.setProducer("Communa");
    doc.setCreator("Communa — déchets");
    const w = new PdfWriter(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
    w.charset = new Set(w.font.getCharacterSet());
    w.newPage();
    return w;
  }

  private newPage() {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const out: string[] = [];
    for (const para of text.split("\n")) {
      let line = "";
      for (const word of para.split(" ")) {
        const next = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(next, size) > width && line) {
          out.push(line);
          line = word;
        } else line = next;
      }
      out.push(line);
    }
    return out;
  }

  /** Writes a paragraph (wrapped), optionally bold, with space after. */
  text(text: string, opts: { size?: number; bold?: boolean; after?: number; indent?: number; color?: [number, number, number] } = {}) {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.font;
    const indent = opts.indent ?? 0;
    for (const line of this.wrap(printable(text, this.charset), font, size, A4[0] - 2 * MARGIN - indent)) {
      if (this.y < MARGIN + size) this.newPage();
      this.page.drawText(line, { x: MARGIN + indent, y: this.y - size, size, font, color: rgb(...(opts.color ?? [0, 0, 0])) });
      this.y -= size * 1.35;
    }
    this.y -= opts.after ?? 4;
  }

  /** A row of cells at fixed x offsets (a simple table line). */
  row(cells: string[], columns: number[], opts: { bold?: boolean; size?: number } = {}) {
    const size = opts.size ?? 9;
    const font = opts.bold ? this.bold : this.font;
    if (this.y < MARGIN + size) this.newPage();
    cells.forEach((c, i) => this.page.drawText(printable(c, this.charset), { x: MARGIN + columns[i], y: this.y - size, size, font }));
    this.y -= size * 1.4;
  }

  rule() {
    if (this.y < MARGIN + 8) this.newPage();
    this.page.drawLine({ start: { x: MARGIN, y: this.y - 2 }, end: { x: A4[0] - MARGIN, y: this.y - 2 }, thickness: 0.5, color: rgb(0.5, 0.5, 0.5) });
    this.y -= 8;
  }

  async bytes(): Promise<Uint8Array> {
    return this.doc.save();
  }
}
