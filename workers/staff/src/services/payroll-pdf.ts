/**
 * The month's payroll PDF, split per agent: each page's text is read (unpdf, pdf.js's serverless
 * build: runs in workerd and Node) to find the payroll number printed on it; consecutive pages of one
 * number make one payslip (a page without a number continues the previous one); each payslip is
 * copied into its own PDF with pdf-lib (@pdfme/pdf-lib, the maintained fork core already uses).
 */
import { PDFDocument } from "@pdfme/pdf-lib";
import { extractText, getDocumentProxy } from "unpdf";

/** "Matricule : 000123", "Matricule n° A-42", "N° matricule 42" — the label payroll software prints. */
export const PAYROLL_NUMBER = /matricule\s*(?:n[°o]\s*)?:?\s*([A-Za-z0-9][A-Za-z0-9-]{0,19})/i;

export interface Payslip {
  payrollNumber: string;
  /** Pages of the source, from 1. */
  pages: number[];
  bytes: Uint8Array;
}

export interface SplitResult {
  pageCount: number;
  payslips: Payslip[];
  /** Pages before any payroll number (nobody's): reported, never published. */
  orphanPages: number[];
}

/** Each page's text, in order. */
export async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  try {
    const { text } = await extractText(doc, { mergePages: false });
    return text;
  } finally {
    await doc.loadingTask.destroy();
  }
}

export async function splitPayroll(pdf: Uint8Array): Promise<SplitResult> {
  const texts = await pageTexts(pdf);
  const groups: Array<{ payrollNumber: string; pages: number[] }> = [];
  const orphanPages: number[] = [];
  texts.forEach((text, i) => {
    const found = PAYROLL_NUMBER.exec(text)?.[1];
    const last = groups.at(-1);
    if (found && found !== last?.payrollNumber) groups.push({ payrollNumber: found, pages: [i + 1] });
    else if (last) last.pages.push(i + 1);
    else orphanPages.push(i + 1);
  });
  const source = await PDFDocument.load(pdf, { updateMetadata: false });
  const payslips: Payslip[] = [];
  for (const g of groups) {
    const out = await PDFDocument.create();
    const copied = await out.copyPages(
      source,
      g.pages.map((p) => p - 1),
    );
    for (const page of copied) out.addPage(page);
    payslips.push({ payrollNumber: g.payrollNumber, pages: g.pages, bytes: await out.save() });
  }
  return { pageCount: texts.length, payslips, orphanPages };
}
