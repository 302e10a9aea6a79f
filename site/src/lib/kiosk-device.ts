/**
 * A kiosk's or a station screen's device identity in the browser (ADR 0046). The tablet's kiosk
 * browser opens the page at an address whose fragment holds the device's credentials
 * (`#appareil=<id>.<keyId>.<secret>`, set once in the MDM or kiosk policy, never sent to a server);
 * the page keeps them in sessionStorage (gone when the browser closes: no cookie, nothing
 * persistent), removes them from the address bar, and signs its requests like any device
 * (HMAC-SHA256, `@communa/core` device signature) — heartbeats and the help request.
 */
import { DEVICE_HEADERS, bodyDigest, deviceCanonical, signDeviceRequest } from "@communa/core/edge";
import { fromBase64 } from "@communa/core/bytes";

export interface DeviceCredentials {
  id: string;
  keyId: string;
  secret: string;
}

const KEY = "communa-appareil";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The credentials from the address's fragment (then stored for the session and cleared), or the session's. */
export function deviceCredentials(): DeviceCredentials | null {
  const m = /(?:^#|&)appareil=([^&]+)/.exec(location.hash);
  if (m) {
    const [id, keyId, secret] = decodeURIComponent(m[1]).split(".");
    if (UUID.test(id ?? "") && UUID.test(keyId ?? "") && secret) {
      sessionStorage.setItem(KEY, JSON.stringify({ id, keyId, secret }));
      history.replaceState(null, "", location.pathname + location.search);
    }
  }
  try {
    const c = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as DeviceCredentials | null;
    return c && UUID.test(c.id) && UUID.test(c.keyId) ? c : null;
  } catch {
    return null;
  }
}

const nonce = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replaceAll("=", "");
};

/** A signed JSON POST to the tenant's API, as the device. */
export async function devicePost(slug: string, device: DeviceCredentials, path: `/api/${string}`, json: unknown): Promise<Response> {
  const full = `/t/${slug}${path}`;
  const body = JSON.stringify(json);
  const bytes = new TextEncoder().encode(body);
  const ts = String(Math.floor(Date.now() / 1000));
  const n = nonce();
  const digest = await bodyDigest(bytes.buffer as ArrayBuffer);
  const signature = await signDeviceRequest(fromBase64(device.secret), deviceCanonical("POST", full, ts, n, digest));
  return fetch(full, {
    method: "POST",
    credentials: "omit",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      [DEVICE_HEADERS.device]: device.id,
      [DEVICE_HEADERS.key]: device.keyId,
      [DEVICE_HEADERS.timestamp]: ts,
      [DEVICE_HEADERS.nonce]: n,
      [DEVICE_HEADERS.signature]: signature,
    },
    body,
  });
}

/** What a heartbeat brings back: the period, and the configuration when it changed. */
export interface HeartbeatAnswer {
  heartbeatSeconds: number;
  config: { version: number; heartbeatSeconds: number; settings: Record<string, string | number | boolean> } | null;
}

/**
 * Sends heartbeats for the page's life (app version `page`), applying each new configuration with
 * `onConfig`. Signs of life go on while the page is open; the kiosk browser keeps it open.
 */
export function startHeartbeat(slug: string, device: DeviceCredentials, page: string, onConfig: (settings: Record<string, string | number | boolean>) => void) {
  let version = Number(sessionStorage.getItem(`${KEY}-config`) ?? 0);
  const saved = sessionStorage.getItem(`${KEY}-settings`);
  if (saved) onConfig(JSON.parse(saved) as Record<string, string | number | boolean>);
  const beat = async () => {
    let period = 60;
    try {
      const res = await devicePost(slug, device, "/api/devices/heartbeat", { firmware: "navigateur", appVersion: page, backlog: 0, configVersion: version });
      if (res.ok) {
        const answer = (await res.json()) as HeartbeatAnswer;
        period = answer.heartbeatSeconds;
        if (answer.config) {
          version = answer.config.version;
          sessionStorage.setItem(`${KEY}-config`, String(version));
          sessionStorage.setItem(`${KEY}-settings`, JSON.stringify(answer.config.settings));
          onConfig(answer.config.settings);
        }
        document.documentElement.dataset.heartbeat = "ok";
      } else document.documentElement.dataset.heartbeat = "refused";
    } catch {
      document.documentElement.dataset.heartbeat = "failed";
    }
    setTimeout(beat, period * 1000);
  };
  void beat();
}
