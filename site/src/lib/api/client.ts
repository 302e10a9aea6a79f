/**
 * The typed API client of the back office (ADR 0026): openapi-fetch over the types openapi-typescript
 * generates from the gateway's document (schema.d.ts, refreshed by `npm run api:types`). Paths,
 * parameters, bodies and answers are the API's own: a page holds no hand-written request or
 * response type. Writes carry the session's CSRF token (set once by startSession).
 */
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./schema";

export type { components, paths };
export type Schemas = components["schemas"];
export type Api = Client<paths> & { setCsrf(token: string | null): void };

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** The client of one tenant's API (local `/t/<slug>` form, which every deployment serves). */
export function createApi(slug: string): Api {
  let csrf: string | null = null;
  const client = createClient<paths>({ baseUrl: `/t/${slug}`, credentials: "same-origin", headers: { accept: "application/json" } });
  client.use({
    onRequest({ request }) {
      if (csrf && !SAFE.has(request.method)) request.headers.set("x-csrf-token", csrf);
      return request;
    },
  });
  return Object.assign(client, { setCsrf: (token: string | null) => void (csrf = token) });
}

/** The URL of an API path for links and uploads (exports, files), under the tenant's prefix. */
export const apiUrl = (slug: string, path: `/api/${string}`) => `/t/${slug}${path}`;

/** The JSON body an operation takes, from the generated types (for values built field by field). */
export type JsonBody<P extends keyof paths, M extends "post" | "put" | "patch"> = paths[P][M] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;
