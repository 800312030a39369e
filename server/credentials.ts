// Who is who: the moderator key and the per-entry join tokens. Tokens are 192 random bits, stored
// as a SHA-256 hash for verification plus an AES-GCM sealed copy so the moderator can print links
// again; the sealing key lives in the data dir, never in the database.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../lib/model';
import type { Db } from './journal';

export const sha256 = (value: string) => createHash('sha256').update(value).digest();

export const SECRET_FILE_MODE = 0o600;

/** Reads a secret file from the data dir (making it owner-only), or creates it (mode 600) on first start. */
export function loadOrCreateSecret(dataDir: string, name: string, create: () => string): { value: string; created: boolean } {
  const file = join(dataDir, name);
  if (existsSync(file)) {
    chmodSync(file, SECRET_FILE_MODE);
    return { value: readFileSync(file, 'utf8').trim(), created: false };
  }
  const value = create();
  writeFileSync(file, value + '\n', { mode: SECRET_FILE_MODE });
  return { value, created: true };
}

export const newSecret = (bytes = 24) => randomBytes(bytes).toString('base64url');

export function keyMatches(candidate: string, key: string): boolean {
  return timingSafeEqual(sha256(candidate), sha256(key));
}

/** Seals a secret (a join token, a webhook's signing secret) with AES-256-GCM: `iv.tag.body` in base64url. */
export function sealToken(sealingKey: Buffer, token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey, iv);
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

/** Opens a sealed token; throws when the key is not the one it was sealed with. */
export function unsealToken(sealingKey: Buffer, sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', sealingKey, iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
}

/** A new join token; the entry id prefixes it so verification looks up one row and compares one hash. */
export const newToken = (entryId: string) => `${entryId}.${newSecret()}`;

/** The entry a token names, before its hash is checked; null when it names none. */
export function entryOfToken(token: string): string | null {
  const dot = token.lastIndexOf('.');
  return dot <= 0 ? null : token.slice(0, dot);
}

/** True when a token's stored hash is the hash of `token`. */
export const tokenMatches = (hash: Buffer, token: string) => hash.length === 32 && timingSafeEqual(hash, sha256(token));

export interface JoinLink {
  entryId: string;
  token: string | null;
}

/** links.key does not open the stored links (replaced or damaged); start-up checks for this too. */
export class LinksKeyMismatch extends Error {
  constructor() {
    super(
      'links.key does not open the join links stored in rollcall.db (it was replaced or damaged); restore the links.key that belongs with this database',
    );
  }
}

export interface JoinLinks {
  /** The entry a token belongs to, or null for an unknown, regenerated or revoked token. */
  verify(token: string): string | null;
  /** Current token of each entry; entries without one get a fresh one (unless revoked). */
  list(entryIds: readonly string[]): JoinLink[];
  regenerate(entryId: string): string;
  revoke(entryId: string): void;
  /** True when the entry has a link row, even a revoked one (an entry removed since keeps its row). */
  has(entryId: string): boolean;
}

export function createJoinLinks(db: Db, eventId: string, sealingKey: Buffer, now: () => number): JoinLinks {
  const get = db.prepare('SELECT token_hash, sealed FROM join_links WHERE event_id = ? AND entry_id = ?');
  const put = db.prepare('INSERT OR REPLACE INTO join_links (event_id, entry_id, token_hash, sealed, created_at) VALUES (?, ?, ?, ?, ?)');

  const seal = (token: string) => sealToken(sealingKey, token);
  const unseal = (sealed: string) => unsealToken(sealingKey, sealed);
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
  const issue = (entryId: string) => change(entryId, newToken(entryId))!;

  return {
    verify(token) {
      const entryId = entryOfToken(token);
      if (!entryId) return null;
      const stored = row(entryId)?.token_hash;
      if (!stored) return null;
      return tokenMatches(stored, token) ? entryId : null;
    },
    list(entryIds) {
      return entryIds.map((entryId) => {
        const stored = row(entryId);
        if (!stored) return { entryId, token: issue(entryId) };
        if (!stored.sealed) return { entryId, token: null };
        try {
          return { entryId, token: unseal(stored.sealed) };
        } catch {
          throw new LinksKeyMismatch();
        }
      });
    },
    regenerate: issue,
    revoke(entryId) {
      change(entryId, null);
    },
    has: (entryId) => row(entryId) !== undefined,
  };
}

export type Refusal = 'wrong_key' | 'invalid_link' | 'entry_removed';
export type Resolved = { ok: true; actor: Actor } | { ok: false; reason: Refusal; message: string };

/** What credentials are checked against: the active event's links and its list of entries. */
export interface CredentialScope {
  links: Pick<JoinLinks, 'verify'>;
  hasEntry(entryId: string): boolean;
}

/**
 * Resolves socket handshake or HTTP bearer credentials to an actor. A link works only while its entry
 * is in the list: removing the entry shuts it out at once (and undoing the removal lets it back in).
 */
export function resolveActor(credentials: { key?: string; token?: string }, moderatorKey: string, scope: CredentialScope): Resolved {
  if (credentials.key !== undefined) {
    return keyMatches(credentials.key, moderatorKey)
      ? { ok: true, actor: { role: 'moderator' } }
      : { ok: false, reason: 'wrong_key', message: 'the moderator key is wrong' };
  }
  if (credentials.token !== undefined) {
    const entryId = scope.links.verify(credentials.token);
    if (!entryId) return { ok: false, reason: 'invalid_link', message: 'this link is invalid or was revoked' };
    if (!scope.hasEntry(entryId))
      return { ok: false, reason: 'entry_removed', message: 'this link belongs to an entry that is no longer in the list' };
    return { ok: true, actor: { role: 'participant', entryId } };
  }
  return { ok: true, actor: { role: 'viewer' } };
}
