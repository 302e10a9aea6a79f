/**
 * vitest globalSetup: the local OpenID provider (the one `npm run dev` runs, with the seed's
 * demonstration accounts) and, for the refusal tests, misbehaving providers. Their addresses and
 * client credentials reach the tests through `inject`.
 */
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { startLocalOidc } from "@communa/local-oidc";
import { startHostileProviders } from "@communa/local-oidc/hostile";
import { freePort } from "./database.ts";

export default async function setup(project: TestProject) {
  const clientId = "communa-local";
  const clientSecret = randomBytes(24).toString("hex");
  const local = await startLocalOidc({ port: await freePort(), clientId, clientSecret });
  const hostile = await startHostileProviders({ port: await freePort() });
  project.provide("oidc", { issuer: local.issuer, clientId, clientSecret, accounts: local.accounts });
  const { stop: _stop, ...hostileInfo } = hostile;
  project.provide("hostileOidc", hostileInfo);
  return async () => {
    await Promise.all([local.stop(), hostile.stop()]);
  };
}
