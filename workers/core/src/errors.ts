/**
 * The closed set of errors services may throw, and the one mapping to RFC 9457 problem+json.
 * Anything else thrown becomes a 500 "internal" problem whose details stay in the logs.
 */
import { problemTexts } from "./messages.fr.ts";

export type ProblemKind = keyof typeof problemTexts;

const STATUS: Record<ProblemKind, number> = {
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

export interface FieldError {
  /** JSON pointer-like path of the field, e.g. "body/email" or "query/limit". */
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  retryAfter?: number;
}

export class AppError extends Error {
  readonly kind: ProblemKind;
  readonly fieldErrors?: FieldError[];
  readonly retryAfter?: number;
  constructor(kind: ProblemKind, detail?: string, opts: { errors?: FieldError[]; retryAfter?: number; cause?: unknown } = {}) {
    super(detail ?? problemTexts[kind].detail, { cause: opts.cause });
    this.name = "AppError";
    this.kind = kind;
    this.fieldErrors = opts.errors;
    this.retryAfter = opts.retryAfter;
  }
  get status(): number {
    return STATUS[this.kind];
  }
}

/** Shorthands used by services: `throw notFound("Commune 60999 inconnue.")`. */
export const invalid = (detail?: string, errors?: FieldError[]) => new AppError("invalid", detail, { errors });
export const notFound = (detail?: string) => new AppError("notFound", detail);
export const forbidden = (detail?: string) => new AppError("forbidden", detail);
export const unauthenticated = (detail?: string) => new AppError("unauthenticated", detail);
export const conflict = (detail?: string) => new AppError("conflict", detail);
export const unavailable = (detail?: string, cause?: unknown) => new AppError("unavailable", detail, { cause });
export const rateLimited = (retryAfter: number) => new AppError("rateLimited", undefined, { retryAfter });

export function problemOf(err: AppError, instance?: string): Problem {
  const p: Problem = {
    type: `urn:communa:probleme:${err.kind}`,
    title: problemTexts[err.kind].title,
    status: err.status,
    detail: err.message,
  };
  if (instance) p.instance = instance;
  if (err.fieldErrors?.length) p.errors = err.fieldErrors;
  return p;
}

/** The only place a problem becomes an HTTP response. */
export function problemResponse(err: AppError, instance?: string, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set("content-type", "application/problem+json; charset=utf-8");
  h.set("cache-control", "no-store");
  if (err.retryAfter !== undefined) h.set("retry-after", String(err.retryAfter));
  return new Response(JSON.stringify(problemOf(err, instance)), { status: err.status, headers: h });
}

/** Normalises anything thrown into the closed set (unknown errors → internal). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError("internal", undefined, { cause: err });
}
