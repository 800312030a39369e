// Verifies a data dir without starting the server (`npm run check -- --data-dir ./data`): the
// database opens, every event's journal is whole and replays through the reducer onto each snapshot
// it kept, and every join link opens with links.key and matches its hash. Reads only.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RollcallState } from '../lib/model';
import { tokenMatches, unsealToken } from './credentials';
import { DB_NAME, DIR_MODE, LINKS_KEY, MODERATOR_KEY, databaseState } from './data-dir';
import { DB_FILE_MODE, createJournal, dbSideFiles, decodeState, type Db } from './journal';
import { replayRecord } from './rollcall-service';

export interface CheckLine {
  level: 'ok' | 'warning' | 'error';
  text: string;
}
export interface CheckReport {
  ok: boolean;
  lines: CheckLine[];
}

/** Same shape and values, whatever the key order (a decoded snapshot against a replayed state). */
const sameState = (a: RollcallState, b: RollcallState) => {
  const sorted = (value: unknown) =>
    JSON.stringify(value, (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : v,
    );
  return sorted(a) === sorted(b);
};

function checkPermissions(dir: string, add: (level: CheckLine['level'], text: string) => void) {
  const loose = [
    { path: dir, mode: DIR_MODE },
    ...dbSideFiles(join(dir, DB_NAME)).map((path) => ({ path, mode: DB_FILE_MODE })),
    ...[LINKS_KEY, MODERATOR_KEY].map((name) => ({ path: join(dir, name), mode: DB_FILE_MODE })),
  ].filter(({ path, mode }) => existsSync(path) && (statSync(path).mode & 0o777) !== mode);
  if (loose.length === 0) add('ok', 'permissions: owner only (dir 700, files 600)');
  for (const { path, mode } of loose) {
    add(
      'warning',
      `${path} is mode ${(statSync(path).mode & 0o777).toString(8)}, expected ${mode.toString(8)} (the server fixes this at start; or chmod ${mode.toString(8)} it)`,
    );
  }
}

/** Replays an event's journal from the oldest snapshot kept, comparing the state at every later snapshot. */
function checkEvent(db: Db, eventId: string): CheckLine {
  const fail = (text: string): CheckLine => ({ level: 'error', text: `event "${eventId}": ${text}` });
  const snapshots = db.prepare('SELECT version, state FROM snapshots WHERE event_id = ? ORDER BY version').all(eventId) as {
    version: number;
    state: string;
  }[];
  if (snapshots.length === 0) return fail('no snapshot: the event cannot be recovered');
  const versions = (
    db.prepare('SELECT version FROM journal WHERE event_id = ? ORDER BY version').all(eventId) as { version: number }[]
  ).map((r) => r.version);
  const gap = versions.findIndex((v, i) => v !== i + 1);
  if (gap >= 0) return fail(`the journal is not whole: version ${gap + 1} is missing (found ${versions[gap]})`);
  try {
    const decoded = snapshots.map((row) => ({
      version: row.version,
      state: decodeState(row.state, `the snapshot at version ${row.version}`),
    }));
    let state = decoded[0]!.state;
    for (const record of createJournal(db, eventId).records(decoded[0]!.version)) {
      state = replayRecord(state, record);
      const kept = decoded.find((s) => s.version === record.version);
      if (kept && !sameState(state, kept.state)) return fail(`replaying the journal does not give the snapshot at version ${kept.version}`);
    }
    const last = versions[versions.length - 1] ?? 0;
    if (state.version !== Math.max(last, decoded[decoded.length - 1]!.version))
      return fail(`the journal ends at version ${last}, but replay reached ${state.version}`);
    const kept = decoded.map((s) => s.version).join(', ');
    return {
      level: 'ok',
      text: `event "${eventId}": journal 1…${last} whole; replayed from snapshot ${decoded[0]!.version} onto every snapshot kept (${kept}); at version ${state.version}`,
    };
  } catch (error) {
    return fail((error as Error).message);
  }
}

function checkLinks(db: Db, dir: string): CheckLine[] {
  const keyFile = join(dir, LINKS_KEY);
  if (!existsSync(keyFile)) return [{ level: 'error', text: `${keyFile} is missing: the links stored in ${DB_NAME} cannot be listed` }];
  const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
  if (key.length !== 32)
    return [{ level: 'error', text: `${keyFile} is not a links key (expected 32 bytes in base64, found ${key.length})` }];
  const rows = db.prepare('SELECT event_id, entry_id, token_hash, sealed FROM join_links WHERE sealed IS NOT NULL').all() as {
    event_id: string;
    entry_id: string;
    token_hash: Buffer | null;
    sealed: string;
  }[];
  const bad = rows.filter((row) => {
    try {
      const token = unsealToken(key, row.sealed);
      return !row.token_hash || !tokenMatches(row.token_hash, token) || !token.startsWith(`${row.entry_id}.`);
    } catch {
      return true;
    }
  });
  if (bad.length === 0) return [{ level: 'ok', text: `links: all ${rows.length} open with ${LINKS_KEY} and match their hashes` }];
  const named = bad
    .slice(0, 10)
    .map((r) => `${r.event_id}/${r.entry_id}`)
    .join(', ');
  return [
    {
      level: 'error',
      text: `links: ${bad.length} of ${rows.length} do not open with ${LINKS_KEY} or do not match their hash (${named}${bad.length > 10 ? ', …' : ''})`,
    },
  ];
}

export function checkDataDir(dir: string): CheckReport {
  const lines: CheckLine[] = [];
  const add = (level: CheckLine['level'], text: string) => lines.push({ level, text });
  const report = () => ({ ok: !lines.some((l) => l.level === 'error'), lines });
  if (!existsSync(dir)) return (add('error', `${dir} does not exist`), report());
  const dbFile = join(dir, DB_NAME);
  let state: ReturnType<typeof databaseState>;
  try {
    state = databaseState(dbFile);
  } catch (error) {
    return (add('error', (error as Error).message.split('\n')[0]!), report());
  }
  if (state !== 'used') return (add('error', `${dbFile} is ${state}: there is no roll call here`), report());
  checkPermissions(dir, add);
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    const events = (db.prepare('SELECT id FROM events ORDER BY created_at, id').all() as { id: string }[]).map((r) => r.id);
    const active =
      (db.prepare("SELECT value FROM settings WHERE key = 'active_event'").get() as { value: string } | undefined)?.value ?? 'main';
    if (events.includes(active)) add('ok', `${DB_NAME}: ${events.length} event(s) (${events.join(', ')}); active: ${active}`);
    else add('error', `${DB_NAME}: the active event "${active}" does not exist (events: ${events.join(', ')})`);
    for (const id of events) lines.push(checkEvent(db, id));
    lines.push(...checkLinks(db, dir));
    if (!existsSync(join(dir, MODERATOR_KEY)))
      add('warning', `${join(dir, MODERATOR_KEY)} is missing: the key must come from ROLLCALL_MODERATOR_KEY`);
  } finally {
    db.close();
  }
  return report();
}
