/**
 * Devices sign each request (HMAC-SHA256 over method, path, timestamp, nonce, body digest) and the
 * gateway checks it through the identity Worker: clock window, replay, revocation, key rotation.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEVICE_HEADERS, bodyDigest, deviceCanonical, signDeviceRequest, type Tenant } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const admin = person("identity:admin", "territory:write");

interface DeviceKey {
  id: string;
  keyId: string;
  secret: string;
}

async function register(t: Tenant, permissions: string[] = ["territory:write"]): Promise<DeviceKey> {
  const res = await gateway(
    gatewayRequest(t, "/api/identity/devices", { method: "POST", actor: admin, json: { kind: "rfid-reader", name: "Benne 2", permissions } }),
  );
  expect(res.status).toBe(201);
  return (await res.json()) as DeviceKey;
}

const nonce = () =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))))
    .replace(/\+/g, "-")
    .replace(/\//g, "_");

/** A request as a device client builds it. */
async function signed(
  t: Tenant,
  d: { id: string; keyId: string; secret: string },
  opts: { method?: string; path?: string; body?: string; timestamp?: number; nonce?: string; tamper?: (h: Headers) => void; bodySent?: string } = {},
): Promise<Request> {
  const method = opts.method ?? "PUT";
  const path = `/t/${t.slug}${opts.path ?? "/api/territory/profile"}`;
  const body = opts.body ?? JSON.stringify({ phone: "03 44 00 00 01" });
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const n = opts.nonce ?? nonce();
  const digest = await bodyDigest(new TextEncoder().encode(body).buffer as ArrayBuffer);
  const secret = Uint8Array.from(atob(d.secret), (c) => c.charCodeAt(0));
  const signature = await signDeviceRequest(secret, deviceCanonical(method, path, ts, n, digest));
  const headers = new Headers({
    "content-type": "application/json",
    [DEVICE_HEADERS.device]: d.id,
    [DEVICE_HEADERS.key]: d.keyId,
    [DEVICE_HEADERS.timestamp]: ts,
    [DEVICE_HEADERS.nonce]: n,
    [DEVICE_HEADERS.signature]: signature,
  });
  opts.tamper?.(headers);
  return new Request(`http://localhost${path}`, { method, headers, body: method === "GET" ? undefined : (opts.bodySent ?? body) });
}

async function expect401(res: Response, detail?: RegExp) {
  expect(res.status).toBe(401);
  const p = (await res.json()) as { detail: string };
  if (detail) expect(p.detail).toMatch(detail);
}

describe("device signatures", () => {
  it("a valid signature → 2xx, acting as the device with its permissions", async () => {
    const t = await createTestTenant(testEnv);
    const d = await register(t);
    const res = await gateway(await signed(t, d));
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const who = await gateway(await signed(t, d, { method: "GET", path: "/api/identity/whoami", body: "" }));
    expect(await who.json()).toMatchObject({ kind: "device", id: d.id, permissions: ["territory:write"] });
    const [row] = await adminQuery<{ actor_kind: string; actor_id: string }>(
      testEnv,
      "SELECT actor_kind, actor_id FROM audit_journal WHERE tenant_id = $1 AND action = 'territory.profile.update'",
      [t.id],
    );
    expect(row).toEqual({ actor_kind: "device", actor_id: d.id });
  });

  it("wrong secret, old timestamp, altered body, other path → 401", async () => {
    const t = await createTestTenant(testEnv);
    const d = await register(t);
    const wrong = { ...d, secret: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))) };
    await expect401(await gateway(await signed(t, wrong)), /Signature/);
    await expect401(await gateway(await signed(t, d, { timestamp: Math.floor(Date.now() / 1000) - 301 })), /fenêtre/);
    await expect401(await gateway(await signed(t, d, { timestamp: Math.floor(Date.now() / 1000) + 400 })), /fenêtre/);
    await expect401(await gateway(await signed(t, d, { bodySent: JSON.stringify({ phone: "06 66 66 66 66" }) })), /Signature/);
    await expect401(await gateway(await signed(t, d, { tamper: (h) => h.set(DEVICE_HEADERS.nonce, nonce()) })), /Signature/);
    const [{ n }] = await adminQuery<{ n: string }>(testEnv, "SELECT count(*) AS n FROM tenant_profiles WHERE tenant_id = $1", [t.id]);
    expect(Number(n)).toBe(0);
  });

  it("a replayed request (same nonce) → 401", async () => {
    const t = await createTestTenant(testEnv);
    const d = await register(t);
    const first = await signed(t, d);
    const replay = first.clone();
    const ok = await gateway(first);
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
    await expect401(await gateway(replay), /rejou/);
  });

  it("a revoked device → 401; a device of another tenant → 401", async () => {
    const t = await createTestTenant(testEnv);
    const other = await createTestTenant(testEnv);
    const d = await register(t);
    await expect401(await gateway(await signed(other, d)), /inconnus/);
    const del = await gateway(gatewayRequest(t, `/api/identity/devices/${d.id}`, { method: "DELETE", actor: admin }));
    expect(del.status).toBe(200);
    await del.arrayBuffer();
    await expect401(await gateway(await signed(t, d)), /révoqué/);
  });

  it("rotation: the new key works at once, the old one during the overlap only", async () => {
    const t = await createTestTenant(testEnv);
    const d = await register(t);
    const rotate = await gateway(gatewayRequest(t, `/api/identity/devices/${d.id}/keys`, { method: "POST", actor: admin, json: { overlapHours: 1 } }));
    expect(rotate.status).toBe(201);
    const fresh = (await rotate.json()) as { keyId: string; secret: string };
    const withNew = await gateway(await signed(t, { id: d.id, ...fresh }));
    expect(withNew.status).toBe(200);
    await withNew.arrayBuffer();
    const withOld = await gateway(await signed(t, d));
    expect(withOld.status).toBe(200);
    await withOld.arrayBuffer();
    // The overlap ends.
    await adminQuery(testEnv, "UPDATE device_keys SET valid_until = now() - interval '1 second' WHERE id = $1", [d.keyId]);
    await expect401(await gateway(await signed(t, d)), /expirée/);
    const still = await gateway(await signed(t, { id: d.id, ...fresh }));
    expect(still.status).toBe(200);
    await still.arrayBuffer();
  });

  it("secrets are stored sealed, never in clear", async () => {
    const t = await createTestTenant(testEnv);
    const d = await register(t);
    const rows = await adminQuery<{ secret_cipher: unknown }>(
      testEnv,
      "SELECT encode(secret_cipher, 'base64') AS secret_cipher FROM device_keys WHERE id = $1",
      [d.keyId],
    );
    expect(rows[0].secret_cipher).not.toBe(d.secret);
    const journal = await adminQuery(testEnv, "SELECT summary FROM audit_journal WHERE tenant_id = $1", [t.id]);
    expect(JSON.stringify(journal)).not.toContain(d.secret);
  });
});
