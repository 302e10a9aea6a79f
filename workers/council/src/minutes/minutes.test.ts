/**
 * Minutes: French text (and names in other Latin scripts) reaches the PDF/A as typed, through the
 * embedded font; the same minutes give the same bytes; the deposit stores both files in R2 under
 * their SHA-256, which R2 checks.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { pdfText } from "@communa/core/testing/pdf";
import { renderMinutesPdf } from "./pdf.ts";
import { depositMinutes } from "./deposit.ts";
import { sha256Hex } from "@communa/core/hash";
import type { Minutes } from "../live/minutes-data.ts";

const minutes: Minutes = {
  version: 1,
  sittingId: "s1",
  tenantId: "t1",
  title: "Séance « extraordinaire » : élections, œuvres et façades à l’étude",
  openedAt: "2026-11-30T17:30:00.000Z",
  closedAt: "2026-11-30T19:05:00.000Z",
  teleconference: true,
  convocation: { sentAt: "2026-11-28T08:00:00.000Z", urgencyReason: "Effondrement d’un mur de soutènement rue de la Gare" },
  rooms: [
    { id: "r1", name: "Salle du conseil" },
    { id: "r2", name: "Mairie annexe de Cauffry" },
  ],
  members: [
    { id: "m1", name: "Hélène Bœuf", status: "present", representedBy: null },
    { id: "m2", name: "Jérôme Ågren", status: "represented", representedBy: "m1" },
    { id: "m3", name: "Łukasz Kowalski", status: "absent", representedBy: null },
    { id: "m4", name: "Amandine Seule", status: "represented", representedBy: null, substitutedBy: "Bruno Suppléant" },
  ],
  attendance: [{ memberId: "m1", roomId: "r2", event: "arrive", at: "2026-11-30T17:25:00.000Z" }],
  proxies: [{ giverId: "m2", holderId: "m1", event: "given", at: "2026-11-30T17:00:00.000Z", sittings: 1, origin: "room" }],
  quorum: [{ at: "2026-11-30T17:30:00.000Z", present: 1, reached: false }],
  items: [
    {
      id: "i1",
      position: 1,
      title: "Création d’une aire de covoiturage",
      rapporteur: "Hélène Bœuf",
      status: "voted",
      votes: [
        {
          id: "i1.1",
          round: 1,
          kind: "roll-call",
          requesters: ["m1"],
          openedAt: "2026-11-30T18:00:00.000Z",
          closedAt: "2026-11-30T18:05:00.000Z",
          result: {
            type: "motion",
            kind: "roll-call",
            counts: { for: 1, against: 1, abstain: 0, none: 0 },
            cast: 2,
            outcome: "adopted",
            by: "casting-vote",
            names: [
              { memberId: "m1", choice: "for" },
              { memberId: "m2", choice: "against", by: "m1" },
            ],
          },
        },
      ],
    },
    { id: "i2", position: 2, title: "Élection du président", rapporteur: null, status: "postponed", votes: [] },
  ],
};

describe("minutes", () => {
  it("renders French as typed: é è à ç œ « » ’, names and results included, Ł too", async () => {
    const pdf = await renderMinutesPdf(minutes, { collectivite: "Communauté de communes du Liancourtois – la Vallée dorée", jsonSha256: "ab".repeat(32) });
    expect(new TextDecoder().decode(pdf.slice(0, 8))).toBe("%PDF-1.7");
    const text = await pdfText(pdf);
    for (const fragment of [
      "Séance « extraordinaire »",
      "élections, œuvres et façades à l’étude",
      "Hélène Bœuf",
      "Jérôme Ågren",
      "Łukasz Kowalski",
      "Adoptée",
      "voix du président prépondérante",
      "Point reporté",
      // The urgency that shortened the convocation's delay, for the council to rule on (L2121-11/12).
      "Convocation adressée le samedi 28 novembre 2026",
      "Effondrement d’un mur de soutènement rue de la Gare",
      // A suppléant sat for the titular (L5211-6).
      "Amandine Seule (suppléé par Bruno Suppléant)",
      `Empreinte SHA-256 des données (JSON) : ${"ab".repeat(32)}`,
    ]) {
      expect(text, fragment).toContain(fragment);
    }
    expect(text).toMatch(/— Page 1\/1$/m);
  });

  it("is reproducible (the same minutes give the same bytes) and a PDF/A-2b", async () => {
    const a = await renderMinutesPdf(minutes, { collectivite: "CCLVD", jsonSha256: "cd".repeat(32) });
    const b = await renderMinutesPdf(minutes, { collectivite: "CCLVD", jsonSha256: "cd".repeat(32) });
    expect(await sha256Hex(a)).toBe(await sha256Hex(b));
    const raw = new TextDecoder("latin1").decode(a);
    expect(raw).toContain("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>");
    expect(raw).toMatch(/\/OutputIntents\s*\[/);
    expect(raw).toContain("/FontFile2");
  });

  it("deposits PDF and JSON in R2 under their SHA-256", async () => {
    const pdf = await renderMinutesPdf(minutes, { collectivite: "CCLVD", jsonSha256: "00".repeat(32) });
    const json = JSON.stringify(minutes);
    const d = await depositMinutes(env as unknown as { MINUTES: R2Bucket }, { tenantId: "t1", sittingId: "s1", pdf, json });
    expect(d.pdfSha256).toBe(await sha256Hex(pdf));
    expect(d.pdfKey).toBe(`proces-verbaux/t1/s1/${d.pdfSha256}.pdf`);
    const stored = await (env as unknown as { MINUTES: R2Bucket }).MINUTES.get(d.jsonKey);
    expect(await stored?.text()).toBe(json);
    expect(stored?.customMetadata?.sha256).toBe(d.jsonSha256);
  });
});
