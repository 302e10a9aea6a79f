/**
 * The site's typed API client is generated from the gateway's OpenAPI document (ADR 0026): the copy
 * the site holds (site/src/lib/api/openapi.json) must be the document the gateway publishes, so a
 * route changed without `npm run api:types` fails here (and tests/node/api-types.test.ts checks the
 * TypeScript types generated from that copy).
 */
import { exports } from "cloudflare:workers";
import { expect, it } from "vitest";

it("the site's copy of the API document is the gateway's (refresh: npm run api:types)", async () => {
  const res = await exports.default.fetch(new Request("http://localhost/api/openapi.json"));
  expect(res.status).toBe(200);
  const { openapi, info, paths, components } = (await res.json()) as Record<string, unknown> & { info: { title: string; version: string } };
  // The servers and the description name the deployment's domain: not part of the contract.
  const contract = { openapi, info: { title: info.title, version: info.version }, paths, components };
  await expect(`${JSON.stringify(contract, null, 2)}\n`).toMatchFileSnapshot("../../site/src/lib/api/openapi.json");
});
