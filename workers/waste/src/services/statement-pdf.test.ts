import { describe, expect, it } from "vitest";
import { pdfText as drawnText } from "@communa/core/testing/pdf";
import { statementPdf } from "./statement-pdf.ts";
import type { Statement } from "./billing.ts";

const sample: Statement = {
  year: 2027,
  regime: "teomi",
  basis: "weight",
  tenantName: "Communauté de communes du Liancourtois – la Vallée dorée",
  premises: {
    reference: "LOC-0001",
    address: "12 rue de l’Église",
    postcode: "60140",
    communeInsee: "60360",
    rentalValueCents: 412_345,
    invariant: "6036000123",
  },
  line: {
    fixedCents: 20_617,
    incentiveCents: 1_542,
    exempt: false,
    bins: [
      {
        binId: "b1",
        chipId: "250000000000001",
        stream: "residual",
        lifts: 2,
        unweighed: 1,
        quantity: 61_700,
        collective: false,
        shareNumerator: 412_345,
        shareDenominator: 412_345,
        allocated: 61_700,
      },
    ],
    streams: { residual: { quantity: 61_700, unitPriceMicros: 250_000, cents: 1_542 } },
  },
  fixedRateMillionths: 100_000,
  unitPrices: { residual: 250_000 },
  lifts: [
    { binId: "b1", liftedAt: "2026-03-02T06:10:00Z", weightKg: 61.7, truck: "BOM-12", round: "Mardi nord" },
    { binId: "b1", liftedAt: "2026-03-09T06:12:00Z", weightKg: null, truck: "BOM-12", round: "Mardi nord" },
  ],
  shareWarning: null,
};

describe("statement PDF", () => {
  it("renders French text with its accents and lists every lift counted", async () => {
    const text = await drawnText(await statementPdf(sample));
    expect(text).toContain("Taxe d’enlèvement des ordures ménagères incitative (TEOMi) 2027 —\nrelevé détaillé");
    expect(text).toContain("Part fixe : taux de 10,00 % appliqué à la base d’imposition (2 061,72 €, la moitié de la valeur locative) :\n206,17 €");
    expect(text).toContain("Total : 221,59 €");
    expect(text).toContain("12 rue de l’Église");
    expect(text).toContain("Communauté de communes du Liancourtois – la Vallée dorée");
    expect(text).toContain("Ordures ménagères résiduelles : 61,700 kg × 0,2500 € par kg = 15,42 €");
    // Narrow no-break spaces become plain spaces (one glyph width for every space).
    expect(text).toContain("Valeur locative : 4 123,45 €");
    expect(text).toContain("1 levée(s) sans pesée");
    expect(text).toMatch(/02\/03\/2026 07:10/);
    expect(text).toContain("61,70 kg");
  });
});
