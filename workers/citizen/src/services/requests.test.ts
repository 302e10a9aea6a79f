/** The accusé de réception's text from a request type's dated rule (CRPA L112-11, R112-11-1). */
import { describe, expect, it } from "vitest";
import { receiptText } from "./requests.ts";

const service = { name: "Service urbanisme", contactEmail: "urba@example.invalid", contactPhone: "03 44 00 00 00", contactAddress: "1 place de la Mairie" };

describe("receipts", () => {
  it("states the date received, the service and its contact, the implicit decision's date and the appeal routes", () => {
    const text = receiptText({
      code: "ABCDEFGH",
      receivedAt: new Date("2031-03-10T09:00:00Z"),
      service,
      type: {
        implicitDecision: "rejection",
        implicitDelayDays: 60,
        appealRoutes: "Recours gracieux, puis tribunal administratif d’Amiens.",
        ruleSource: "CRPA L231-4",
        ruleSince: "2014-11-12",
      },
      tenantName: "Rantigny",
    });
    expect(text).toContain("Reçue le 10 mars 2031");
    expect(text).toContain("Service urbanisme — 1 place de la Mairie, 03 44 00 00 00, urba@example.invalid");
    expect(text).toContain("Sans réponse de notre part au 9 mai 2031, votre demande sera réputée rejetée");
    expect(text).toContain("tribunal administratif d’Amiens");
    expect(text).toContain("CRPA L231-4 (en vigueur depuis le 12 novembre 2014)");
  });

  it("says when a type gives no implicit decision", () => {
    const text = receiptText({ code: "ABCDEFGH", receivedAt: new Date("2031-03-10T09:00:00Z"), service: null, type: null, tenantName: "Rantigny" });
    expect(text).toContain("Service chargé de la demande : Rantigny.");
    expect(text).toContain("ne donne pas lieu à une décision implicite");
  });
});
