/**
 * Development only: the Astro dev server forwards API paths (`/t/<slug>/api/…`, `/api/…`) to the
 * gateway, so pages and API share one origin as in production (ADR 0011).
 */
import http from "node:http";

/** @param {string} target the gateway's origin, e.g. http://127.0.0.1:8787 */
export function apiProxy(target) {
  const upstream = new URL(target);
  /** @type {import("vite").Connect.NextHandleFunction} */
  const handle = (req, res, next) => {
    const path = req.url ?? "/";
    if (!/^\/(t\/[^/]+\/)?api\//.test(path)) return next();
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
      return () => {
        server.middlewares.stack.unshift({ route: "", handle });
      };
    },
  };
}
