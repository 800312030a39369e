// Who is who: the moderator key and the per-entry join tokens. Tokens are 192 random bits, stored
// as a SHA-256 hash for verification plus an AES-GCM sealed copy so the moderator can print links
// again; the sealing key lives in the data dir, never in the database.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../lib/model';
import type { Db } from './journal';

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** Reads a secret file from the data dir, creating it (mode 600) on first start. */
export function loadOrCreateSecret(dataDir: string, name: string, create: () => string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = create();
  writeFileSync(file, value + '\n', { mode: 0o600 });
  return value;
}

export const newSecret = (bytes = 24) => randomBytes(bytes).toString('base64url');

export function keyMatches(candidate: string, key: string): boolean {
  return timingSafeEqual(sha256(candidate), sha256(key));
}

export interface JoinLink {
  entryId: string;
  token: string | null;
}

export interface JoinLinks {
  /** The entry a token belongs to, or null for an unknown, regenerated or revoked token. */
  verify(token: string): string | null;
  /** Current token of each entry; entries without one get a fresh one (unless revoked). */
  list(entryIds: readonly string[]): JoinLink[];
  regenerate(entryId: string): string;
  revoke(entryId: string): void;
}

export function createJoinLinks(db: Db, eventId: string, sealingKey: Buffer, now: () => number): JoinLinks {
  const get = db.prepare('SELECT token_hash, sealed FROM join_links WHERE event_id = ? AND entry_id = ?');
  const put = db.prepare('INSERT OR REPLACE INTO join_links (event_id, entry_id, token_hash, sealed, created_at) VALUES (?, ?, ?, ?, ?)');

  const seal = (token: string) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', sealingKey, iv);
    const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  };
  const unseal = (sealed: string) => {
    const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', sealingKey, iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
  };
  // The entry id prefixes the token so verification looks up one row and compares one hash.
  const row = (entryId: string) => get.get(eventId, entryId) as { token_hash: Buffer | null; sealed: string | null } | undefined;
  // A rehearsal copy shares its links with the event it was copied from: changing a link changes
  // it in every event that holds the same token, or a link revoked at the rehearsal would still
  // open the real session.
  const replaceShared = db.prepare(
    'UPDATE join_links SET token_hash = ?, sealed = ?, created_at = ? WHERE entry_id = ? AND token_hash = ? AND event_id <> ?',
  );
  const change = (entryId: string, token: string | null) => {
    const old = row(entryId)?.token_hash;
    const hash = token ? sha256(token) : null;
    const sealed = token ? seal(token) : null;
    db.transaction(() => {
      if (old) replaceShared.run(hash, sealed, now(), entryId, old, eventId);
      put.run(eventId, entryId, hash, sealed, now());
    })();
    return token;
  };
  const issue = (entryId: string) => change(entryId, `${entryId}.${newSecret()}`)!;

  return {
    verify(token) {
      const dot = token.lastIndexOf('.');
      if (dot <= 0) return null;
      const entryId = token.slice(0, dot);
      const stored = row(entryId)?.token_hash;
      if (!stored) return null;
      return timingSafeEqual(stored, sha256(token)) ? entryId : null;
    },
    list(entryIds) {
      return entryIds.map((entryId) => {
        const stored = row(entryId);
        if (!stored) return { entryId, token: issue(entryId) };
        return { entryId, token: stored.sealed ? unseal(stored.sealed) : null };
      });
    },
    regenerate: issue,
    revoke(entryId) {
      change(entryId, null);
    },
  };
}

/** Resolves socket handshake or HTTP bearer credentials to an actor. */
export function resolveActor(credentials: { key?: string; token?: string }, moderatorKey: string, links: Pick<JoinLinks, 'verify'>): Actor | null {
  if (credentials.key !== undefined) return keyMatches(credentials.key, moderatorKey) ? { role: 'moderator' } : null;
  if (credentials.token !== undefined) {
    const entryId = links.verify(credentials.token);
    return entryId ? { role: 'participant', entryId } : null;
  }
  return { role: 'viewer' };
}
