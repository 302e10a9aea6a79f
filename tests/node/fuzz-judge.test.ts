/**
 * The fuzzer's judge and generator (tests/security/fuzz.ts), on their own: the judge fails a 5xx, a
 * 4xx that is not problem+json, a problem in English or with the wrong status; the generator is
 * deterministic and sends what it claims to (hostile values, bodies, content types).
 */
import { describe, expect, it } from "vitest";
import { answerProblems, sampleRequests, type FuzzOperation } from "../security/fuzz.ts";

const problem = (status: number, title: string, detail = title, errors?: Array<{ path: string; message: string }>) =>
  JSON.stringify({ type: "about:blank", status, title, detail, ...(errors ? { errors } : {}) });
const PJ = "application/problem+json; charset=utf-8";

describe("the fuzzer's judge", () => {
  it("passes a French problem+json and any 2xx/3xx", () => {
    expect(
      answerProblems(400, PJ, problem(400, "Requête invalide", "La requête n’est pas valide.", [{ path: "body/name", message: "Le nom est obligatoire." }])),
    ).toEqual([]);
    expect(answerProblems(200, "text/html", "<p>ok</p>")).toEqual([]);
  });

  it("fails a 500, a 4xx in plain text or HTML, an unreadable document, a wrong status", () => {
    expect(answerProblems(500, PJ, problem(500, "Erreur interne"))).toEqual(["500"]);
    expect(answerProblems(404, "text/plain", "404 Not Found")).toEqual(["404 sans problem+json (text/plain)"]);
    expect(answerProblems(400, PJ, "{pas")).toEqual(["400 : problem+json illisible"]);
    expect(answerProblems(400, PJ, problem(422, "Requête invalide"))).toEqual(["400 : le document dit status 422"]);
  });

  it("fails a problem that speaks English (a zod or runtime message let through)", () => {
    const zod = problem(400, "Requête invalide", "La requête n’est pas valide.", [{ path: "query/limit", message: "Expected number, received string" }]);
    expect(answerProblems(400, PJ, zod)).toEqual(["400 : texte non français « Expected number, received string »"]);
    expect(answerProblems(404, PJ, problem(404, "Not Found"))).toEqual(["404 : texte non français « Not Found »", "404 : texte non français « Not Found »"]);
  });
});

describe("the fuzzer's generator", () => {
  const op: FuzzOperation = {
    method: "POST",
    path: "/api/waste/premises/{premisesId}",
    parameters: [
      { name: "premisesId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
      { name: "limit", in: "query", schema: { type: "integer" } },
    ],
    bodyTypes: ["application/json"],
    bodyFields: ["name", "address"],
  };

  it("is deterministic: the same seed, the same requests", () => {
    expect(sampleRequests(op, {}, 30, 7)).toEqual(sampleRequests(op, {}, 30, 7));
    expect(sampleRequests(op, {}, 30, 7)).not.toEqual(sampleRequests(op, {}, 30, 8));
  });

  it("sends hostile path values, bodies and content types", () => {
    const rs = sampleRequests(op, {}, 300, 1);
    expect(rs.some((r) => !r.url.startsWith("/api/waste/premises/00000000-"))).toBe(true);
    expect(rs.some((r) => r.headers["content-type"] && r.headers["content-type"] !== "application/json")).toBe(true);
    expect(rs.some((r) => r.body instanceof Uint8Array)).toBe(true);
    expect(rs.some((r) => typeof r.body === "string" && r.body.startsWith("[[[[["))).toBe(true);
    expect(rs.some((r) => typeof r.body === "string" && /"(name|address)"/.test(r.body))).toBe(true);
    expect(rs.some((r) => r.url.includes("limit="))).toBe(true);
  });
});
