/**
 * What the device benches share (`bench:ingest`, `bench:telemetry`): devices registered as the
 * identity Worker registers them (secret sealed with its key), the signed POST a device's firmware
 * makes (again on a 5xx or 429), the collector the ack-only consumer reports to, a `wrangler dev`
 * platform of a chosen set of Workers, and the wait until a count stops moving.
 */
import { createServer, type Server } from "node:http";
import path from "node:path";
import type pg from "pg";
import { uuidv7 } from "@communa/db";
import { DEVICE_HEADERS, SecretBox, bodyDigest, deviceCanonical, signDeviceRequest } from "@communa/core";
import { root, waitForHttp, type Started } from "../../scripts/lib/processes.ts";
import { domainDirs } from "../../scripts/lib/workers.ts";
import { freePort } from "../../tests/setup/database.ts";
import { wranglerDev } from "./wrangler.ts";

export interface Device {
  id: string;
  keyId: string;
  secret: Uint8Array;
  name: string;
}

/**
 * Registers devices of one kind with the ingest permission, each with a fresh 32-byte secret sealed
 * as identity seals it; `label` gives the name in the registry (the device keeps its short name).
 */
export async function registerDevices(
  client: pg.Client,
  tenantId: string,
  identityKey: string,
  kind: string,
  names: string[],
  label: (name: string) => string = (n) => n,
): Promise<Device[]> {
  const box = new SecretBox(identityKey);
  const devices: Device[] = [];
  for (const name of names) {
    const id = uuidv7();
    const keyId = uuidv7();
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const sealed = await box.seal(secret, keyId);
    await client.query("INSERT INTO devices (id, tenant_id, kind, name, permissions) VALUES ($1, $2, $3, $4, '{devices:ingest}')", [
      id,
      tenantId,
      kind,
      label(name),
    ]);
    await client.query("INSERT INTO device_keys (id, tenant_id, device_id, secret_cipher, secret_iv) VALUES ($1, $2, $3, $4, $5)", [
      keyId,
      tenantId,
      id,
      Buffer.from(sealed.cipher),
      Buffer.from(sealed.iv),
    ]);
    devices.push({ id, keyId, secret, name });
  }
  return devices;
}

/**
 * What a device's firmware does for one batch: a signed POST, again (after 200, 400… ms) on a 5xx or
 * 429. Returns the accepted event ids and how many attempts were repeated; a partly refused batch
 * or another status is an error (the bench sends only valid events).
 */
export async function postSigned(
  origin: string,
  device: Device,
  pathname: string,
  events: unknown[],
  backlog = 0,
): Promise<{ accepted: string[]; retried: number }> {
  let retried = 0;
  for (let attempt = 0; ; attempt++) {
    const body = JSON.stringify({ events, backlog });
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64url");
    const digest = await bodyDigest(new TextEncoder().encode(body).buffer as ArrayBuffer);
    const signature = await signDeviceRequest(device.secret, deviceCanonical("POST", pathname, ts, nonce, digest));
    const res = await fetch(`${origin}${pathname}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [DEVICE_HEADERS.device]: device.id,
        [DEVICE_HEADERS.key]: device.keyId,
        [DEVICE_HEADERS.timestamp]: ts,
        [DEVICE_HEADERS.nonce]: nonce,
        [DEVICE_HEADERS.signature]: signature,
      },
      body,
    });
    const answer = (await res.json()) as { accepted?: { eventId: string }[]; rejected?: unknown[]; detail?: string };
    if (res.status === 202) {
      if (answer.accepted?.length !== events.length) throw new Error(`lot partiellement refusé : ${JSON.stringify(answer.rejected).slice(0, 400)}`);
      return { accepted: answer.accepted.map((a) => a.eventId), retried };
    }
    if ((res.status >= 500 || res.status === 429) && attempt < 5) {
      retried++;
      await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
      continue;
    }
    throw new Error(`HTTP ${res.status} : ${answer.detail ?? ""}`);
  }
}

/** Waits until `count()` reaches `target`, or stops moving for `stallMs`; polls every `everyMs`. */
export async function until(count: () => Promise<number>, target: number, stallMs = 30_000, everyMs = 50): Promise<number> {
  let last = -1;
  let moved = Date.now();
  for (;;) {
    const n = await count();
    if (n >= target) return n;
    if (n !== last) {
      last = n;
      moved = Date.now();
    } else if (Date.now() - moved > stallMs) return n;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A local HTTP endpoint the bench Workers report to (JSON bodies), with its URL. */
export async function startCollector(onReport: (body: unknown) => void): Promise<{ url: string; close: () => void }> {
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      onReport(JSON.parse(body));
      res.end("ok");
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/** Every config but one domain Worker's (the one a bench consumer stands in for), gateway first, then `extra`. */
export const configsWithout = (worker: string, ...extra: string[]) => [
  "wrangler.toml",
  ...domainDirs()
    .filter((d) => d !== worker)
    .map((d) => path.join(d, "wrangler.toml")),
  ...extra,
];

/** Starts a `wrangler dev` of `configs` (kept in `children` for the cleanup), answering once the gateway serves. */
export async function startPlatform(children: Started[], stateDir: string, name: string, configs: string[]) {
  const port = await freePort();
  const started = await wranglerDev(name, configs, { port, stateDir });
  children.push(started);
  await waitForHttp(`http://127.0.0.1:${port}/t/cclvd/api/territory/communes?geometry=false`, 120_000, (s) => s === 200);
  return { origin: `http://127.0.0.1:${port}`, stop: () => started.stop() };
}

export const benchWorkerDir = (name: string) => path.join(root, "bench", "workers", name);
