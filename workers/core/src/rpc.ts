/**
 * The one result shape of RPC between Workers (`RpcResult` in @communa/contracts/rpc), produced and
 * read here, next to the closed error set it carries. Errors lose their class across a service
 * binding, so the callee answers `{ ok: false, problem }` with the problem core would have sent
 * over HTTP, and the caller rebuilds the same AppError: a refusal by identity reaches the
 * directory's route as the same 403 with the same French detail.
 */
import type { RpcProblem, RpcResult } from "@communa/contracts/rpc";
import { AppError, problemOf, toAppError, type ProblemKind } from "./errors.ts";
import { problemTexts } from "./messages.fr.ts";
import { log } from "./log.ts";

export type { RpcProblem, RpcResult } from "@communa/contracts/rpc";

const PREFIX = "urn:communa:probleme:";

export const rpcOk = <T>(value: T): RpcResult<T> => ({ ok: true, value });

/** An error as an RPC result: AppErrors keep their kind, detail and fields; anything else is `internal` (logged here). */
export function rpcProblem(err: unknown): { ok: false; problem: RpcProblem } {
  const e = toAppError(err);
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
