/**
 * The checked-in API types are those openapi-typescript generates from the checked-in document
 * (whose freshness against the gateway tests/integration/api-document.test.ts checks).
 */
import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { apiTypes, documentFile, typesFile } from "../../scripts/api-types.ts";

it("site/src/lib/api/schema.d.ts matches openapi.json (refresh: npm run api:types)", async () => {
  const document = JSON.parse(await readFile(documentFile, "utf8")) as Record<string, unknown>;
  expect(await readFile(typesFile, "utf8")).toBe(await apiTypes(document));
});
