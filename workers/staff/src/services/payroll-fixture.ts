/**
 * A month's payroll PDF as payroll software prints it, built with pdf-lib for the tests: one page per
 * payslip (or more), real text on each page ("Matricule : …", the name, the net pay), standard font.
 * Test support only (imported by the staff tests and the gateway's integration test).
 */
import { PDFDocument, StandardFonts } from "@pdfme/pdf-lib";

export interface FixtureSlip {
  payrollNumber: string;
  name: string;
  /** Pages of this payslip (default 1): the next pages say "suite" and carry no number. */
  pages?: number;
  netCents?: number;
}

export async function payrollPdf(period: string, slips: FixtureSlip[], opts: { leadingCover?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const line = (page: ReturnType<typeof doc.addPage>, text: string, y: number) => page.drawText(text, { x: 50, y, size: 12, font });
  if (opts.leadingCover) line(doc.addPage([595, 842]), `Journal de paie ${period} - page de garde`, 780);
  for (const s of slips) {
    const first = doc.addPage([595, 842]);
    line(first, `BULLETIN DE PAIE - periode ${period}`, 780);
    line(first, `Matricule : ${s.payrollNumber}`, 750);
    line(first, `Agent : ${s.name}`, 730);
    line(first, `Net a payer : ${((s.netCents ?? 200000) / 100).toFixed(2)} EUR`, 700);
    for (let p = 2; p <= (s.pages ?? 1); p++) line(doc.addPage([595, 842]), `Suite du bulletin - page ${p}`, 780);
  }
  return doc.save();
}

export const fixtureSlips = (n: number, prefix = "M"): FixtureSlip[] =>
  Array.from({ length: n }, (_, i) => ({
    payrollNumber: `${prefix}${String(i + 1).padStart(4, "0")}`,
    name: `Agent Fictif ${i + 1}`,
    netCents: 180000 + i * 1000,
  }));
