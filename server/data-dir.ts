// Opening the data dir safely: owner-only permissions, the secrets, and the checks that refuse to
// start rather than lose a roll call: a missing database beside existing secrets (a fresh one would
// issue new join links), a links.key that does not open the stored links. Every refusal names the
// file and says how to fix it.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateSecret, newSecret, unsealToken } from './credentials';
import { openDatabase, type Db } from './journal';
import type { Logger } from './logger';

export const DB_NAME = 'rollcall.db';
export const LINKS_KEY = 'links.key';
export const MODERATOR_KEY = 'moderator.key';
export const DIR_MODE = 0o700;

/** Start-up cannot go on; the message names the file and the fix, and is shown as is (no stack). */
export class StartupError extends Error {
  override name = 'StartupError';
}

export type ModeratorKeySource = 'environment' | 'file' | 'generated';

export interface OpenedDataDir {
  db: Db;
  sealingKey: Buffer;
  moderatorKey: string;
  moderatorKeySource: ModeratorKeySource;
}

/** 'missing', 'empty' (no events yet: a new file, or one emptied), or 'used'. */
export function databaseState(file: string): 'missing' | 'empty' | 'used' {
  if (!existsSync(file)) return 'missing';
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
    if (!table) return 'empty';
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n > 0 ? 'used' : 'empty';
  } catch (error) {
    throw new StartupError(
      `${file} cannot be read as a SQLite database (${(error as Error).message}).\n` +
        `Fix: restore ${DB_NAME} (with its -wal file, if there is one) from a backup of this data dir.`,
    );
  } finally {
    db?.close();
  }
}

/** Makes the dir owner-only; a dir we do not own is reported, not fatal. */
function secureDir(dir: string, logger: Logger) {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  try {
    if ((statSync(dir).mode & 0o777) !== DIR_MODE) chmodSync(dir, DIR_MODE);
  } catch (error) {
    logger.warn({ dir, err: error }, 'could not make the data dir owner-only (chmod 700)');
  }
}

function sealingKeyOf(dir: string): Buffer {
  const file = join(dir, LINKS_KEY);
  const key = Buffer.from(loadOrCreateSecret(dir, LINKS_KEY, () => randomBytes(32).toString('base64')).value, 'base64');
  if (key.length !== 32) {
    throw new StartupError(
      `${file} is not a links key (expected 32 bytes in base64, found ${key.length}).\nFix: restore ${LINKS_KEY} from a backup of this data dir.`,
    );
  }
  return key;
}

/** Opens every sealed link, to prove links.key belongs with this database (a few hundred at most). */
function checkSealingKey(db: Db, key: Buffer, dir: string) {
  const rows = db.prepare('SELECT event_id, entry_id, sealed FROM join_links WHERE sealed IS NOT NULL').all() as {
    event_id: string;
    entry_id: string;
    sealed: string;
  }[];
  for (const row of rows) {
    try {
      unsealToken(key, row.sealed);
    } catch {
      throw new StartupError(
        `${join(dir, LINKS_KEY)} does not open the join links stored in ${join(dir, DB_NAME)} (the link of "${row.entry_id}" in event "${row.event_id}"): the key was replaced or damaged.\n` +
          `Fix: put back the ${LINKS_KEY} that belongs with this ${DB_NAME} (from the same backup). Links already sent would still open, but could not be listed or printed again.`,
      );
    }
  }
}

export function openDataDir(dir: string, options: { moderatorKey?: string; logger: Logger }): OpenedDataDir {
  secureDir(dir, options.logger);
  const dbFile = join(dir, DB_NAME);
  const secrets = [LINKS_KEY, MODERATOR_KEY].filter((name) => existsSync(join(dir, name)));
  const state = databaseState(dbFile);
  if (state !== 'used' && secrets.length > 0) {
    throw new StartupError(
      `${dbFile} is ${state === 'missing' ? 'missing' : 'empty'}, but ${secrets.join(' and ')} ${secrets.length > 1 ? 'are' : 'is'} there: ` +
        `this data dir has been used before, and starting now would begin a new roll call with new join links (the links sent to cities would stop working).\n` +
        `Fix: restore ${DB_NAME} (with its -wal file, if there is one) from a backup into ${dir}. To really start over, move ${secrets.join(' and ')} out of ${dir} first.`,
    );
  }
  const db = openDatabase(dbFile);
  try {
    const sealingKey = sealingKeyOf(dir);
    checkSealingKey(db, sealingKey, dir);
    if (options.moderatorKey) return { db, sealingKey, moderatorKey: options.moderatorKey, moderatorKeySource: 'environment' };
    const moderator = loadOrCreateSecret(dir, MODERATOR_KEY, () => newSecret());
    if (!moderator.value)
      throw new StartupError(
        `${join(dir, MODERATOR_KEY)} is empty.\nFix: restore it from a backup, or delete it to have a new key generated.`,
      );
    return { db, sealingKey, moderatorKey: moderator.value, moderatorKeySource: moderator.created ? 'generated' : 'file' };
  } catch (error) {
    db.close();
    throw error;
  }
}
