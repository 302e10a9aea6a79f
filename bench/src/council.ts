/**
 * `npm run bench:council`: a sitting of 60 councillors with 2,000 viewers connected; time from the
 * president's "close vote" to each client receiving the result (p50, p99, last), beside, in the
 * same run and with the same clients: (a) a minimal Durable Object that only broadcasts the same
 * message (the runtime's own cost), (b) a bare Node `ws` server doing the same. Lost deliveries
 * are counted. Writes bench/results/council.json. BENCH_VIEWERS and BENCH_ROUNDS shorten a run.
 *
 * Clients connect to the council Worker directly (as the gateway does, with the trusted context
 * header): the gateway only takes part in the upgrade, not in the frames measured here.
 */
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import pg from "pg";
import { startLocalStack } from "@communa/db/local";
import { root, startGroup, waitForHttp, type Started } from "../../scripts/lib/processes.ts";
import { freePort } from "../../tests/setup/database.ts";
import { wranglerDev } from "./wrangler.ts";

const WebSocket = createRequire(import.meta.url)("ws") as typeof import("ws").WebSocket;
type WS = InstanceType<typeof WebSocket>;

const COUNCILLORS = 60;
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TIMEOUT_MS = 30_000;

interface Round {
  latencies: number[];
  lost: number;
}
interface Summary {
  name: string;
  clients: number;
  rounds: number;
  p50: number;
  p99: number;
  last: number;
  max: number;
  lost: number;
  /** First client reached, median of the rounds: the fixed cost before any frame leaves. */
  first: number;
  perRoundLast: number[];
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (x: number) => Math.round(x * 10) / 10;

function summarize(name: string, clients: number, rounds: Round[]): Summary {
  const all = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    name,
    clients,
    rounds: rounds.length,
    p50: ms(pct(all, 50)),
    p99: ms(pct(all, 99)),
    last: ms(
      pct(
        [...rounds.map((r) => Math.max(...r.latencies))].sort((a, b) => a - b),
        50,
      ),
    ),
    max: ms(all[all.length - 1]),
    lost: rounds.reduce((n, r) => n + r.lost, 0),
    first: ms(
      pct(
        [...rounds.map((r) => Math.min(...r.latencies))].sort((a, b) => a - b),
        50,
      ),
    ),
    perRoundLast: rounds.map((r) => ms(Math.max(...r.latencies))),
  };
}

/** Opens `n` sockets, a few at a time (the machine is shared). */
async function openMany(n: number, open: (i: number) => WS): Promise<WS[]> {
  const out: WS[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, (_, k) => open(i + k));
    await Promise.all(
      batch.map(
        (ws) =>
          new Promise<void>((resolve, reject) => {
            ws.once("open", () => resolve());
            ws.once("error", reject);
            ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
          }),
      ),
    );
    out.push(...batch);
  }
  return out;
}

/** Times, on every socket in `clients`, the arrival of the first frame `isResult` accepts after `trigger`. */
async function timeDelivery(clients: WS[], isResult: (data: string) => boolean, trigger: () => void): Promise<Round> {
  const latencies: number[] = [];
  let t0 = 0;
  let lost = 0;
  await new Promise<void>((resolve) => {
    let pending = clients.length;
    const timer = setTimeout(() => {
      lost = pending;
      resolve();
    }, TIMEOUT_MS);
    for (const ws of clients) {
      const onMessage = (data: Buffer) => {
        if (!isResult(data.toString())) return;
        latencies.push(performance.now() - t0);
        ws.off("message", onMessage);
        if (--pending === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
      ws.on("message", onMessage);
    }
    t0 = performance.now();
    trigger();
  });
  return { latencies, lost };
}

const settle = (millis: number) => new Promise((r) => setTimeout(r, millis));

/** The minimal Durable Object (baseline a), written next to the run's state. */
async function writeMinimalDo(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, "index.js"),
    `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch() { const p = new WebSocketPair(); this.ctx.acceptWebSocket(p[1]); return new Response(null, { status: 101, webSocket: p[0] }); }
  webSocketMessage(_ws, msg) { for (const s of this.ctx.getWebSockets()) { try { s.send(msg); } catch {} } }
}
export default { fetch(req, env) { return req.headers.get("upgrade") === "websocket" ? env.ROOM.get(env.ROOM.idFromName("bench")).fetch(req) : new Response("ok"); } };
`,
  );
  await writeFile(
    path.join(dir, "wrangler.toml"),
    `name = "bench-broadcast"\nmain = "index.js"\ncompatibility_date = "2026-10-01"\nsend_metrics = false\n[[durable_objects.bindings]]\nname = "ROOM"\nclass_name = "Room"\n[[migrations]]\ntag = "v1"\nnew_sqlite_classes = ["Room"]\n`,
  );
  return path.join(dir, "wrangler.toml");
}

/** The bare Node ws server (baseline b), in its own process like the runtimes. */
function startNodeWs(port: number): Started {
  const script = `const { WebSocketServer } = require(${JSON.stringify(createRequire(import.meta.url).resolve("ws"))});
const wss = new WebSocketServer({ port: ${port}, host: "127.0.0.1" });
wss.on("connection", (ws) => ws.on("message", (m) => { for (const c of wss.clients) c.send(m.toString()); }));
console.log("prêt");`;
  return startGroup("node-ws", process.execPath, ["-e", script], { quiet: true });
}

async function seedSitting(adminUrl: string) {
  const db = new pg.Client({ connectionString: adminUrl });
  await db.connect();
  try {
    await db.query("BEGIN");
    const {
      rows: [tenant],
    } = await db.query("SELECT id, slug, kind, name, siren, insee, parent_id AS \"parentId\" FROM tenants WHERE slug = 'cclvd'");
    await db.query("SELECT set_config('app.tenant_id', $1, true)", [tenant.id]);
    const {
      rows: [council],
    } = await db.query(
      "INSERT INTO council_councils (id, tenant_id, name, kind) VALUES (gen_random_uuid(), $1, 'Conseil communautaire (banc)', 'community') RETURNING id",
      [tenant.id],
    );
    const persons: string[] = [];
    for (let i = 0; i < COUNCILLORS; i++) {
      const {
        rows: [p],
      } = await db.query("INSERT INTO people (id, display_name) VALUES (gen_random_uuid(), $1) RETURNING id", [`Élu ${i}`]);
      persons.push(p.id);
      await db.query(
        "INSERT INTO council_members (id, tenant_id, council_id, person_id, full_name, birth_date, mandate_start) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, '2026-01-01')",
        [tenant.id, council.id, p.id, `Conseiller communautaire n° ${i + 1}`, `19${50 + (i % 40)}-01-01`],
      );
    }
    const {
      rows: [room],
    } = await db.query(
      "INSERT INTO council_rooms (id, tenant_id, council_id, name, address) VALUES (gen_random_uuid(), $1, $2, 'Salle du conseil', '1 place de la Mairie') RETURNING id",
      [tenant.id, council.id],
    );
    const {
      rows: [sitting],
    } = await db.query(
      "INSERT INTO council_sittings (id, tenant_id, council_id, title, starts_at) VALUES (gen_random_uuid(), $1, $2, 'Séance de banc d’essai', now()) RETURNING id",
      [tenant.id, council.id],
    );
    await db.query("INSERT INTO council_sitting_rooms (tenant_id, sitting_id, room_id) VALUES ($1, $2, $3)", [tenant.id, sitting.id, room.id]);
    for (let k = 1; k <= ROUNDS; k++)
      await db.query("INSERT INTO council_agenda_items (id, tenant_id, sitting_id, position, title) VALUES (gen_random_uuid(), $1, $2, $3, $4)", [
        tenant.id,
        sitting.id,
        k,
        `Délibération n° ${k}`,
      ]);
    await db.query("COMMIT");
    return { tenant, sittingId: sitting.id as string, persons };
  } finally {
    await db.end();
  }
}

/** A client that sends a command and waits for its answer. */
function commander(ws: WS) {
  let n = 0;
  return (msg: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const ref = `b${n++}`;
      const timer = setTimeout(() => reject(new Error(`pas de réponse à ${String(msg.type)} en ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      const on = (data: Buffer) => {
        const m = JSON.parse(data.toString());
        if ((m.type === "ack" || m.type === "error") && m.ref === ref) {
          clearTimeout(timer);
          ws.off("message", on);
          resolve(m);
        }
      };
      ws.on("message", on);
      ws.send(JSON.stringify({ ...msg, ref }));
    });
}

interface Prepared {
  measure(k: number): Promise<Round>;
  stop(): void;
}

/** The sitting: 60 councillors seated, 2,000 viewers; each round is a vote opened, cast, then closed (measured). */
async function prepareCouncil(url: string, adminUrl: string, onResultSize: (bytes: number) => void): Promise<Prepared> {
  const { tenant, sittingId, persons } = await seedSitting(adminUrl);
  const socketUrl = `${url}/sittings/${sittingId}/live`;
  const as = (actor: Record<string, unknown>) => () =>
    new WebSocket(socketUrl, { headers: { "x-communa-context": encodeURIComponent(JSON.stringify({ tenant, actor, requestId: "banc" })) } });
  const [chairWs] = await openMany(
    1,
    as({ kind: "person", id: "00000000-0000-4000-8000-00000000c0de", permissions: ["council:read", "council:write", "council:preside"] }),
  );
  const chair = commander(chairWs);
  const first = await new Promise<Record<string, unknown>>((r) => chairWs.once("message", (d) => r(JSON.parse(d.toString()))));
  const state = (first as { state: { members: Array<{ id: string }>; rooms: Array<{ id: string }>; items: Array<{ id: string }> } }).state;
  for (const m of state.members) await chair({ type: "arrive", memberId: m.id, roomId: state.rooms[0].id });
  await chair({ type: "sitting.open" });
  const councillors = await openMany(COUNCILLORS, (i) => as({ kind: "person", id: persons[i], permissions: ["council:read", "council:vote"] })());
  const viewers = await openMany(VIEWERS, as({ kind: "anonymous" }));
  process.stdout.write(`  salle du conseil : ${councillors.length} élus et ${viewers.length} spectateurs connectés\n`);
  const voters = councillors.map(commander);
  return {
    async measure(k) {
      await chair({ type: "vote.open", itemId: state.items[k].id, kind: "ordinary" });
      const voteId = `${state.items[k].id}.1`;
      await Promise.all(voters.map((v, i) => v({ type: "ballot", voteId, choice: i % 3 === 0 ? "against" : "for" })));
      await settle(1500);
      return timeDelivery(
        [...councillors, ...viewers],
        (d) => d.startsWith('{"type":"result"') && (onResultSize(d.length), true),
        () => chairWs.send(JSON.stringify({ type: "vote.close", ref: `close${k}` })),
      );
    },
    stop: () => [chairWs, ...councillors, ...viewers].forEach((ws) => ws.terminate()),
  };
}

/** A baseline: the same number of clients, one more socket sends the message to broadcast. */
async function prepareBroadcast(url: string, clients: number, payload: () => string): Promise<Prepared> {
  const [trigger] = await openMany(1, () => new WebSocket(url));
  const sockets = await openMany(clients, () => new WebSocket(url));
  return {
    async measure() {
      await settle(1500);
      return timeDelivery(
        sockets,
        (d) => d.startsWith('{"type":"result"'),
        () => trigger.send(payload()),
      );
    },
    stop: () => [trigger, ...sockets].forEach((ws) => ws.terminate()),
  };
}

async function main() {
  const stateDir = await mkdtemp(path.join(tmpdir(), "communa-bench-council-"));
  const children: Started[] = [];
  const stack = await startLocalStack({ stateDir, pgPort: await freePort(), seed: true, ephemeral: true });
  const cleanup = async () => {
    await Promise.all(children.map((c) => c.stop()));
    await stack.stop();
    await rm(stateDir, { recursive: true, force: true });
  };
  process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    const ports = { council: await freePort(), minimal: await freePort(), node: await freePort() };
    const vars = { DATABASE_URL: stack.appUrl, NEON_WS_PROXY: stack.relayAddress };
    const dev = (name: string, config: string, port: number) => wranglerDev(name, [config], { port, stateDir, vars });
    children.push(await dev("council", path.join(root, "workers/council/wrangler.toml"), ports.council));
    children.push(await dev("minimal", await writeMinimalDo(path.join(stateDir, "minimal-do")), ports.minimal));
    children.push(startNodeWs(ports.node));
    await Promise.all([
      waitForHttp(`http://127.0.0.1:${ports.council}/`, 90_000, (s) => s === 404),
      waitForHttp(`http://127.0.0.1:${ports.minimal}/`, 90_000, (s) => s === 200),
    ]);
    await settle(1000);
    const clients = COUNCILLORS + VIEWERS;
    let resultBytes = 0;
    const payload = () => JSON.stringify({ type: "result", pad: "x".repeat(Math.max(0, resultBytes - 30)) });
    process.stdout.write(`Connexion de ${clients} clients à chacun des trois serveurs…\n`);
    const cases = [
      {
        name: "Durable Object de séance (vote clos → résultat)",
        run: await prepareCouncil(`ws://127.0.0.1:${ports.council}`, stack.adminUrl, (n) => (resultBytes ||= n)),
      },
      { name: "(a) Durable Object minimal, diffusion seule", run: await prepareBroadcast(`ws://127.0.0.1:${ports.minimal}/`, clients, payload) },
      { name: "(b) serveur Node ws nu", run: await prepareBroadcast(`ws://127.0.0.1:${ports.node}/`, clients, payload) },
    ];
    // Rounds interleaved (séance, a, b, séance, a, b…): the three see the same machine load.
    const rounds: Round[][] = cases.map(() => []);
    for (let k = 0; k < ROUNDS; k++) {
      for (const [i, c] of cases.entries()) {
        const r = await c.run.measure(k);
        rounds[i].push(r);
        process.stdout.write(
          `  tour ${k + 1}, ${c.name} : premier ${ms(Math.min(...r.latencies))} ms, dernier ${ms(Math.max(...r.latencies))} ms, perdus ${r.lost}\n`,
        );
      }
    }
    for (const c of cases) c.run.stop();
    const rows = cases.map((c, i) => summarize(c.name, clients, rounds[i]));
    const base = rows[1];
    console.log("\n| cas | clients | premier (ms) | p50 (ms) | p99 (ms) | dernier, médiane des tours (ms) | max (ms) | perdus | p50 / (a) | dernier / (a) |");
    console.log("|---|---|---|---|---|---|---|---|---|---|");
    for (const r of rows)
      console.log(
        `| ${r.name} | ${r.clients} | ${r.first} | ${r.p50} | ${r.p99} | ${r.last} | ${r.max} | ${r.lost} | ${(r.p50 / base.p50).toFixed(2)} | ${(r.last / base.last).toFixed(2)} |`,
      );
    const load = loadavg().map((x) => Math.round(x * 100) / 100);
    console.log(`\nCharge de la machine (1, 5, 15 min) à la fin : ${load.join(", ")} sur ${(await import("node:os")).cpus().length} cœurs.`);
    console.log(`Dernier client par tour : ${rows.map((r) => `${r.name.split(" ")[0]} ${r.perRoundLast.join(", ")}`).join(" ; ")}`);
    await mkdir(path.join(root, "bench", "results"), { recursive: true });
    await writeFile(
      path.join(root, "bench", "results", "council.json"),
      `${JSON.stringify(
        { date: new Date().toISOString(), councillors: COUNCILLORS, viewers: VIEWERS, rounds: ROUNDS, resultBytes, loadAverage: load, results: rows },
        null,
        2,
      )}\n`,
    );
  } finally {
    await cleanup();
  }
}

await main();
