/**
 * Development only: the Astro dev server forwards API paths (`/t/<slug>/api/…`, `/api/…`) to the
 * gateway, so pages and API share one origin as in production (ADR 0011).
 */
import http from "node:http";
import net from "node:net";
import { headersFor } from "./security-headers.ts";

/** Paths the gateway answers (with its own headers). */
const API_PATH = /^\/(t\/[^/]+\/)?api\//;

/** @param {string} target the gateway's origin, e.g. http://127.0.0.1:8787 */
export function apiProxy(target) {
  const upstream = new URL(target);
  /** @type {import("vite").Connect.NextHandleFunction} */
  const handle = (req, res, next) => {
    const path = req.url ?? "/";
    if (!API_PATH.test(path)) return next();
    const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", () => {
      res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
      res.end("La passerelle de l’API ne répond pas (npm run dev la démarre).");
    });
    req.pipe(forward);
  };
  return {
    name: "communa-api-proxy",
    apply: "serve",
    // Astro puts its own middlewares (trailing-slash check, 404) at the front of the stack once
    // the server is configured; this plugin runs last and puts the proxy in front of them.
    enforce: "post",
    configureServer(server) {
      // Live sockets (council sittings): the upgrade is passed through byte for byte. Vite's own
      // HMR socket answers only its own path and protocol.
      server.httpServer?.on("upgrade", (req, socket, head) => {
        if (!/^\/(t\/[^/]+\/)?api\//.test(req.url ?? "")) return;
        const up = net.connect(Number(upstream.port), upstream.hostname, () => {
          const lines = [`${req.method} ${req.url} HTTP/1.1`];
          for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
          up.write(`${lines.join("\r\n")}\r\n\r\n`);
          if (head?.length) up.write(head);
          socket.pipe(up).pipe(socket);
        });
        up.on("error", () => socket.destroy());
        socket.on("error", () => up.destroy());
      });
      return () => {
        server.middlewares.stack.unshift({ route: "", handle });
      };
    },
  };
}

/**
 * Development only: every page gets the headers the static host sends in production (the CSP,
 * framing rules, nosniff… — site/security-headers.ts, ADR 0018), so pages are tried against the
 * same policy while they are written. API paths keep the gateway's.
 */
export function securityHeaders() {
  return {
    name: "communa-security-headers",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? "/").split(/[?#]/)[0];
        if (!API_PATH.test(path)) for (const [name, value] of Object.entries(headersFor(path))) res.setHeader(name, value);
        next();
      });
    },
  };
}

/**
 * Development only: the receiver of the directory Worker's build hook (ADR 0013). Production's
 * receiver rebuilds the listing's static page; here the dev server renders on request, but Astro
 * keeps each route's `getStaticPaths` until its module changes — so the directory's modules are
 * invalidated, and the next request reads the directory again (a new listing gets its page, an
 * edit shows at once).
 */
export function directoryRebuild() {
  // The directory's pages and the job notices' (recruitment's hook, ADR 0044), and the sitemap.
  const watched = /\/site\/src\/(lib\/directory\.ts|lib\/jobs\.ts|pages\/\[slug\]\/(commerces|emplois)\/|pages\/sitemap\.xml\.ts)/;
  return {
    name: "communa-directory-rebuild",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use("/_communa/rebuild", (req, res) => {
        if (req.method !== "POST") {
          res.writeHead(405, { allow: "POST" });
          return void res.end();
        }
        let n = 0;
        for (const env of Object.values(server.environments ?? {})) {
          for (const [id, mod] of env.moduleGraph?.idToModuleMap ?? []) {
            if (watched.test(id)) {
              env.moduleGraph.invalidateModule(mod);
              n++;
            }
          }
        }
        req.resume();
        res.writeHead(202, { "content-type": "application/json" });
        res.end(JSON.stringify({ invalidated: n }));
      });
    },
  };
}
