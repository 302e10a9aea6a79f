/** The domain Worker has no public route, and refuses to work without the gateway's context. */
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../src/app.ts";

describe("territory entrypoint", () => {
  it("answers 404 problem+json to a direct fetch", async () => {
    const res = await exports.default.fetch(new Request("http://territory/communes"));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    await res.arrayBuffer();
  });

  it("refuses a request without a trusted context", async () => {
    const res = await app.request("/communes", {}, { DATABASE_URL: "postgres://unused" });
    expect(res.status).toBe(403);
    await res.arrayBuffer();
  });
});
