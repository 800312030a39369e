// Events in one data dir: rehearsal copies share join links, so changing a link changes it for both,
// and an event left behind does not keep cities "online" in its report.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initialState, parseRoundTable, slugify } from '../lib/seed';
import { DEMO_FILE } from '../server/app-server';
import { createEventRegistry } from '../server/event-registry';
import { openDatabase } from '../server/journal';
import { silentLogger } from '../server/logger';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function registry() {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-events-'));
  dirs.push(dir);
  let t = Date.parse('2026-12-10T07:00:00Z');
  let n = 0;
  return createEventRegistry({
    db: openDatabase(join(dir, 'rollcall.db')),
    clock: { now: () => (t += 1000) },
    sealingKey: Buffer.alloc(32, 7),
    newId: () => `id${n++}`,
    feed: { publish: () => {} },
    logger: silentLogger(),
    seed: () => initialState(parseRoundTable(JSON.parse(readFileSync(DEMO_FILE, 'utf8')))),
  });
}

describe('event registry', () => {
  it('a link revoked during the rehearsal no longer opens the real session', () => {
    const events = registry();
    const main = events.active();
    const token = main.links.list(['omsk'])[0]!.token!;
    const rehearsal = events.get(events.createRehearsal('main')!.id)!;
    expect(rehearsal.links.verify(token)).toBe('omsk');
    rehearsal.links.revoke('omsk');
    expect(rehearsal.links.verify(token)).toBeNull();
    expect(main.links.verify(token)).toBeNull();
  });

  it('a link regenerated for the real session also works at its rehearsal', () => {
    const events = registry();
    const main = events.active();
    main.links.list(['omsk']);
    const rehearsal = events.get(events.createRehearsal('main')!.id)!;
    const fresh = main.links.regenerate('omsk');
    expect(rehearsal.links.verify(fresh)).toBe('omsk');
  });

  it('a link revoked before the copy stays revoked in the rehearsal', () => {
    const events = registry();
    const main = events.active();
    const token = main.links.list(['omsk'])[0]!.token!;
    main.links.revoke('omsk');
    const rehearsal = events.get(events.createRehearsal('main')!.id)!;
    expect(rehearsal.links.verify(token)).toBeNull();
    expect(rehearsal.links.list(['omsk'])[0]!.token).toBeNull();
  });
});

describe('ids from names', () => {
  it('transliterates Cyrillic so ids stay readable and stable', () => {
    expect(slugify('Якутск')).toBe('yakutsk');
    expect(slugify('Петропавловск-Камчатский')).toBe('petropavlovsk-kamchatskiy');
    expect(slugify('Нижний Новгород')).toBe('nizhniy-novgorod');
    expect(slugify('Брэст')).toBe('brest');
    expect(slugify('???')).toBe('entry');
  });
});
