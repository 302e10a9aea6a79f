/**
 * A tenant's identity through the territory Worker, as the gateway calls it (its `serve` door, with
 * the Worker's own R2 bucket and Images binding — Sharp under miniflare): an accent colour
 * accepted when it reads at 4.5:1 and refused with its measured ratio when it does not; a logo
 * re-encoded (decoded here: WebP, 240 px high at most, the camera's metadata gone), served under
 * its content hash with a long cache, replaced and removed, each change journalled; only an agent
 * who may edit the tenant, and only for their own tenant.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminQuery, createTestTenant, person, withDb } from "@communa/core/testing";
import type { Actor, Tenant, TrustedContext } from "@communa/core";
import { rpcValue } from "@communa/core";
import { sha256Hex } from "@communa/core/hash";
import { contrast } from "@communa/contracts/colour";
import { tenantIdentities } from "@communa/db";
import { png } from "../../../tests/setup/png.ts";

const testEnv = env as unknown as Cloudflare.Env & { TEST_ADMIN_DATABASE_URL: string; DATABASE_URL: string; NEON_WS_PROXY: string; LOGOS: R2Bucket };
const worker = exports.default as unknown as {
  serve(request: Request, context: TrustedContext): Promise<Response>;
  listTenants(withGeometry: boolean): Promise<Parameters<typeof rpcValue>[0]>;
};
const agent = person("territory:write");
const resident = person("citizen:self");
const anonymous: Actor = { kind: "anonymous" } as Actor;

/** A request as the gateway forwards it: its body read whole first (a refused one is never read by the Worker). */
async function call(tenant: Tenant, actor: Actor, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const { json, ...rest } = init;
  const built = new Request(`http://territory${path}`, { ...rest, body: json !== undefined ? JSON.stringify(json) : rest.body });
  const headers = new Headers(built.headers);
  if (json !== undefined) headers.set("content-type", "application/json");
  const body = built.body ? await built.arrayBuffer() : undefined;
  const request = new Request(built.url, { method: built.method, headers, body });
  return worker.serve(request, { tenant, actor, requestId: `test-${crypto.randomUUID()}` });
}

type Identity = { accent: string | null; accentDark: string | null; logo: { src: string; alt: string; width: number; height: number } | null };
type Problem = { status: number; errors: Array<{ path: string; message: string }> };

function form(file: Blob | null, alt: string | null, name = "blason.png") {
  const f = new FormData();
  if (file) f.set("logo", file, name);
  if (alt !== null) f.set("alt", alt);
  return f;
}

/** Width and height from a WebP's first chunk (VP8, VP8L or VP8X), and its chunk names. */
function webp(bytes: Uint8Array): { width: number; height: number; chunks: string[] } {
  const text = (at: number, n: number) => String.fromCharCode(...bytes.slice(at, at + n));
  expect(text(0, 4) + text(8, 4)).toBe("RIFFWEBP");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: string[] = [];
  for (let at = 12; at + 8 <= bytes.length; ) {
    chunks.push(text(at, 4));
    const size = view.getUint32(at + 4, true);
    at += 8 + size + (size % 2);
  }
  const first = text(12, 4);
  if (first === "VP8X") return { width: 1 + (view.getUint32(24, true) & 0xffffff), height: 1 + (view.getUint32(27, true) & 0xffffff), chunks };
  if (first === "VP8L") {
    const bits = view.getUint32(21, true);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff), chunks };
  }
  if (first === "VP8 ") return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff, chunks };
  throw new Error(`unknown WebP chunk ${first}`);
}

describe("accent colour", () => {
  it("accepts a colour that reads on white, with a computed dark-mode variant, journalled", async () => {
    const t = await createTestTenant(testEnv);
    const res = await call(t, agent, "/identity", { method: "PUT", json: { accent: "#8A1538" } });
    expect(res.status, await res.clone().text()).toBe(200);
    const saved = (await res.json()) as Identity;
    expect(saved.accent).toBe("#8a1538");
    expect(contrast(saved.accentDark!, "#15171a")).toBeGreaterThanOrEqual(4.5);
    const read = (await (await call(t, anonymous, "/identity")).json()) as Identity;
    expect(read).toMatchObject({ accent: "#8a1538", accentDark: saved.accentDark, logo: null });
    const journal = await adminQuery<{ action: string }>(testEnv, "SELECT action FROM audit_journal WHERE tenant_id = $1 ORDER BY seq", [t.id]);
    expect(journal.map((j) => j.action)).toEqual(["territory.identity.accent"]);

    // null goes back to the default colours.
    const cleared = (await (await call(t, agent, "/identity", { method: "PUT", json: { accent: null } })).json()) as Identity;
    expect(cleared).toMatchObject({ accent: null, accentDark: null });
  });

  it("refuses a pale colour, naming the field with its measured ratio in French, and stores nothing", async () => {
    const t = await createTestTenant(testEnv);
    const res = await call(t, agent, "/identity", { method: "PUT", json: { accent: "#7fb3e6" } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    const problem = (await res.json()) as Problem;
    expect(problem.errors).toEqual([{ path: "body/accent", message: expect.stringMatching(/^Contraste 2,2:1 sur fond blanc, 4,5:1 au moins/) }]);
    // Holds on white (4.7:1) but not on the light surface the page's boxes use (4.3:1).
    const grey = (await (await call(t, agent, "/identity", { method: "PUT", json: { accent: "#737373" } })).json()) as Problem;
    expect(grey.errors[0].message).toMatch(/^Contraste 4,3:1 sur fond gris clair/);
    const notHex = (await (await call(t, agent, "/identity", { method: "PUT", json: { accent: "bleu" } })).json()) as Problem;
    expect(notHex.errors).toEqual([{ path: "body/accent", message: expect.stringContaining("hexadécimale") }]);
    expect(await adminQuery(testEnv, "SELECT 1 FROM tenant_identities WHERE tenant_id = $1", [t.id])).toHaveLength(0);
  });

  it("refuses a resident (no permission to edit the tenant) and an anonymous visitor", async () => {
    const t = await createTestTenant(testEnv);
    for (const actor of [resident, anonymous]) {
      const res = await call(t, actor, "/identity", { method: "PUT", json: { accent: "#8a1538" } });
      expect([401, 403]).toContain(res.status);
      await res.arrayBuffer();
      const logo = await call(t, actor, "/identity/logo", { method: "POST", body: form(new Blob([await png(300, 300)], { type: "image/png" }), "Blason") });
      expect([401, 403]).toContain(logo.status);
      await logo.arrayBuffer();
    }
    expect((await call(t, resident, "/identity", { method: "PUT", json: { accent: "#8a1538" } })).status).toBe(403);
    expect(await adminQuery(testEnv, "SELECT 1 FROM tenant_identities WHERE tenant_id = $1", [t.id])).toHaveLength(0);
  });

  it("tenant isolation: commune A's agent sets A's colour only, and cannot write B's row even without a filter", async () => {
    const epci = await createTestTenant(testEnv, { kind: "epci" });
    const a = await createTestTenant(testEnv, { parent: epci });
    const b = await createTestTenant(testEnv, { parent: epci });
    await call(b, agent, "/identity", { method: "PUT", json: { accent: "#2e6b30" } }).then((r) => r.arrayBuffer());
    await call(a, agent, "/identity", { method: "PUT", json: { accent: "#8a1538" } }).then((r) => r.arrayBuffer());
    const rows = await adminQuery<{ tenant_id: string; accent: string }>(testEnv, "SELECT tenant_id, accent FROM tenant_identities WHERE tenant_id = ANY($1)", [
      [a.id, b.id],
    ]);
    expect(Object.fromEntries(rows.map((r) => [r.tenant_id, r.accent]))).toEqual({ [a.id]: "#8a1538", [b.id]: "#2e6b30" });
    const intrusion = withDb(testEnv, (db) =>
      db.write({ tenant: a, actor: agent, requestId: "test-intrusion" }, async (tx, journal) => {
        await journal({ action: "test.write", target: "test" });
        await tx.update(tenantIdentities).set({ accent: "#000000", accentDark: "#ffffff" });
      }),
    );
    await intrusion;
    const after = await adminQuery<{ accent: string }>(testEnv, "SELECT accent FROM tenant_identities WHERE tenant_id = $1", [b.id]);
    expect(after[0].accent).toBe("#2e6b30");

    // The public listing carries each tenant's own accent (the site falls back to the EPCI's).
    const listing = rpcValue(await worker.listTenants(false)) as { tenants: Array<{ slug: string; accent: string | null; logo: unknown }> };
    const bySlug = new Map(listing.tenants.map((t) => [t.slug, t]));
    expect(bySlug.get(a.slug)).toMatchObject({ accent: "#000000", logo: null });
    expect(bySlug.get(b.slug)).toMatchObject({ accent: "#2e6b30" });
    expect(bySlug.get(epci.slug)).toMatchObject({ accent: null });
  });
});

describe("logo", () => {
  it("re-encodes an upload to WebP at most 240 px high without its metadata, served under its hash with a long cache", async () => {
    const t = await createTestTenant(testEnv);
    const image = await png(1000, 600, { exif: "GPSLatitude=49.33;secret-position" });
    const res = await call(t, agent, "/identity/logo", { method: "POST", body: form(new Blob([image], { type: "image/png" }), "  Blason de Liancourt ") });
    expect(res.status, await res.clone().text()).toBe(201);
    const saved = (await res.json()) as Identity;
    expect(saved.logo).toMatchObject({ alt: "Blason de Liancourt", width: 400, height: 240 });
    expect(saved.logo!.src).toMatch(new RegExp(`^/t/${t.slug}/api/territory/logos/[0-9a-f]{64}\\.webp$`));

    const file = saved.logo!.src.split("/").pop()!;
    const served = await call(t, anonymous, `/logos/${file}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/webp");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const bytes = new Uint8Array(await served.arrayBuffer());
    expect(`${await sha256Hex(bytes)}.webp`).toBe(file);
    const decoded = webp(bytes);
    expect({ width: decoded.width, height: decoded.height }).toEqual({ width: 400, height: 240 });
    expect(decoded.chunks).not.toContain("EXIF");
    expect(decoded.chunks).not.toContain("XMP ");
    expect(new TextDecoder("latin1").decode(bytes)).not.toContain("secret-position");
    expect(bytes.length).toBeLessThan(image.length);

    // Replaced: the new one under its own name, the old one no longer served nor stored.
    const next = (await (
      await call(t, agent, "/identity/logo", { method: "POST", body: form(new Blob([await png(200, 200)], { type: "image/png" }), "Logo") })
    ).json()) as Identity;
    expect(next.logo).toMatchObject({ alt: "Logo", width: 200, height: 200 });
    expect(next.logo!.src).not.toBe(saved.logo!.src);
    const old = await call(t, anonymous, `/logos/${file}`);
    expect(old.status).toBe(404);
    await old.arrayBuffer();
    expect(await testEnv.LOGOS.head(`${t.id}/${file}`)).toBeNull();

    // Removed.
    const del = await call(t, agent, "/identity/logo", { method: "DELETE" });
    expect(del.status).toBe(204);
    const nextFile = next.logo!.src.split("/").pop()!;
    const gone = await call(t, anonymous, `/logos/${nextFile}`);
    expect(gone.status).toBe(404);
    await gone.arrayBuffer();
    expect(await testEnv.LOGOS.head(`${t.id}/${nextFile}`)).toBeNull();
    expect(((await (await call(t, anonymous, "/identity")).json()) as Identity).logo).toBeNull();
    const journal = await adminQuery<{ action: string }>(testEnv, "SELECT action FROM audit_journal WHERE tenant_id = $1 ORDER BY seq", [t.id]);
    expect(journal.map((j) => j.action)).toEqual(["territory.identity.logo", "territory.identity.logo", "territory.identity.logo.remove"]);
  });

  it("checks the file by its content, its size, and requires the alt text", async () => {
    const t = await createTestTenant(testEnv);
    const paths = async (res: Response) => {
      expect(res.status).toBe(400);
      return ((await res.json()) as Problem).errors.map((e) => e.path).sort();
    };
    const image = new Blob([await png(300, 300)], { type: "image/png" });
    // Named .png, typed image/png, but a GIF's bytes (and then plain text): refused by content.
    const gif = new Blob([new TextEncoder().encode("GIF89a\u0001\u0000\u0001\u0000pas une image PNG")], { type: "image/png" });
    expect(await paths(await call(t, agent, "/identity/logo", { method: "POST", body: form(gif, "Blason") }))).toEqual(["body/logo"]);
    const svg = new Blob(['<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'], { type: "image/png" });
    expect(await paths(await call(t, agent, "/identity/logo", { method: "POST", body: form(svg, "Blason") }))).toEqual(["body/logo"]);
    expect(await paths(await call(t, agent, "/identity/logo", { method: "POST", body: form(image, "   ") }))).toEqual(["body/alt"]);
    expect(await paths(await call(t, agent, "/identity/logo", { method: "POST", body: form(image, "x".repeat(121)) }))).toEqual(["body/alt"]);
    const big = new Blob([new Uint8Array(2 * 1024 * 1024 + 1)], { type: "image/png" });
    expect(await paths(await call(t, agent, "/identity/logo", { method: "POST", body: form(big, "Blason") }))).toEqual(["body/logo"]);
    // No file at all: the request's form fails its schema (the page checks this before sending).
    expect(await paths(await call(t, agent, "/identity/logo", { method: "POST", body: form(null, "Blason") }))).toEqual(["form/logo"]);
    expect(await adminQuery(testEnv, "SELECT 1 FROM tenant_identities WHERE tenant_id = $1", [t.id])).toHaveLength(0);
    expect((await testEnv.LOGOS.list({ prefix: `${t.id}/` })).objects).toEqual([]);
  });
});
