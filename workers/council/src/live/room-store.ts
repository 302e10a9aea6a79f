/**
 * The sitting's SQLite storage: its tables and the small queries every part of the room uses.
 * Secret ballots are all sealed (ADR 0036): `voted` (who has voted: member ids in member-id order,
 * no row id, no time) and, apart, the encrypted ballots of `sealed.ts`; no per-choice counter
 * exists (the `tally` of ADR 0014, whose commits paired a voter with a choice, is gone).
 */
import type { VoteKind } from "@communa/contracts/council";
import { SEALED_TABLES } from "./sealed.ts";

export type Row = Record<string, SqlStorageValue>;
export interface OpenVoteRow {
  id: string;
  item_id: string;
  round: number;
  kind: VoteKind;
  /** The member presiding when the vote opened: theirs is the casting vote in a public tie. */
  chair_id: string | null;
}

export class RoomStore {
  constructor(readonly sql: SqlStorage) {}

  /**
   * Whether the room was ever set up. Only a read: an object reached with a made-up sitting id
   * writes nothing and keeps no storage.
   */
  exists(): boolean {
    return this.sql.exec("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'meta'").toArray().length > 0;
  }

  /** Creates the tables (at set-up). */
  init(): void {
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS presence (member_id TEXT PRIMARY KEY, room_id TEXT NOT NULL, since INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS attendance (seq INTEGER PRIMARY KEY AUTOINCREMENT, member_id TEXT NOT NULL, room_id TEXT NOT NULL, event TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS proxies (giver_id TEXT PRIMARY KEY, holder_id TEXT NOT NULL UNIQUE, sittings INTEGER NOT NULL, given_at INTEGER NOT NULL);
      -- origin: "registered" (handed in before, loaded from Postgres) or "room" (handed to the secretary).
      CREATE TABLE IF NOT EXISTS proxy_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, giver_id TEXT NOT NULL, holder_id TEXT NOT NULL, event TEXT NOT NULL, at INTEGER NOT NULL,
        sittings INTEGER NOT NULL DEFAULT 1, origin TEXT NOT NULL DEFAULT 'room');
      CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, status TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS votes (id TEXT PRIMARY KEY, item_id TEXT NOT NULL, round INTEGER NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, chair_id TEXT,
        requesters TEXT NOT NULL, opened_at INTEGER NOT NULL, closed_at INTEGER, result TEXT);
      CREATE TABLE IF NOT EXISTS quorum_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, present INTEGER NOT NULL, reached INTEGER NOT NULL);
      -- Public votes: one row per member represented, with who cast it.
      CREATE TABLE IF NOT EXISTS ballots (vote_id TEXT NOT NULL, principal_id TEXT NOT NULL, voter_id TEXT NOT NULL, choice TEXT NOT NULL,
        PRIMARY KEY (vote_id, principal_id)) WITHOUT ROWID;
      -- Secret ballots: who has voted (ordered by member id, no row id, no time); the ballots, encrypted, in sealed.ts.
      CREATE TABLE IF NOT EXISTS voted (vote_id TEXT NOT NULL, principal_id TEXT NOT NULL, PRIMARY KEY (vote_id, principal_id)) WITHOUT ROWID;
    `);
    this.sql.exec(SEALED_TABLES);
  }

  rows(query: string, ...params: SqlStorageValue[]): Row[] {
    return this.sql.exec(query, ...params).toArray() as Row[];
  }
  one(query: string, ...params: SqlStorageValue[]): Row | undefined {
    return this.rows(query, ...params)[0];
  }
  meta(key: string): string | undefined {
    return this.one("SELECT value FROM meta WHERE key = ?", key)?.value as string | undefined;
  }
  setMeta(key: string, value: string): void {
    this.sql.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
  }
  /** Increases with every change (clients ignore older states). */
  seq(): number {
    return Number(this.meta("seq") ?? "0");
  }
  bump(): void {
    this.setMeta("seq", String(this.seq() + 1));
  }
  openVote(): OpenVoteRow | undefined {
    return this.one("SELECT id, item_id, round, kind, chair_id FROM votes WHERE status = 'open'") as OpenVoteRow | undefined;
  }
  presentCount(): number {
    return this.one("SELECT COUNT(*) AS n FROM presence")!.n as number;
  }
}
