/**
 * The suite's time budgets, in one place (issue #13). They are fail-safes, not assertions: a test
 * waits on an event (a response, an element's state, a row in the database, a log line) and these
 * only stop a run that would otherwise hang. They are sized for a loaded machine — two cores shared
 * by several full runs, where a step that takes 1 s idle was seen taking more than 30 s — so that a
 * slow machine makes the suite slow, never red. A test that needs a shorter budget to mean
 * something is testing the clock: it should control the clock instead.
 *
 * No `node:` import: Worker-side tests (inside workerd) read these too.
 */
export const FAIL_SAFE = {
  /**
   * One Playwright action, wait or navigation (click, fill, `waitFor`, `goto`, `waitForURL`).
   * Playwright's default, 30 s, is what three browser tests ran out of on a busy machine: the page
   * was merely slow. Set on every browser context by `tests/setup/browser-platform.ts`.
   */
  browserActionMs: 180_000,
  /** One test driving the whole platform: a browser flow of dozens of actions, the dev command's smoke test. */
  platformTestMs: 900_000,
  /** One test in workerd or Node (requests through the gateway, Postgres, queues). */
  testMs: 180_000,
  /** A `beforeAll`/`afterAll` (a tenant, a database, a platform once the lock is ours). */
  hookMs: 900_000,
  /** `expect.poll` (projects set it as the default: vitest's own is 1 s). */
  pollMs: 180_000,
  /** `npm run dev` printing "Communa est prête" (first start: initdb, migrations, seed, builds). */
  platformStartMs: 600_000,
  /** `npm run dev` exiting after Ctrl-C. */
  platformStopMs: 180_000,
} as const;

/** vitest options every project shares: the budgets above, and `expect.poll` without a short cap. */
export const failSafeTestOptions = {
  testTimeout: FAIL_SAFE.testMs,
  hookTimeout: FAIL_SAFE.hookMs,
  expect: { poll: { timeout: FAIL_SAFE.pollMs, interval: 100 } },
};
