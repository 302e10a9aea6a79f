/**
 * A kiosk's help request through the gateway (ADR 0046): a kiosk signs it, the devices Worker
 * checks the kind and relays it to the citizen Worker, the request lands in the tenant's GRU queue
 * with the kiosk's name and id; another tenant's kiosk, a truck reader and bad input are refused
 * (the last with French problem+json naming the fields). The board: public read, France services
 * write.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEVICE_HEADERS, bodyDigest, deviceCanonical, signDeviceRequest, type Tenant } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const admin = person("identity:admin", "devices:ingest");

interface DeviceKey {
  id: string;
  keyId: string;
  secret: string;
}

async function register(t: Tenant, kind: string, name: string): Promise<DeviceKey> {
  const res = await gateway(
    gatewayRequest(t, "/api/identity/devices", { method: "POST", actor: admin, json: { kind, name, permissions: ["devices:ingest"] } }),
  );
  expect(res.status).toBe(201);
  return (await res.json()) as DeviceKey;
}

const nonce = () =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=/g, "");

/** The help request as the kiosk page sends it, signed for the tenant `t` it is addressed to. */
const help = (t: Tenant, d: DeviceKey, json: unknown) => signed(t, d, "/kiosk/help", json);

/** A request signed by the device `d`, to the devices API of the tenant `t`. */
async function signed(t: Tenant, d: DeviceKey, tail: string, json: unknown): Promise<Response> {
  const path = `/t/${t.slug}/api/devices${tail}`;
  const body = JSON.stringify(json);
  const ts = String(Math.floor(Date.now() / 1000));
  const n = nonce();
  const digest = await bodyDigest(new TextEncoder().encode(body).buffer as ArrayBuffer);
  const secret = Uint8Array.from(atob(d.secret), (c) => c.charCodeAt(0));
  const signature = await signDeviceRequest(secret, deviceCanonical("POST", path, ts, n, digest));
  return gateway(
    new Request(`http://localhost${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [DEVICE_HEADERS.device]: d.id,
        [DEVICE_HEADERS.key]: d.keyId,
        [DEVICE_HEADERS.timestamp]: ts,
        [DEVICE_HEADERS.nonce]: n,
        [DEVICE_HEADERS.signature]: signature,
      },
      body,
    }),
  );
}

describe("kiosk help requests", () => {
  it("an authorised kiosk's request lands in its tenant's queue, naming the kiosk, with only what the resident typed", async () => {
    const t = await createTestTenant(testEnv);
    const kiosk = await register(t, "kiosk", "Hall de la mairie de Rantigny");
    const res = await help(t, kiosk, { firstName: "Josiane", phone: "03 44 12 34 56" });
    expect(res.status).toBe(201);
    const { code } = (await res.json()) as { code: string };
    expect(code).toMatch(/^[A-Z]{8}$/);
    const queue = await gateway(gatewayRequest(t, "/api/citizen/requests", { actor: person("citizen:read") }));
    expect(queue.status).toBe(200);
    const { others } = (await queue.json()) as { others: { code: string; channel: string; subject: string; name: string | null }[] };
    expect(others.find((r) => r.code === code)).toMatchObject({
      channel: "kiosk",
      subject: "Aide demandée à la borne « Hall de la mairie de Rantigny »",
      name: "Josiane",
    });
    const [row] = await adminQuery<{ kiosk_device_id: string; phone: string; email: string | null }>(
      testEnv,
      "SELECT kiosk_device_id, phone, email FROM citizen_requests WHERE tenant_id = $1 AND code = $2",
      [t.id, code],
    );
    expect(row).toEqual({ kiosk_device_id: kiosk.id, phone: "03 44 12 34 56", email: null });
    // Nothing typed is fine too: the kiosk alone says where to go.
    expect((await help(t, kiosk, {})).status).toBe(201);
  });

  it("another tenant's kiosk is refused, and so is a device that is not a kiosk", async () => {
    const t = await createTestTenant(testEnv);
    const other = await createTestTenant(testEnv);
    const foreign = await register(other, "kiosk", "Borne d’ailleurs");
    const refused = await help(t, foreign, { firstName: "Paul" });
    expect(refused.status).toBe(401);
    const reader = await register(t, "rfid-reader", "Benne 4");
    const wrongKind = await help(t, reader, {});
    expect(wrongKind.status).toBe(403);
    expect(((await wrongKind.json()) as { detail: string }).detail).toBe("Seule une borne d’accueil peut demander l’aide d’un conseiller.");
    const [{ n }] = await adminQuery<{ n: number }>(testEnv, "SELECT count(*)::int AS n FROM citizen_requests WHERE tenant_id = $1", [t.id]);
    expect(n).toBe(0);
  });

  it("bad input → French problem+json with the fields' paths", async () => {
    const t = await createTestTenant(testEnv);
    const kiosk = await register(t, "kiosk", "Borne France services");
    const res = await help(t, kiosk, { firstName: "J0s1ane", phone: "pas un numéro", email: "x@example.org" });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const p = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(p.errors).toEqual(
      expect.arrayContaining([
        { path: "body/firstName", message: "Prénom : lettres, espaces, apostrophes et traits d’union." },
        { path: "body/phone", message: "Numéro de téléphone attendu, ex. 03 44 12 34 56." },
        // No e-mail on a kiosk: a field beyond first name and phone is refused, not stored.
        { path: "body/email", message: "Champ inconnu." },
      ]),
    );
  });
});

describe("France services' kiosks and screens", () => {
  it("lists only the kiosks and screens, sets a kiosk's idle reset (its next heartbeat brings it), nothing else", async () => {
    const t = await createTestTenant(testEnv);
    const kiosk = await register(t, "kiosk", "Borne de l’accueil");
    const screen = await register(t, "screen", "Écran de la gare");
    const truck = await register(t, "rfid-reader", "Benne 1");
    const desk = person("france-services:read", "france-services:write");
    const call = (path: string, init: { method?: string; json?: unknown } = {}) => gateway(gatewayRequest(t, `/api/devices${path}`, { actor: desk, ...init }));

    const listed = await call("/reception");
    expect(listed.status).toBe(200);
    const { devices } = (await listed.json()) as { devices: Array<{ id: string; kind: string; idleMinutes: number | null }> };
    expect(devices.map((d) => [d.kind, d.idleMinutes]).sort()).toEqual([
      ["kiosk", 3],
      ["screen", null],
    ]);

    const set = await call(`/reception/${kiosk.id}/idle`, { method: "PUT", json: { idleMinutes: 5 } });
    expect(set.status, await set.clone().text()).toBe(200);
    expect(((await set.json()) as { config: { settings: Record<string, unknown> } }).config.settings).toEqual({ idleMinutes: 5 });
    const beat = await signed(t, kiosk, "/heartbeat", { firmware: "navigateur", backlog: 0, configVersion: 0 });
    expect(beat.status).toBe(200);
    expect(((await beat.json()) as { config: { settings: Record<string, unknown> } }).config.settings).toEqual({ idleMinutes: 5 });

    // A screen or a truck's reader is not a kiosk: not found here (the fleet is the waste service's).
    for (const other of [screen, truck]) {
      const refused = await call(`/reception/${other.id}/idle`, { method: "PUT", json: { idleMinutes: 5 } });
      expect(refused.status).toBe(404);
      expect(((await refused.json()) as { detail: string }).detail).toBe("Aucune borne d’accueil active ne porte cet identifiant.");
    }
    const bad = await call(`/reception/${kiosk.id}/idle`, { method: "PUT", json: { idleMinutes: 0, heartbeatSeconds: 1 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: unknown[] }).errors).toEqual(
      expect.arrayContaining([
        { path: "body/idleMinutes", message: "Durée en minutes attendue, de 1 à 60." },
        { path: "body/heartbeatSeconds", message: "Champ inconnu." },
      ]),
    );
    // The fleet itself stays the waste service's.
    expect((await call(`/fleet/${kiosk.id}/config`, { method: "PUT", json: { heartbeatSeconds: 30, batchSize: 10, settings: {} } })).status).toBe(403);
  });
});

describe("display board", () => {
  it("anyone reads it; only France services publish it, with French field errors", async () => {
    const t = await createTestTenant(testEnv);
    const read = await gateway(gatewayRequest(t, "/api/devices/signage"));
    expect(read.status).toBe(200);
    const board = (await read.json()) as Record<string, unknown> & { version: number };
    expect(board.version).toBe(0);
    const { version: _v, updatedAt: _u, ...content } = board;
    const put = (actor: ReturnType<typeof person> | undefined, json: unknown) =>
      gateway(gatewayRequest(t, "/api/devices/signage", { method: "PUT", ...(actor ? { actor } : {}), json }));
    expect((await put(person("waste:write"), content)).status).toBe(403);
    const bad = await put(person("france-services:write"), {
      ...content,
      announcements: [{ topic: "eau", title: "Coupure", body: "Rue de la Gare", startsOn: "2030-01-02", endsOn: "2030-01-01" }],
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: unknown[] }).errors).toEqual([
      { path: "body/announcements/0/endsOn", message: "La fin de l’annonce précède son début." },
    ]);
    const ok = await put(person("france-services:write"), { ...content, rotateSeconds: 20 });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ version: 1, rotateSeconds: 20 });
  });
});

describe("station screens' live socket", () => {
  it("a screen connected through the gateway hears each publication of its tenant only; another site is refused", async () => {
    const t = await createTestTenant(testEnv);
    const other = await createTestTenant(testEnv);
    const live = (tenant: Tenant, headers: Record<string, string> = {}) =>
      gateway(gatewayRequest(tenant, "/api/devices/signage/live", { headers: { upgrade: "websocket", ...headers } }));
    const open = async (tenant: Tenant) => {
      const res = await live(tenant);
      expect(res.status).toBe(101);
      const ws = res.webSocket!;
      ws.accept();
      const heard: unknown[] = [];
      ws.addEventListener("message", (e) => heard.push(JSON.parse(String(e.data))));
      return { ws, heard };
    };
    const mine = await open(t);
    const theirs = await open(other);
    expect((await live(t, { origin: "https://evil.example" })).status).toBe(403);
    const { version: _v, updatedAt: _u, ...content } = (await (await gateway(gatewayRequest(t, "/api/devices/signage"))).json()) as Record<string, unknown>;
    const put = await gateway(gatewayRequest(t, "/api/devices/signage", { method: "PUT", actor: person("france-services:write"), json: content }));
    expect(put.status).toBe(200);
    await expect.poll(() => mine.heard).toEqual([{ type: "board", version: 1 }]);
    // The other tenant's screen heard nothing: a second publication reaches the first screen only.
    await gateway(gatewayRequest(t, "/api/devices/signage", { method: "PUT", actor: person("france-services:write"), json: content }));
    await expect.poll(() => mine.heard.length).toBe(2);
    expect(theirs.heard).toEqual([]);
    mine.ws.close(1000);
    theirs.ws.close(1000);
  });
});
