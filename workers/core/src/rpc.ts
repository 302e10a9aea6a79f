/**
 * The one result shape of RPC between Workers (`RpcResult` in @communa/contracts/rpc), produced and
 * read here, next to the closed error set it carries. Errors lose their class across a service
 * binding, so the callee answers `{ ok: false, problem }` with the problem core would have sent
 * over HTTP, and the caller rebuilds the same AppError: a refusal by identity reaches the
 * directory's route as the same 403 with the same French detail.
 */
import { z } from "zod";
import type { RpcProblem, RpcResult } from "@communa/contracts/rpc";
import { AppError, problemOf, toAppError, unavailable, type FieldError, type ProblemKind } from "./errors.ts";
import { fieldMessage, problemTexts } from "./messages.fr.ts";
import { log } from "./log.ts";

export type { RpcProblem, RpcResult } from "@communa/contracts/rpc";

const PREFIX = "urn:communa:probleme:";

export const rpcOk = <T>(value: T): RpcResult<T> => ({ ok: true, value });

/** An error as an RPC result: AppErrors keep their kind, detail and fields; anything else is `internal` (logged here). */
export function rpcProblem(err: unknown): { ok: false; problem: RpcProblem } {
  // An argument a door did not check with rpcArg: still the caller's mistake (400), not a 500.
  const e = err instanceof z.ZodError ? new AppError("invalid", undefined, { errors: fieldsOf("", err) }) : toAppError(err);
  if (e.kind === "internal") log("error", "erreur dans un appel RPC", { error: e.cause ?? err });
  const problem: RpcProblem = problemOf(e);
  if (e.retryAfter !== undefined) problem.retryAfter = e.retryAfter;
  return { ok: false, problem };
}

/** Runs an RPC method's body: its value, or the problem it threw. */
export async function rpcResult<T>(fn: () => Promise<T>): Promise<RpcResult<T>> {
  try {
    return rpcOk(await fn());
  } catch (err) {
    return rpcProblem(err);
  }
}

const fieldsOf = (name: string, err: z.ZodError): FieldError[] =>
  err.issues.map((i) => ({
    path: [name, ...i.path.map(String)].filter(Boolean).join("/"),
    message: fieldMessage(i as Parameters<typeof fieldMessage>[0]),
  }));

/**
 * A door's argument, checked: the parsed value, or `invalid` (400) naming the argument and the
 * field (`tenant/id` : « Format invalide. ») — an RPC argument is input like a request body.
 */
export function rpcArg<S extends z.ZodType>(schema: S, value: unknown, name: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError("invalid", undefined, { errors: fieldsOf(name, r.error) });
  return r.data;
}

/** The AppError a problem stands for (an unknown type becomes `internal`, keeping the detail). */
export function appErrorOf(problem: RpcProblem): AppError {
  const kind = problem.type.startsWith(PREFIX) ? problem.type.slice(PREFIX.length) : "";
  const known = (Object.hasOwn(problemTexts, kind) ? kind : "internal") as ProblemKind;
  return new AppError(known, problem.detail, { errors: problem.errors, retryAfter: problem.retryAfter });
}

/** The caller's side: the value, or the same error the callee refused with. */
export function rpcValue<T>(result: RpcResult<T>): T {
  if (result.ok) return result.value;
  throw appErrorOf(result.problem);
}

/**
 * Calls another Worker's door and reads its answer (`rpcValue`). The call itself failing — the
 * Worker unreachable, its isolate gone, the binding missing — is `unavailable` (503, retry later),
 * logged with `service`, not a 500: the caller did nothing wrong and nothing is known to be broken here.
 */
export async function rpcCall<T>(service: string, call: () => Promise<RpcResult<T>>): Promise<T> {
  let result: RpcResult<T>;
  try {
    result = await call();
  } catch (err) {
    log("error", "service injoignable", { service, error: err });
    throw unavailable(undefined, err);
  }
  return rpcValue(result);
}
