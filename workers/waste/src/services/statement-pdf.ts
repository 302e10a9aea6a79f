/** The per-premises statement as a PDF: every figure of the bill, and every lift counted. */
import { basisUnit, doc, streamLabel } from "../documents.fr.ts";
import { euros, STREAMS, type Stream } from "./billing-core.ts";
import type { Statement } from "./billing.ts";
import { PdfWriter } from "@communa/core/pdf";
import { parisFormat } from "@communa/core/time";

const paris = parisFormat({ dateStyle: "short", timeStyle: "short" });
const frNumber = (n: number, digits = 0) => n.toLocaleString("fr-FR", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A quantity in base units shown in the billing unit (grams shown as kg). */
export function quantityText(basis: Statement["basis"], q: number) {
  return basis === "weight" ? `${frNumber(q / 1000, 3)} kg` : `${frNumber(q)} ${basisUnit[basis].quantity}`;
}

/** A unit price in micro-euros, e.g. "0,0250 € par litre". */
export function unitPriceText(basis: Statement["basis"], micros: number) {
  return `${frNumber(micros / 1_000_000, 4)} ${basisUnit[basis].price}`;
}

export async function statementPdf(s: Statement): Promise<Uint8Array> {
  const w = await PdfWriter.create({
    title: doc.statementTitle(s.year, s.regime),
    subject: `${doc.premises} ${s.premises.reference}`,
    author: s.tenantName,
    creator: doc.creator,
    date: new Date(),
  });
  w.text(s.tenantName, { size: 9, color: [0.3, 0.3, 0.3] });
  w.text(doc.statementTitle(s.year, s.regime), { size: 14, bold: true, after: 8 });
  w.text(doc.statementIntro(s.year), { after: 10 });
  w.text(`${doc.premises} : ${s.premises.address}, ${s.premises.postcode} (INSEE ${s.premises.communeInsee})`, { bold: true });
  w.text(`${doc.reference} : ${s.premises.reference}${s.premises.invariant ? ` — ${doc.invariant} : ${s.premises.invariant}` : ""}`);
  if (s.regime === "teomi") w.text(`${doc.rentalValue} : ${euros(s.premises.rentalValueCents)}`);
  w.rule();
  const fixedLabel =
    s.regime === "teomi"
      ? doc.fixedTeomi(`${frNumber((s.fixedRateMillionths ?? 0) / 10_000, 2)} %`, euros(Math.floor(s.premises.rentalValueCents / 2)))
      : doc.fixedReomi;
  w.text(`${fixedLabel} : ${euros(s.line.fixedCents)}`);
  w.text(`${doc.incentive} : ${euros(s.line.incentiveCents)}`);
  if (s.line.exempt) w.text(doc.exempt, { indent: 12 });
  for (const stream of STREAMS) {
    const l = s.line.streams[stream as Stream];
    if (!l) continue;
    w.text(doc.streamLine(streamLabel[stream], quantityText(s.basis, l.quantity), unitPriceText(s.basis, l.unitPriceMicros), euros(l.cents)), { indent: 12 });
  }
  w.text(`${doc.total} : ${euros(s.line.fixedCents + s.line.incentiveCents)}`, { bold: true, size: 12, after: 8 });
  w.rule();
  w.text(doc.bins, { bold: true });
  for (const b of s.line.bins) {
    w.text(doc.binLine(b.chipId ?? doc.noChip, streamLabel[b.stream], b.lifts), { indent: 12, after: 0 });
    if (b.collective)
      w.text(doc.shared(euros(b.shareNumerator), euros(b.shareDenominator), quantityText(s.basis, b.allocated), quantityText(s.basis, b.quantity)), {
        indent: 24,
        after: 0,
      });
    if (b.unweighed) w.text(doc.unweighed(b.unweighed), { indent: 24, after: 0 });
  }
  w.text("", { after: 6 });
  w.text(doc.liftsTitle(s.year - 1), { bold: true });
  if (!s.lifts.length) w.text(doc.noLifts, { indent: 12 });
  else {
    const cols = [0, 110, 260, 380];
    w.row([...doc.liftsHeader], cols, { bold: true });
    const chips = new Map(s.line.bins.map((b) => [b.binId, b.chipId ?? doc.noChip]));
    for (const l of s.lifts)
      w.row(
        [paris.format(new Date(l.liftedAt)), chips.get(l.binId) ?? "", `${l.truck} / ${l.round}`, l.weightKg === null ? "—" : `${frNumber(l.weightKg, 2)} kg`],
        cols,
      );
  }
  w.rule();
  w.text(doc.contact, { size: 9 });
  return w.bytes();
}
