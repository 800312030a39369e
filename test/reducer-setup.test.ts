// Before and after the roll call: import, ordering, registration, nominations and privacy of contacts,
// plus the follow-ups found in review.
import { describe, expect, it } from 'vitest';
import { diffViews, viewFor } from '../lib/view';
import {
  T0,
  SEC,
  MIN,
  HOUR,
  participant,
  OPENING,
  FMBA,
  DONORS,
  KAMCHATKA,
  MAGADAN,
  KALININGRAD,
  NEW_ENTRY,
  DEMO_ORDER,
  Sim,
  live,
  finished,
} from './support/reducer-sim';

// ---- follow-ups found in review ---------------------------------------------------------------------

describe('review follow-ups', () => {
  it('a message to the speaker ends with their turn, so the next speaker does not inherit it', () => {
    const s = Sim.speaking().run(
      { type: 'message.send', target: 'speaker', text: 'Заканчивайте, пожалуйста' },
      { type: 'message.send', target: 'screens', text: 'Перерыв в 12:00' },
    );
    expect(s.state.messages.map((m) => m.target)).toEqual(['speaker', 'screens']);
    s.tick(10 * SEC).run({ type: 'speaker.next' });
    expect(s.state.messages.map((m) => m.target)).toEqual(['screens']);
  });

  it('removing an entry drops its pending signal', () => {
    const s = live(new Sim()).as({ actor: participant(MAGADAN) }, { type: 'signal.send', kind: 'technical_problem' });
    expect(s.state.signals[MAGADAN]).toBeDefined();
    s.run({ type: 'entry.remove', entryId: MAGADAN });
    expect(s.state.signals[MAGADAN]).toBeUndefined();
  });

  it('a command that changes nothing leaves no undo step', () => {
    const s = live(new Sim()).run({ type: 'entry.checkIn', entryId: MAGADAN, present: true });
    const depth = s.state.undo.length;
    s.run(
      { type: 'entry.checkIn', entryId: MAGADAN, present: true },
      { type: 'queue.move', entryId: MAGADAN, index: DEMO_ORDER.indexOf(MAGADAN) },
    );
    expect(s.state.undo.length).toBe(depth);
    s.run({ type: 'undo' });
    expect(s.entry(MAGADAN).checkedIn).toBe(false);
  });
});

// ---- before and after the roll call ------------------------------------------------------------------

describe('set-up, registration and nominations', () => {
  const TYNDA = { ...NEW_ENTRY };
  const MINSK_LIKE = { ...NEW_ENTRY, nameRu: 'Гродно', nameEn: 'Grodno', country: 'BY', timeZone: 'Europe/Minsk', longitude: 23.83 };

  it('replaces the whole list before the start, with ids from the names', () => {
    const s = new Sim().run({ type: 'entry.import', mode: 'replace', entries: [TYNDA, MINSK_LIKE, TYNDA] });
    expect(s.state.order).toEqual(['tynda', 'grodno', 'tynda-2']);
    expect(s.entry('grodno')).toMatchObject({
      status: 'waiting',
      allottedMs: 120 * SEC,
      contact: '',
      registeredAt: null,
      nomination: null,
    });
    s.run({ type: 'undo' });
    expect(s.state.order).toEqual(DEMO_ORDER);
  });

  it('appends without clashing with existing ids', () => {
    const s = live(new Sim()).run({ type: 'entry.import', mode: 'append', entries: [{ ...TYNDA, nameEn: 'Magadan' }] });
    expect(s.state.order.at(-1)).toBe('magadan-2');
    expect(s.state.order).toHaveLength(DEMO_ORDER.length + 1);
  });

  it('orders guests first, then cities east to west by longitude', () => {
    const s = new Sim().run(
      { type: 'queue.move', entryId: KALININGRAD, index: 0 },
      { type: 'queue.move', entryId: OPENING, index: 20 },
      { type: 'queue.order', by: 'longitude' },
    );
    const kinds = s.state.order.map((id) => s.entry(id).kind);
    expect(kinds.slice(0, 3)).toEqual(['guest', 'guest', 'guest']);
    expect(s.state.order.slice(0, 3)).toEqual([FMBA, DONORS, OPENING]);
    const longitudes = s.state.order.slice(3).map((id) => s.entry(id).longitude);
    expect(longitudes).toEqual([...longitudes].sort((a, b) => b - a));
    expect(s.state.order.at(-1)).toBe(KALININGRAD);
  });

  it('orders by UTC offset, then by longitude within one zone', () => {
    const s = new Sim().run({ type: 'queue.order', by: 'utcOffset' });
    const cities = s.state.order.filter((id) => s.entry(id).kind === 'city');
    // Kamchatka (UTC+12) before Magadan (+11) before Vladivostok (+10) before Yakutsk (+9).
    const pos = (id: string) => cities.indexOf(id);
    expect(pos(KAMCHATKA)).toBeLessThan(pos(MAGADAN));
    expect(pos(MAGADAN)).toBeLessThan(pos('vladivostok'));
    expect(pos('vladivostok')).toBeLessThan(pos('yakutsk'));
    // Moscow time (+3): Arkhangelsk (40.5° E) before Moscow (37.6° E); Kaliningrad (+2) last.
    expect(pos('arkhangelsk')).toBeLessThan(pos('moscow'));
    expect(cities.at(-1)).toBe(KALININGRAD);
  });

  it('a city registers through its link before the day, and may edit it later', () => {
    const s = new Sim().as(
      { actor: participant(MAGADAN) },
      {
        type: 'entry.register',
        fields: {
          representative: 'Петрова Анна Сергеевна',
          position: 'главный врач',
          attendance: 'in_person',
          practiceTitle: 'Донорская суббота',
          practiceSummary: 'Выездные акции',
          contact: 'donor@magadan.example',
        },
      },
    );
    expect(s.entry(MAGADAN)).toMatchObject({
      representative: 'Петрова Анна Сергеевна',
      attendance: 'in_person',
      contact: 'donor@magadan.example',
      registeredAt: T0,
    });
    s.tick(HOUR).as(
      { actor: participant(MAGADAN) },
      { type: 'entry.register', fields: { representative: 'Петрова Анна Сергеевна', attendance: 'online' } },
    );
    expect(s.entry(MAGADAN)).toMatchObject({ attendance: 'online', practiceTitle: 'Донорская суббота', registeredAt: T0 + HOUR });
  });

  it('undoing a moderator command does not take back a registration sent since', () => {
    const s = new Sim()
      .run({ type: 'entry.update', entryId: MAGADAN, fields: { position: 'мэр' } })
      .tick(MIN)
      .as(
        { actor: participant(MAGADAN) },
        { type: 'entry.register', fields: { representative: 'Петрова Анна Сергеевна', position: 'главный врач', attendance: 'online' } },
      )
      .run({ type: 'undo' });
    expect(s.entry(MAGADAN)).toMatchObject({ representative: 'Петрова Анна Сергеевна', position: 'главный врач', registeredAt: T0 + MIN });
  });

  it('registration closes when the session starts; the moderator edits on behalf of the city instead', () => {
    const s = live(new Sim());
    s.reject({ type: 'entry.register', fields: { representative: 'Кто-то', attendance: 'online' } }, 'conflict', 'registration_closed', {
      actor: participant(MAGADAN),
    });
    s.run({ type: 'entry.update', entryId: MAGADAN, fields: { representative: 'Кто-то' } });
    expect(s.entry(MAGADAN).representative).toBe('Кто-то');
  });

  it('nominates a practice for a diploma and withdraws it', () => {
    const s = finished(new Sim()).run({ type: 'entry.nominate', entryId: MAGADAN, nomination: 'За работу с молодёжью' });
    expect(s.entry(MAGADAN).nomination).toBe('За работу с молодёжью');
    s.run({ type: 'entry.nominate', entryId: MAGADAN, nomination: null });
    expect(s.entry(MAGADAN).nomination).toBeNull();
  });
});

describe('privacy of contacts', () => {
  it("screens and other cities never receive a city's contact; the city itself and the moderator do", () => {
    const s = new Sim().as(
      { actor: participant(MAGADAN) },
      { type: 'entry.register', fields: { representative: 'Петрова Анна', attendance: 'online', contact: '+7 900 000-00-00' } },
    );
    expect(viewFor(s.state, { role: 'moderator' }).entries[MAGADAN]!.contact).toBe('+7 900 000-00-00');
    expect(viewFor(s.state, { role: 'participant', entryId: MAGADAN }).entries[MAGADAN]!.contact).toBe('+7 900 000-00-00');
    expect(viewFor(s.state, { role: 'participant', entryId: KAMCHATKA }).entries[MAGADAN]!.contact).toBe('');
    expect(viewFor(s.state, { role: 'viewer' }).entries[MAGADAN]!.contact).toBe('');
  });

  it('an unchanged entry keeps its identity in a redacted view, so patches stay small', () => {
    const s = new Sim().as(
      { actor: participant(MAGADAN) },
      { type: 'entry.register', fields: { representative: 'Петрова Анна', attendance: 'online', contact: 'a@b.example' } },
    );
    const before = viewFor(s.state, { role: 'viewer' });
    s.run({ type: 'session.start' });
    const patch = diffViews(before, viewFor(s.state, { role: 'viewer' }), s.now, []);
    expect(Object.keys(patch.entries)).toEqual([]);
  });
});
