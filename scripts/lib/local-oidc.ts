/**
 * `npm run dev`'s identity providers: the local OpenID provider (tools/local-oidc) registered in
 * every tenant twice — as the agents' and elected members' provider (ProConnect's role: members
 * matched by e-mail) and as the residents' one (FranceConnect's role: a first sign-in creates a
 * resident) — with the client secret sealed as the identity Worker seals it.
 * In production an administrator declares ProConnect and FranceConnect through the API instead.
 */
import pg from "pg";
import { randomUUID } from "node:crypto";
import { SecretBox } from "@communa/core";

export interface LocalProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The identity Worker's IDENTITY_SECRETS_KEY. */
  secretsKey: string;
}

const PROVIDERS = [
  {
    slug: "demo",
    label: "Compte agent ou élu (démonstration locale)",
    kind: "oidc",
    audience: "agents",
    scopes: "openid email given_name usual_name",
    acr: null,
    firstSignIn: "match-email",
  },
  {
    slug: "habitants",
    label: "Compte habitant (démonstration locale)",
    kind: "franceconnect",
    audience: "residents",
    scopes: "openid given_name family_name email",
    acr: "eidas1",
    firstSignIn: "create-resident",
  },
] as const;

export async function configureLocalProviders(adminUrl: string, s: LocalProviderSettings): Promise<number> {
  const box = new SecretBox(s.secretsKey);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  let count = 0;
  try {
    const { rows: tenants } = await client.query<{ id: string }>("SELECT id FROM tenants ORDER BY slug");
    for (const t of tenants) {
      await client.query("BEGIN");
      // identity_providers forces row-level security, on its owner too: name the tenant.
      await client.query("SELECT set_config('app.tenant_id', $1, true)", [t.id]);
      for (const p of PROVIDERS) {
        const { rows } = await client.query<{ id: string }>("SELECT id FROM identity_providers WHERE tenant_id = $1 AND slug = $2", [t.id, p.slug]);
        const id = rows[0]?.id ?? randomUUID();
        const sealed = await box.seal(new TextEncoder().encode(s.clientSecret), `identity-provider:${id}`);
        await client.query(
          `INSERT INTO identity_providers (id, tenant_id, slug, label, kind, audience, issuer, client_id, client_secret_cipher, client_secret_iv, scopes, acr_values, first_sign_in)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (id) DO UPDATE SET issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id, client_secret_cipher = EXCLUDED.client_secret_cipher,
             client_secret_iv = EXCLUDED.client_secret_iv, label = EXCLUDED.label, scopes = EXCLUDED.scopes, updated_at = now()`,
          [
            id,
            t.id,
            p.slug,
            p.label,
            p.kind,
            p.audience,
            s.issuer,
            s.clientId,
            Buffer.from(sealed.cipher),
            Buffer.from(sealed.iv),
            p.scopes,
            p.acr,
            p.firstSignIn,
          ],
        );
        count++;
      }
      await client.query("COMMIT");
    }
  } finally {
    await client.end();
  }
  return count;
}
