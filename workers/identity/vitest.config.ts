import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          DATABASE_URL: inject("appDatabaseUrl"),
          NEON_WS_PROXY: inject("relayAddress"),
          TEST_ADMIN_DATABASE_URL: inject("adminDatabaseUrl"),
        },
      },
    })),
  ],
  test: {
    name: "identity",
    root: import.meta.dirname,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["../../tests/setup/database.ts"],
    testTimeout: 20_000,
  },
});
