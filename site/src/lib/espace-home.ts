/**
 * "Mon espace": who is signed in, their roles, the back-office modules their permissions open, and
 * their open sessions (one can be closed from here). On the back-office kit (ADR 0026): the one
 * session start-up and the typed client. The page is shown once everything on it is loaded.
 */
import { e } from "../i18n/espace.fr.ts";
import { modules } from "../i18n/espace-modules.fr.ts";
import type { Api, Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { notify } from "./kit/notice.ts";
import { startSession } from "./kit/session.ts";
import { parisFormat } from "@communa/core/time";

type Session = Schemas["Session"];
const when = parisFormat({ dateStyle: "long", timeStyle: "short" });

/** "Firefox — Linux"-style summary of a user agent, without keeping more of it. */
function device(ua: string | null): string {
  if (!ua) return e.unknownDevice;
  const browser = /Edg\//.test(ua) ? "Edge" : /Firefox\//.test(ua) ? "Firefox" : /Chrom(e|ium)\//.test(ua) ? "Chrome" : /Safari\//.test(ua) ? "Safari" : null;
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : null;
  return browser && os ? `${browser} — ${os}` : (browser ?? os ?? e.unknownDevice);
}

const method = (s: Session) => (s.method.startsWith("oidc:") ? e.methodOidc(s.provider ?? s.method.slice(5)) : (e.methods[s.method] ?? s.method));

async function showSessions(api: Api) {
  const { data } = await api.GET("/api/identity/sessions");
  if (!data) return;
  document.getElementById("sessions")!.replaceChildren(
    ...data.sessions.map((s) => {
      const tr = el("tr");
      const opened = when.format(new Date(s.createdAt));
      tr.append(el("td", device(s.userAgent)), el("td", method(s)), el("td", opened), el("td", when.format(new Date(s.lastSeenAt))));
      const action = el("td");
      if (s.current) action.textContent = e.thisSession;
      else {
        const b = el("button", e.closeSession, { type: "button", class: "secondaire", "aria-label": e.closeSessionLabel(device(s.userAgent), opened) });
        b.addEventListener("click", async () => {
          const { error } = await api.DELETE("/api/identity/sessions/{id}", { params: { path: { id: s.id } } });
          await showSessions(api);
          notify(document.getElementById("sessions-statut")!, error ? e.unavailable : e.sessionClosed, error ? "error" : "info");
          document.getElementById("sessions-titre")!.focus();
        });
        action.append(b);
      }
      tr.append(action);
      return tr;
    }),
  );
}

/**
 * One line of "À traiter": what waits for this person, counted from the module's own list (the
 * API checks the permission again). A list that does not answer says so, the others still show.
 */
interface Todo {
  permission: string;
  name: string;
  href: string;
  read: (api: Api) => Promise<string | null>;
}

const TODOS: Todo[] = [
  {
    permission: "waste:read",
    name: e.todo.deadLettersName,
    href: "dechets/rejets/",
    read: async (api) => {
      const { data } = await api.GET("/api/waste/dead-letters", { params: { query: { statut: "pending" } } });
      return data ? e.todo.deadLetters(data.deadLetters.length) : null;
    },
  },
  {
    permission: "waste:read",
    name: e.todo.interventionsName,
    href: "dechets/interventions/",
    read: async (api) => {
      const { data } = await api.GET("/api/waste/interventions", { params: { query: { statut: "requested" } } });
      return data ? e.todo.interventions(data.interventions.length) : null;
    },
  },
  {
    permission: "archives:dispose",
    name: e.todo.disposalsName,
    href: "archives/",
    read: async (api) => {
      const { data } = await api.GET("/api/archive/disposal/proposals");
      return data ? e.todo.disposals(data.toDestroy.length + data.toKeep.length) : null;
    },
  },
  {
    permission: "directory:write",
    name: e.todo.claimsName,
    href: "annuaire/",
    read: async (api) => {
      const { data } = await api.GET("/api/directory/claims");
      return data ? e.todo.claims(data.claims.length) : null;
    },
  },
  {
    permission: "council:read",
    name: e.todo.sittingName,
    href: "conseil/",
    read: async (api) => {
      const { data } = await api.GET("/api/council/sittings");
      if (!data) return null;
      const now = Date.now();
      const next = data.sittings
        .filter((s) => s.status === "live" || (s.status !== "closed" && Date.parse(s.startsAt) >= now))
        .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))[0];
      return next ? e.todo.nextSitting(next.title, when.format(new Date(next.startsAt))) : e.todo.noSitting;
    },
  },
];

async function showTodos(api: Api, slug: string, permissions: string[]) {
  const mine = TODOS.filter((t) => permissions.includes(t.permission));
  if (!mine.length) return;
  const lines = await Promise.all(mine.map((t) => t.read(api).catch(() => null)));
  document.getElementById("a-traiter-liste")!.replaceChildren(
    ...mine.map((t, i) => {
      const li = el("li");
      const strong = el("strong");
      strong.append(el("a", t.name, { href: `/${slug}/espace/${t.href}` }));
      li.append(strong, el("span", lines[i] ?? e.todoUnavailable(t.name)));
      return li;
    }),
  );
  document.getElementById("a-traiter")!.hidden = false;
}

export async function startSpace(root: HTMLElement) {
  const slug = root.dataset.slug!;
  const state = document.getElementById("etat")!;
  const start = await startSession(slug);
  if (!start.ok) {
    notify(state, start.reason === "signed-out" ? e.notSignedIn : e.unavailable);
    document.getElementById("anonyme")!.hidden = start.reason !== "signed-out";
    return;
  }
  const { api, session: me } = start;
  notify(state, e.hello(me.displayName ?? ""));
  document.getElementById("roles")!.replaceChildren(...(me.roles.length ? me.roles.map((r) => el("li", e.roles[r] ?? r)) : [el("li", e.noRole)]));
  const open = modules.filter((m) => me.permissions.includes(m.permission));
  document.getElementById("modules")!.replaceChildren(
    ...(open.length
      ? open.map((m) => {
          const li = el("li");
          const strong = el("strong");
          strong.append(el("a", m.name, { href: `/${slug}/espace/${m.href}` }));
          li.append(strong, el("span", m.description));
          return li;
        })
      : [el("li", e.noModule)]),
  );
  document.getElementById("sessions-titre")!.tabIndex = -1;
  await Promise.all([showTodos(api, slug, me.permissions), showSessions(api)]);
  document.getElementById("connecte")!.hidden = false;
  document.getElementById("deconnexion")!.addEventListener("click", async () => {
    const { data } = await api.POST("/api/identity/auth/logout");
    location.assign(data?.logoutUrl ?? `/${slug}/connexion/?state=deconnecte`);
  });
}
