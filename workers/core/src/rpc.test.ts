/**
 * The caller's side of a door (ADR 0025, amended): a refusal comes back as the same error, the door
 * unreachable as a 503 (retry later), and a malformed argument as a 400 naming the field.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, forbidden } from "./errors.ts";
import { rpcArg, rpcCall, rpcProblem, rpcResult } from "./rpc.ts";

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => err as AppError,
  );

describe("calling another Worker's door", () => {
  it("gives the value, or the callee's refusal as the same AppError", async () => {
    expect(await rpcCall("identité", async () => ({ ok: true as const, value: 42 }))).toBe(42);
    const refused = await errorOf(rpcCall("identité", () => rpcResult(async () => Promise.reject(forbidden("Pas ici.")))));
    expect(refused).toBeInstanceOf(AppError);
    expect([refused?.status, refused?.message]).toEqual([403, "Pas ici."]);
  });

  it("the door unreachable (the call itself throws) is a 503 to retry, not a 500", async () => {
    const err = await errorOf(rpcCall("identité", () => Promise.reject(new Error("Network connection lost."))));
    expect(err).toBeInstanceOf(AppError);
    expect([err?.kind, err?.status]).toEqual(["unavailable", 503]);
  });

  it("a malformed argument is a 400 naming the argument and the field, checked or not", () => {
    const schema = z.object({ id: z.uuid() });
    let thrown: unknown;
    try {
      rpcArg(schema, { id: "60001" }, "tenant");
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).fieldErrors?.map((f) => f.path)).toEqual(["tenant/id"]);
    const unchecked = rpcProblem(schema.safeParse({ id: 7 }).error);
    expect(unchecked.problem).toMatchObject({ status: 400, type: "urn:communa:probleme:invalid", errors: [{ path: "id" }] });
  });
});
