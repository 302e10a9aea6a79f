/** What the globalSetup files hand to tests through `inject` (also seen by Worker-side tests). */
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    appDatabaseUrl: string;
    adminDatabaseUrl: string;
    relayAddress: string;
    buildHook: string;
    oidc: {
      issuer: string;
      clientId: string;
      clientSecret: string;
      accounts: Array<{ sub: string; email: string; name: string; givenName: string; familyName: string; roles: string[] }>;
    };
    hostileOidc: {
      issuers: Record<"forged" | "expired" | "wrong-audience" | "wrong-nonce" | "wrong-issuer" | "honest", string>;
      clientId: string;
      clientSecret: string;
      subject: string;
      email: string;
    };
  }
}
