/**
 * The one start-up of a back-office page: who is signed in, what they may do here, and the CSRF
 * token every write must carry (ADR 0010), set on the typed client. A page asks for the permission
 * it needs and gets either the client and the session, or the reason it may not go on.
 */
import { createApi, type Api, type Schemas } from "../api/client.ts";

export type Session = Schemas["MaSession"];
export type Start =
  | { ok: true; api: Api; session: Session }
  | { ok: false; api: Api; reason: "signed-out" | "forbidden" | "unavailable"; session: Session | null };

/** Starts a page for `slug`; `needs` is a permission (or a test over the session's permissions). */
export async function startSession(slug: string, needs?: string | ((permissions: string[]) => boolean)): Promise<Start> {
  const api = createApi(slug);
  const answer = await api.GET("/api/identity/session").catch(() => null);
  if (!answer) return { ok: false, api, reason: "unavailable", session: null };
  const session = answer.data;
  if (!session) return { ok: false, api, reason: answer.response.status === 401 ? "signed-out" : "unavailable", session: null };
  api.setCsrf(session.csrfToken);
  const allowed = needs === undefined || (typeof needs === "string" ? session.permissions.includes(needs) : needs(session.permissions));
  return allowed ? { ok: true, api, session } : { ok: false, api, reason: "forbidden", session };
}

/** Whether the session holds any permission of a module (`waste:` …). */
export const holdsAny = (prefix: string) => (permissions: string[]) => permissions.some((p) => p.startsWith(prefix));
