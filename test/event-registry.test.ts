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

/** Makes a rehearsal of main and returns its id. */
function rehearsalId(events: ReturnType<typeof registry>): string {
  const created = events.createRehearsal('main');
  if (!created?.ok) throw new Error(`no rehearsal: ${JSON.stringify(created)}`);
  return created.value.id;
}

describe('event registry', () => {
  it('a link revoked during the rehearsal no longer opens the real session', () => {
    const events = registry();
    const main = events.active();
    const token = main.links.list(['omsk'])[0]!.token!;
    const rehearsal = events.get(rehearsalId(events))!;
    expect(rehearsal.links.verify(token)).toBe('omsk');
    rehearsal.links.revoke('omsk');
    expect(rehearsal.links.verify(token)).toBeNull();
    expect(main.links.verify(token)).toBeNull();
  });

  it('a link regenerated for the real session also works at its rehearsal', () => {
    const events = registry();
    const main = events.active();
    main.links.list(['omsk']);
    const rehearsal = events.get(rehearsalId(events))!;
    const fresh = main.links.regenerate('omsk');
    expect(rehearsal.links.verify(fresh)).toBe('omsk');
  });

  it('a link revoked before the copy stays revoked in the rehearsal', () => {
    const events = registry();
    const main = events.active();
    const token = main.links.list(['omsk'])[0]!.token!;
    main.links.revoke('omsk');
    const rehearsal = events.get(rehearsalId(events))!;
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

describe('rehearsals', () => {
  const omsk = { role: 'participant', entryId: 'omsk' } as const;
  const registration = (representative: string) => ({
    type: 'entry.register',
    fields: { representative, position: 'начальник отдела', attendance: 'online', practiceTitle: 'Донорская суббота' },
  });

  it('a city registering through its link while a rehearsal is active is registered in the real event too', () => {
    const events = registry();
    const id = rehearsalId(events);
    events.activate(id);
    const result = events.active().service.dispatch(omsk, registration('Петров Пётр'));
    expect(result.ok).toBe(true);
    const inRehearsal = events.get(id)!.service.state().entries.omsk!;
    const inMain = events.get('main')!.service.state().entries.omsk!;
    for (const entry of [inRehearsal, inMain]) {
      expect(entry).toMatchObject({ representative: 'Петров Пётр', practiceTitle: 'Донорская суббота' });
      expect(entry.registeredAt).not.toBeNull();
    }
    // The moderator sees it on the list of events, for both.
    expect(events.list().map((e) => [e.id, e.registered])).toEqual([
      ['main', 1],
      [id, 1],
    ]);
    // And main keeps it once it is active again.
    events.activate('main');
    expect(events.active().service.state().entries.omsk!.representative).toBe('Петров Пётр');
  });

  it('once the rehearsal has started, a registration still reaches the real event', () => {
    const events = registry();
    const id = rehearsalId(events);
    events.activate(id);
    const rehearsal = events.active().service;
    expect(rehearsal.dispatch({ role: 'moderator' }, { type: 'session.start' }).ok).toBe(true);
    expect(rehearsal.dispatch(omsk, registration('Сидорова Анна')).ok).toBe(true);
    expect(events.get('main')!.service.state().entries.omsk!.representative).toBe('Сидорова Анна');
    expect(rehearsal.state().entries.omsk!.registeredAt).toBeNull();
  });

  it('a bad registration is refused with the same error and changes neither event', () => {
    const events = registry();
    const id = rehearsalId(events);
    events.activate(id);
    const before = { main: events.get('main')!.service.state(), rehearsal: events.get(id)!.service.state() };
    const result = events.active().service.dispatch(omsk, { type: 'entry.register', fields: { attendance: 'online' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request', reason: 'invalid_command' } });
    expect(events.get('main')!.service.state()).toBe(before.main);
    expect(events.get(id)!.service.state()).toBe(before.rehearsal);
  });

  it('other commands of the rehearsal stay in the rehearsal', () => {
    const events = registry();
    const id = rehearsalId(events);
    events.activate(id);
    const main = events.get('main')!.service.state();
    expect(events.active().service.dispatch(omsk, { type: 'signal.send', kind: 'ready' }).ok).toBe(true);
    expect(events.get('main')!.service.state()).toBe(main);
  });

  it('successive rehearsals are numbered, dated the day they are made, and marked as rehearsals', () => {
    const events = registry();
    const first = events.createRehearsal('main');
    const second = events.createRehearsal('main');
    expect(first).toMatchObject({ ok: true, value: { id: 'main-r1', rehearsalOf: 'main' } });
    expect(second).toMatchObject({ ok: true, value: { id: 'main-r2', rehearsalOf: 'main' } });
    const event = events.get('main-r2')!.service.state().event;
    expect(event.title).toBe('Круглый стол «Эстафета горячих сердец» — репетиция 2');
    expect(event.titleEn).toMatch(/ — rehearsal 2$/);
    expect(event.rehearsal).toEqual({ of: 'main', number: 2 });
    // Made at 10:00:0x Moscow time on the 10th: the real 10:00 start has just passed, so the next hour.
    expect(event.plannedStart).toBe('2026-12-10T11:00:00+03:00');
    expect(events.get('main')!.service.state().event.rehearsal).toBeUndefined();
  });

  it('a rehearsal of a rehearsal is refused', () => {
    const events = registry();
    const id = rehearsalId(events);
    expect(events.createRehearsal(id)).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'rehearsal_of_rehearsal' } });
    expect(events.list()).toHaveLength(2);
  });

  it('a rehearsal can be deleted, but not while active, and the real event never', () => {
    const events = registry();
    const id = rehearsalId(events);
    const other = rehearsalId(events);
    events.activate(id);
    expect(events.remove(id)).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'event_active' } });
    events.activate('main');
    expect(events.remove('main')).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'event_active' } });
    events.activate(other);
    expect(events.remove('main')).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'not_rehearsal' } });
    expect(events.remove(id)).toEqual({ ok: true, value: null });
    expect(events.get(id)).toBeNull();
    expect(events.remove(id)).toBeNull();
    expect(events.list().map((e) => e.id)).toEqual(['main', other]);
    // The number is not reused: the next one is the third.
    events.activate('main');
    expect(events.remove(other)).toEqual({ ok: true, value: null });
    expect(rehearsalId(events)).toBe('main-r3');
  });
});
