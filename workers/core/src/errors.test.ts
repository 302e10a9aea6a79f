import { describe, expect, it } from "vitest";
import { AppError, problemResponse, toAppError, invalid } from "./errors.ts";
import { problemTexts } from "./messages.fr.ts";

describe("problem+json", () => {
  it("maps every kind of the closed set to its status and French title", async () => {
    const expected: Record<string, number> = {
      invalid: 400,
      malformedJson: 400,
      unauthenticated: 401,
      forbidden: 403,
      notFound: 404,
      routeNotFound: 404,
      tenantNotFound: 404,
      methodNotAllowed: 405,
      conflict: 409,
      unprocessable: 422,
      payloadTooLarge: 413,
      unsupportedMediaType: 415,
      rateLimited: 429,
      unavailable: 503,
      internal: 500,
    };
    expect(Object.keys(problemTexts).sort()).toEqual(Object.keys(expected).sort());
    for (const [kind, status] of Object.entries(expected)) {
      const res = problemResponse(new AppError(kind as keyof typeof problemTexts), "urn:x");
      expect(res.status, kind).toBe(status);
      expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ type: `urn:communa:probleme:${kind}`, status, instance: "urn:x" });
      expect(body.title).toBe(problemTexts[kind as keyof typeof problemTexts].title);
    }
  });

  it("carries field errors and Retry-After", async () => {
    const res = problemResponse(invalid(undefined, [{ path: "body/email", message: "Format invalide." }]));
    expect(((await res.json()) as { errors: unknown }).errors).toEqual([{ path: "body/email", message: "Format invalide." }]);
    const limited = problemResponse(new AppError("rateLimited", undefined, { retryAfter: 30 }));
    expect(limited.headers.get("retry-after")).toBe("30");
  });

  it("never leaks an unknown error's message", async () => {
    const err = toAppError(new Error("password=hunter2 at db.ts:42"));
    expect(err.kind).toBe("internal");
    const body = (await problemResponse(err).json()) as { detail: string };
    expect(body.detail).not.toContain("hunter2");
    expect(body.detail).toBe(problemTexts.internal.detail);
  });
});
