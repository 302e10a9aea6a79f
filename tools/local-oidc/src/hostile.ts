/**
 * Misbehaving OpenID providers, for tests only: each issuer under this server answers a sign-in
 * with one kind of bad ID token, so the tests can show that the relying party refuses every one
 * through its real sign-in path (discovery, redirect, code exchange, token checks):
 *
 * - `forged`: signed with a key that is not in the published JWKS (same key id);
 * - `expired`: `exp` an hour ago;
 * - `wrong-audience`: issued to another client;
 * - `wrong-nonce`: a nonce from another sign-in;
 * - `wrong-issuer`: `iss` names another provider;
 * - `honest`: a valid token (the control: the same server, playing by the rules, signs in).
 */
import http from "node:http";
import { randomBytes } from "node:crypto";
import { SignJWT, exportJWK, generateKeyPair } from "jose";

export const HOSTILE_MODES = ["forged", "expired", "wrong-audience", "wrong-nonce", "wrong-issuer", "honest"] as const;
export type HostileMode = (typeof HOSTILE_MODES)[number];

export interface HostileProviders {
  /** Issuer address of each mode. */
  issuers: Record<HostileMode, string>;
  clientId: string;
  clientSecret: string;
  /** The subject and e-mail address every token names. */
  subject: string;
  email: string;
  stop(): Promise<void>;
}

export async function startHostileProviders({ port, host = "127.0.0.1" }: { port: number; host?: string }): Promise<HostileProviders> {
  const origin = `http://${host}:${port}`;
  const clientId = "communa-test";
  const clientSecret = randomBytes(24).toString("hex");
  const kid = "k1";
  const published = await generateKeyPair("RS256", { extractable: true });
  const attacker = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(published.publicKey)), kid, alg: "RS256", use: "sig" };
  const codes = new Map<string, { nonce: string; mode: HostileMode }>();
  const subject = "hostile-subject";
  const email = "personne@hostile.invalid";

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", origin);
    const m = /^\/([a-z-]+)(\/.*)$/.exec(url.pathname);
    const mode = m?.[1] as HostileMode | undefined;
    if (!m || !mode || !HOSTILE_MODES.includes(mode)) return json(res, 404, { error: "not_found" });
    const issuer = `${origin}/${mode}`;
    switch (m[2]) {
      case "/.well-known/openid-configuration":
        return json(res, 200, {
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          token_endpoint_auth_methods_supported: ["client_secret_basic"],
          code_challenge_methods_supported: ["S256"],
        });
      case "/jwks":
        return json(res, 200, { keys: [jwk] });
      case "/auth": {
        // Signs in at once, whoever asks: this provider exists to send bad tokens.
        const code = randomBytes(16).toString("hex");
        codes.set(code, { nonce: url.searchParams.get("nonce") ?? "", mode });
        const back = new URL(url.searchParams.get("redirect_uri") ?? "");
        back.searchParams.set("code", code);
        back.searchParams.set("state", url.searchParams.get("state") ?? "");
        res.writeHead(302, { location: back.href });
        return res.end();
      }
      case "/token": {
        let body = "";
        for await (const chunk of req) body += chunk;
        const code = new URLSearchParams(body).get("code") ?? "";
        const grant = codes.get(code);
        codes.delete(code);
        if (!grant) return json(res, 400, { error: "invalid_grant" });
        const now = Math.floor(Date.now() / 1000);
        const claims = {
          email,
          email_verified: true,
          given_name: "Personne",
          family_name: "Hostile",
          nonce: mode === "wrong-nonce" ? "another-nonce" : grant.nonce,
        };
        const token = await new SignJWT(claims)
          .setProtectedHeader({ alg: "RS256", kid })
          .setSubject(subject)
          .setIssuer(mode === "wrong-issuer" ? `${origin}/honest` : issuer)
          .setAudience(mode === "wrong-audience" ? "another-client" : clientId)
          .setIssuedAt(mode === "expired" ? now - 7200 : now)
          .setExpirationTime(mode === "expired" ? now - 3600 : now + 300)
          .sign(mode === "forged" ? attacker.privateKey : published.privateKey);
        return json(res, 200, { access_token: randomBytes(16).toString("hex"), token_type: "Bearer", expires_in: 300, id_token: token });
      }
      default:
        return json(res, 404, { error: "not_found" });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const issuers = Object.fromEntries(HOSTILE_MODES.map((m) => [m, `${origin}/${m}`])) as Record<HostileMode, string>;
  return {
    issuers,
    clientId,
    clientSecret,
    subject,
    email,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
