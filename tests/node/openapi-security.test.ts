/**
 * The security schemes the gateway publishes (workers/gateway/src/openapi-security.ts) are valid
 * OpenAPI 3.1, checked by the same validator as the whole document (dev-smoke.test.ts, which needs
 * the running platform): here on a small document using each of them.
 */
import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { securityOf, securitySchemes } from "../../workers/gateway/src/openapi-security.ts";

describe("OpenAPI security schemes", () => {
  it("validate, and each operation's requirements name declared schemes", async () => {
    const op = (requires: string, method: string) => ({
      operationId: `${method}-${requires.replace(/\W/g, "-")}`,
      "x-communa-requires": requires,
      security: securityOf(requires, method),
      responses: { "200": { description: "ok" } },
    });
    const doc = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/public": { get: op("public", "get") },
        "/read": { get: op("territory:read", "get") },
        "/write": { post: op("territory:write", "post") },
        "/ingest": { post: op("devices:ingest", "post") },
        "/me": { get: op("authenticated", "get") },
      },
      components: { securitySchemes },
    };
    const result = await new Validator().validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
    for (const item of Object.values(doc.paths)) {
      for (const o of Object.values(item)) for (const alt of o.security) for (const name of Object.keys(alt)) expect(securitySchemes[name], name).toBeDefined();
    }
    expect(doc.paths["/public"].get.security).toEqual([]);
    expect(doc.paths["/write"].post.security).toContainEqual({ session: [], csrf: [] });
  });
});
