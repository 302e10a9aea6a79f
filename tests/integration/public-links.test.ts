/**
 * Absolute links come from configuration, never from the request's Host (issue #14, item 6): a
 * client that forges `Host` gets the tenant's canonical links, and what it makes the edge cache
 * keep cannot carry its host to the next client. (The sign-in link mailed after a forged Host is
 * checked in sign-in.test.ts.) Here the configured public origin is http://localhost.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestTenant } from "@communa/core/testing";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);

/** Every absolute address in a JSON answer. */
const hrefsOf = (text: string) => [...text.matchAll(/"(https?:\/\/[^"]+)"/g)].map((m) => m[1]);

describe("links come from configuration, not from the Host", () => {
  it("a forged Host gets the canonical links, and a cached answer it caused does not carry them to the next client", async () => {
    const fresh = await createTestTenant(testEnv);
    // The DCAT catalogue of a tenant without data has no links: liancourt's has (read only here).
    for (const [t, path] of [
      [fresh, "/api/map/ogc"],
      [fresh, "/api/map/ogc/collections"],
      [{ slug: "liancourt" }, "/api/map/dcat"],
    ] as const) {
      const canonical = `http://localhost/t/${t.slug}/`;
      // The attack of the finding: a forged host, and no-cache to force a fresh answer into the cache.
      const forged = await gateway(new Request(`http://evil.example/t/${t.slug}${path}`, { headers: { "cache-control": "no-cache" } }));
      expect(forged.status, path).toBe(200);
      const text = await forged.text();
      expect(text, path).not.toContain("evil.example");
      expect(hrefsOf(text).filter((h) => h.includes(`/t/${t.slug}/`)).length, path).toBeGreaterThan(0);
      for (const h of hrefsOf(text).filter((h) => h.includes(`/${t.slug}/`)))
        expect(h.startsWith(canonical) || h.startsWith(`http://localhost/${t.slug}/`), `${path}: ${h}`).toBe(true);
      // The next, honest client: served from the cache once the entry has landed.
      let next: Response | undefined;
      for (let i = 0; i < 50; i++) {
        next = await gateway(new Request(`http://localhost/t/${t.slug}${path}`));
        if (next.headers.get("x-communa-cache") === "hit") break;
        await next.arrayBuffer();
        await scheduler.wait(20);
      }
      expect(next!.headers.get("x-communa-cache"), path).toBe("hit");
      expect(await next!.text(), path).not.toContain("evil.example");
    }
  });

  it("a host-addressed request gets the same canonical links", async () => {
    const res = await gateway(new Request("http://liancourt.communa.localhost/api/map/ogc", { headers: { "cache-control": "no-cache" } }));
    expect(res.status).toBe(200);
    const hrefs = hrefsOf(await res.text());
    expect(hrefs.some((h) => h.startsWith("http://localhost/t/liancourt/api/map/ogc"))).toBe(true);
    expect(hrefs.filter((h) => h.includes("communa.localhost"))).toEqual([]);
  });

  it("the map's list page: CSP frame-ancestors and X-Frame-Options say the same", async () => {
    const res = await gateway(new Request("http://localhost/t/liancourt/api/map/liste"));
    await res.arrayBuffer();
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    const api = await gateway(new Request("http://localhost/t/liancourt/api/territory/tenant"));
    await api.arrayBuffer();
    expect(api.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(api.headers.get("x-frame-options")).toBe("DENY");
  });
});
