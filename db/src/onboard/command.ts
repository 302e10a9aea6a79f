/**
 * The `npm run tenant:add` command, callable in-process (its script, db/src/cli/tenant-add.ts, only
 * exits with the code this returns). Every refusal is one French message, never a stack trace.
 * Exit codes: 0 done, 1 refused (the message says why and what to do), 2 unexpected failure.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { openOwnerDatabase } from "../local/owner.ts";
import { onboardEpci } from "./index.ts";
import { formatReport } from "./report.ts";
import { OnboardingError } from "./plan.ts";
import { errorText } from "./messages.fr.ts";

export interface CommandIo {
  /** Root of the checkout (the embedded cluster is under its .state/). */
  root: string;
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
}

function options(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        siren: { type: "string" },
        admin: { type: "string" },
        "admin-nom": { type: "string" },
        boundaries: { type: "string" },
        slug: { type: "string" },
        nom: { type: "string" },
        "nom-court": { type: "string" },
        competences: { type: "string" },
        origin: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new OnboardingError(`${errorText.optionUnknown((err as Error).message)}\n${errorText.usage}`);
  }
}

async function run(argv: string[], io: CommandIo): Promise<number> {
  const o = options(argv);
  if (o.help) {
    io.out(errorText.usage);
    return 0;
  }
  if (!o.siren) throw new OnboardingError(`${errorText.optionMissing("siren")}\n${errorText.usage}`);
  const { url, stop } = await openOwnerDatabase({
    databaseUrl: io.env.DATABASE_URL,
    stateDir: path.resolve(io.env.COMMUNA_STATE_DIR ?? path.join(io.root, ".state")),
    port: Number(io.env.PG_PORT ?? 54329),
  });
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on("error", () => {});
  try {
    const report = await onboardEpci(pool, {
      siren: o.siren.replace(/\s+/g, ""),
      boundaries: o.boundaries ? path.resolve(o.boundaries) : undefined,
      admin: o.admin ? { email: o.admin, displayName: o["admin-nom"] } : undefined,
      origin: o.origin ?? io.env.COMMUNA_SITE_ORIGIN ?? `http://127.0.0.1:${io.env.SITE_PORT ?? 4321}`,
      slug: o.slug,
      name: o.nom,
      shortName: o["nom-court"],
      competences: o.competences
        ?.split(",")
        .map((c) => c.trim())
        .filter(Boolean),
    });
    io.out(formatReport(report));
    return 0;
  } finally {
    await pool.end();
    await stop();
  }
}

/** Runs the command with `argv` (the arguments after the script's name); returns the exit code. */
export async function tenantAddCommand(argv: string[], io: CommandIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    if (err instanceof OnboardingError) {
      io.err(err.message);
      return 1;
    }
    io.err(errorText.unexpected(err instanceof Error ? err.message : String(err)));
    return 2;
  }
}
