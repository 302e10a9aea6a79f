import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLocalStack, type LocalStack } from "../local/stack.ts";
import { seedTerritory } from "../seed/seed.ts";
import { loadTerritoryData } from "../seed/territory-data.ts";
import { formatReport, onboardEpci, OnboardingError, type OnboardOptions } from "./index.ts";
import { nationalDivision, planFromNationalDivision } from "./national.ts";
import { tenantAddCommand } from "./command.ts";
import { freePort } from "../../../tests/setup/database.ts";

const CLERMONTOIS = "246000376";
const CCLVD = "246000129";
const NEIGHBOURS = ["60106", "60107", "60130", "60464"];
const ADMIN = "premiere.admin@clermontois.example.fr";
const ORIGIN = "https://communa.example.fr";

/** Made-up outlines (small squares north of Clermont) for the members the repository has none for. */
async function boundariesFile(dir: string, skip: string[] = []): Promise<string> {
  const epci = nationalDivision().epciBySiren(CLERMONTOIS)!;
  const features = epci.membres
    .filter((m) => !NEIGHBOURS.includes(m.code) && !skip.includes(m.code))
    .map((m, i) => {
      const [x, y] = [2.3 + (i % 5) * 0.011, 49.45 + Math.floor(i / 5) * 0.011];
      return {
        type: "Feature",
        properties: { code: m.code, nom: m.nom },
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [x, y],
              [x + 0.01, y],
              [x + 0.01, y + 0.01],
              [x, y + 0.01],
              [x, y],
            ],
          ],
        },
      };
    });
  const file = path.join(dir, `contours-${skip.length}.geojson`);
  await writeFile(file, JSON.stringify({ type: "FeatureCollection", features }));
  return file;
}

describe("the national division", () => {
  it("agrees with the seed files on the 14 communes of the demonstration territory", () => {
    const seeded = loadTerritoryData().communes;
    expect(seeded).toHaveLength(14);
    for (const c of seeded) {
      const planned = planFromNationalDivision(c.epciSiren, { competences: [] }).communes.find((p) => p.insee === c.insee);
      expect(planned).toMatchObject({ name: c.name, siren: c.siren, postcode: c.postcode, population: c.population, populationYear: 2023 });
    }
    expect(planFromNationalDivision(CLERMONTOIS, { competences: [] }).communes).toHaveLength(18);
    expect(planFromNationalDivision(CCLVD, { competences: [] }).communes).toHaveLength(10);
  });

  it("refuses what is not an EPCI's SIREN, in French, saying what to do", () => {
    const refused = (siren: string) => {
      try {
        planFromNationalDivision(siren, { competences: [] });
      } catch (err) {
        expect(err).toBeInstanceOf(OnboardingError);
        return (err as Error).message;
      }
      throw new Error("accepté");
    };
    expect(refused("24600037")).toMatch(/n’est pas un numéro SIREN/);
    expect(refused("999999999")).toMatch(/Aucun EPCI à fiscalité propre de SIREN 999999999/);
    expect(refused("216001297")).toBe(
      "Le SIREN 216001297 est celui d’une commune (Catenoy, INSEE 60130), pas d’un EPCI. Son intercommunalité est CC du Clermontois : relancez avec --siren 246000376.",
    );
  });
});

describe("onboarding the CC du Clermontois next to the seeded CCLVD", () => {
  let stack: LocalStack;
  let dir: string;
  let owner: pg.Pool;
  let app: pg.Pool;
  const options = (extra: Partial<OnboardOptions> = {}): OnboardOptions => ({ siren: CLERMONTOIS, origin: ORIGIN, admin: { email: ADMIN }, ...extra });
  const tenants = async () => (await owner.query("SELECT * FROM tenants ORDER BY siren")).rows as Array<Record<string, string | null>>;
  /** Every table the onboarding writes, as the owner sees it. */
  const snapshot = async () =>
    (
      await owner.query(
        `SELECT (SELECT json_agg(t ORDER BY siren) FROM tenants t) AS tenants,
                (SELECT json_agg(c ORDER BY insee) FROM communes c) AS communes,
                (SELECT json_agg(x ORDER BY tenant_id, competence_code) FROM competence_transfers x) AS transfers,
                (SELECT json_agg(m ORDER BY tenant_id, person_id, role) FROM memberships m) AS memberships,
                (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM audit_journal) AS journal`,
      )
    ).rows[0];
  /** Rows of `table` the application role sees with `app.tenant_id` set to `tenantId`. */
  const visible = async (tenantId: string, table: string) => {
    const client = await app.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
      const { rows } = await client.query(`SELECT tenant_id FROM ${table}`);
      await client.query("COMMIT");
      return rows.map((r) => r.tenant_id as string);
    } finally {
      client.release();
    }
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "communa-onboard-"));
    stack = await startLocalStack({ stateDir: dir, pgPort: await freePort(), ephemeral: true, seed: true });
    owner = new pg.Pool({ connectionString: stack.adminUrl, max: 2 });
    app = new pg.Pool({ connectionString: stack.appUrl, max: 2 });
  }, 120_000);
  afterAll(async () => {
    await owner?.end();
    await app?.end();
    await stack?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses, writing nothing, members without outlines or a file without the members' codes", async () => {
    const before = await snapshot();
    await expect(onboardEpci(owner, options())).rejects.toThrow(/Contour manquant pour 14 communes membres : Clermont \(60157\)/);
    const stranger = path.join(dir, "ailleurs.geojson");
    await writeFile(
      stranger,
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            properties: { code: "75056" },
            geometry: {
              type: "Polygon",
              coordinates: [
                [
                  [2, 48],
                  [2.1, 48],
                  [2.1, 48.1],
                  [2, 48],
                ],
              ],
            },
          },
        ],
      }),
    );
    await expect(onboardEpci(owner, options({ boundaries: stranger }))).rejects.toThrow(/ne contient le code INSEE d’aucune commune membre/);
    await expect(onboardEpci(owner, options({ boundaries: await boundariesFile(dir, ["60157"]) }))).rejects.toThrow(
      /Contour manquant pour 1 commune membre : Clermont \(60157\)/,
    );
    await expect(onboardEpci(owner, options({ boundaries: path.join(dir, "absent.geojson") }))).rejects.toThrow(/fichier introuvable/);
    expect(await snapshot()).toEqual(before);
  });

  it("creates its communes under it, reuses the four neighbours, isolates its data, invites its admin; a second run changes nothing", async () => {
    // One neighbour as a commune created for trails alone, without its EPCI.
    await owner.query("UPDATE tenants SET parent_id = NULL WHERE insee = '60130'");
    const before = await tenants();
    const neighboursBefore = before.filter((t) => NEIGHBOURS.includes(t.insee ?? ""));
    const cclvdBefore = before.filter((t) => t.siren === CCLVD || t.parent_id === before.find((x) => x.siren === CCLVD)!.id);
    const catenoyRow = (await owner.query("SELECT * FROM communes WHERE insee = '60130'")).rows[0];
    expect(neighboursBefore).toHaveLength(4);

    const report = await onboardEpci(owner, options({ boundaries: await boundariesFile(dir), shortName: "Clermontois" }));
    expect(report.communes.filter((c) => c.tenant === "created")).toHaveLength(14);
    expect(Object.fromEntries(report.communes.filter((c) => NEIGHBOURS.includes(c.insee)).map((c) => [c.insee, c.tenant]))).toEqual({
      "60106": "unchanged",
      "60107": "unchanged",
      "60130": "updated",
      "60464": "unchanged",
    });
    expect(report.communes.find((c) => c.insee === "60130")).toMatchObject({ previousParent: null });
    expect(formatReport(report)).toContain(
      "  Catenoy (60130, catenoy) : collectivité mise à jour, fiche commune inchangée\n    rattachée à l’EPCI (elle n’en avait pas)",
    );

    const after = await tenants();
    const epci = after.find((t) => t.siren === CLERMONTOIS)!;
    expect(epci).toMatchObject({ kind: "epci", slug: "cc-clermontois", legal_name: "CC du Clermontois", short_name: "Clermontois", parent_id: null });
    const members = after.filter((t) => t.parent_id === epci.id);
    expect(members.map((m) => m.insee).sort()).toEqual(
      nationalDivision()
        .epciBySiren(CLERMONTOIS)!
        .membres.map((m) => m.code)
        .sort(),
    );
    // The neighbours created for trails are the same rows (ids), now complete members of their EPCI.
    for (const n of neighboursBefore) expect(after.find((t) => t.id === n.id)).toEqual({ ...n, parent_id: epci.id });
    expect(
      after
        .filter((t) => NEIGHBOURS.includes(t.insee ?? ""))
        .map((t) => t.id)
        .sort(),
    ).toEqual(neighboursBefore.map((t) => t.id).sort());
    // The CCLVD is untouched.
    for (const t of cclvdBefore) expect(after.find((x) => x.id === t.id)).toEqual(t);
    expect(after).toHaveLength(before.length + 14);

    const rows = (
      await owner.query(
        "SELECT insee, name, postcode, siren, epci_siren, population, population_total, population_year FROM communes WHERE epci_siren = $1 ORDER BY insee",
        [CLERMONTOIS],
      )
    ).rows;
    expect(rows).toHaveLength(18);
    expect(rows.find((r) => r.insee === "60157")).toEqual({
      insee: "60157",
      name: "Clermont",
      postcode: "60600",
      siren: "216001560",
      epci_siren: CLERMONTOIS,
      population: 10564,
      population_total: 10904,
      population_year: 2023,
    });
    // A neighbour keeps its INSEE total population (the national division only has the DGCL's).
    expect((await owner.query("SELECT * FROM communes WHERE insee = '60130'")).rows[0]).toEqual(catenoyRow);
    expect(after.find((t) => t.insee === "60157")).toMatchObject({ slug: "clermont", name: "Clermont", kind: "commune" });

    // Competences: those of epcis.json for this EPCI; the communes keep the others (general clause).
    const transfers = (await owner.query("SELECT competence_code FROM competence_transfers WHERE tenant_id = $1 ORDER BY 1", [epci.id])).rows.map(
      (r) => r.competence_code,
    );
    expect(transfers).toEqual(["assainissement", "dechets", "developpement-economique", "eau", "gemapi", "mobilite"]);

    // The invitation: an admin membership of the EPCI, its journal entry, and the mail in the outbox.
    expect(report.invitation).toMatchObject({ email: ADMIN, sent: true, link: `${ORIGIN}/cc-clermontois/connexion/` });
    const membership = (
      await owner.query("SELECT m.role, m.granted_by FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.email = $1 AND m.tenant_id = $2", [
        ADMIN,
        epci.id,
      ])
    ).rows;
    expect(membership).toEqual([{ role: "admin", granted_by: "operator:tenant:add" }]);
    const [mail] = (await owner.query("SELECT recipient, subject, body FROM outbox WHERE tenant_id = $1", [epci.id])).rows;
    expect(mail.recipient).toBe(ADMIN);
    expect(mail.subject).toBe("Invitation à administrer l’espace de Communauté de communes du Clermontois");
    expect(mail.body).toContain(`${ORIGIN}/cc-clermontois/connexion/`);
    const journal = (await owner.query("SELECT actor_kind, action, seq FROM audit_journal WHERE tenant_id = $1", [epci.id])).rows;
    expect(journal).toEqual([{ actor_kind: "operator", action: "identity.member.invite", seq: "1" }]);

    // RLS: as the application role in a Clermontois tenant, nothing of the CCLVD is visible.
    const cclvdIds = new Set(cclvdBefore.map((t) => t.id as string));
    const clermont = after.find((t) => t.insee === "60157")!;
    for (const tenant of [clermont.id!, epci.id!]) {
      const seen = [...(await visible(tenant, "competence_transfers")), ...(await visible(tenant, "memberships")), ...(await visible(tenant, "map_layers"))];
      expect(seen.filter((id) => cclvdIds.has(id))).toEqual([]);
    }
    expect(await visible(clermont.id!, "competence_transfers")).toContain(epci.id);
    expect(await visible(epci.id!, "memberships")).toEqual([epci.id]);
    // …and the other way round: the CCLVD sees none of the Clermontois' rows (the CCLVD has some of its own).
    const cclvd = after.find((t) => t.siren === CCLVD)!;
    expect((await visible(cclvd.id!, "memberships")).length).toBeGreaterThan(0);
    expect(await visible(cclvd.id!, "memberships")).not.toContain(epci.id);
    expect(await visible(cclvd.id!, "competence_transfers")).not.toContain(epci.id);

    // Idempotent: a second run, and a seed after it, change nothing.
    const once = await snapshot();
    const again = await onboardEpci(owner, options({ boundaries: await boundariesFile(dir) }));
    expect(again.changes).toBe(0);
    expect(again.invitation).toMatchObject({ sent: false });
    expect(formatReport(again)).toMatch(/Rien à changer : la plateforme était déjà à jour\.$/);
    expect(await snapshot()).toEqual(once);
    await seedTerritory(owner);
    expect(await snapshot()).toEqual(once);
  });

  it("answers the operator in French, without a stack trace, and says when nothing changed", async () => {
    const root = fileURLToPath(new URL("../../../", import.meta.url));
    const command = async (argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await tenantAddCommand(argv, { root, env: { DATABASE_URL: stack.adminUrl }, out: (l) => out.push(l), err: (l) => err.push(l) });
      return { code, out: out.join("\n"), err: err.join("\n") };
    };
    const commune = await command(["--siren", "216001297"]);
    expect(commune).toMatchObject({ code: 1, out: "" });
    expect(commune.err).toContain("est celui d’une commune (Catenoy");
    const unknown = await command(["--siren", CLERMONTOIS, "--inconnue"]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^Option non reconnue.*\nUsage : npm run tenant:add/);
    const badMail = await command(["--siren", CLERMONTOIS, "--admin", "pas-une-adresse"]);
    expect(badMail).toMatchObject({ code: 1, err: "« pas-une-adresse » n’est pas une adresse électronique valide." });
    const longShort = await command(["--siren", CLERMONTOIS, "--nom-court", "Communauté de communes du Clermontois (Oise)"]);
    expect(longShort).toMatchObject({ code: 1, out: "" });
    expect(longShort.err).toContain("trop long : 40 caractères au plus");
    for (const r of [commune, unknown, badMail, longShort]) expect(r.err).not.toMatch(/\n\s+at /);

    // The script itself, on the pinned Node, as an operator runs it.
    const done = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["db/src/cli/tenant-add.ts", "--siren", CLERMONTOIS, "--admin", ADMIN],
        { cwd: root, env: { ...process.env, DATABASE_URL: stack.adminUrl } },
        (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
      );
    });
    expect(done).toMatchObject({ code: 0, stderr: "" });
    expect(done.stdout).toContain("EPCI Communauté de communes du Clermontois (cc-clermontois) : inchangée");
    expect(done.stdout).toContain(`${ADMIN} est déjà administrateur`);
    expect(done.stdout.trim().split("\n").at(-1)).toBe("Rien à changer : la plateforme était déjà à jour.");
  });
});
