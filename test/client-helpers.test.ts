// The pure helpers behind the pages, on views the server would send: a city's status and place in
// the queue (join-state), what the big screen shows (screen-data), the registration form's draft
// (registration-draft) and where the moderator key comes from (moderator-key).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { joinStatus, queuePlace } from '../components/join/join-state';
import {
  LIMITS,
  draftFromEntry,
  fieldOfServerMessage,
  loadStoredDraft,
  sameDraft,
  storeDraft,
  toFields,
  validateDraft,
  type RegistrationDraft,
} from '../components/join/registration-draft';
import { createKeyStore, keyFromFragment, loadStoredKey, parseModeratorKey, storeKey } from '../components/moderator/moderator-key';
import { markerOf, placeLine, spokeCounts, spokenEntries } from '../components/screen/screen-data';
import { TEXT_MAX } from '../lib/field-limits';
import { registrationSchema } from '../lib/protocol';
import { viewFor } from '../lib/view';
import { DEMO_ORDER, FMBA, KAMCHATKA, MAGADAN, MIN, OPENING, SEC, Sim, T0 } from './support/reducer-sim';

const viewOf = (sim: Sim) => viewFor(sim.state, { role: 'participant', entryId: MAGADAN });

describe("a city's page (join-state)", () => {
  it('reads its own status: planned before the start, next, speaking, deferred, done, absent', () => {
    const sim = new Sim();
    expect(joinStatus(viewOf(sim), MAGADAN)).toBe('planned');
    sim.run({ type: 'session.start' }, { type: 'speaker.start', entryId: KAMCHATKA });
    expect(joinStatus(viewOf(sim), MAGADAN)).toBe('waiting');
    expect(joinStatus(viewOf(sim), KAMCHATKA)).toBe('speaking');
    expect(joinStatus(viewOf(sim), OPENING)).toBe('next');
    sim.run({ type: 'queue.defer', entryId: MAGADAN });
    expect(joinStatus(viewOf(sim), MAGADAN)).toBe('deferred');
    sim.run(
      ...DEMO_ORDER.filter((id) => id !== MAGADAN && id !== KAMCHATKA).map((entryId) => ({ type: 'entry.markAbsent' as const, entryId })),
    );
    // Nobody waits: the deferred city is next.
    expect(joinStatus(viewOf(sim), MAGADAN)).toBe('next');
    sim.run({ type: 'speaker.next' });
    expect(joinStatus(viewOf(sim), MAGADAN)).toBe('speaking');
    sim.run({ type: 'speaker.next' });
    expect(joinStatus(viewOf(sim), MAGADAN)).toBe('done');
    expect(joinStatus(viewOf(sim), OPENING)).toBe('absent');
  });

  it('is not next once the session has finished', () => {
    const sim = Sim.speaking();
    expect(joinStatus(viewOf(sim), FMBA)).toBe('next');
    sim.run({ type: 'session.finish' });
    expect(joinStatus(viewOf(sim), FMBA)).toBe('waiting');
  });

  it('places it after the speaker and everyone ahead, and estimates its turn from their allotments', () => {
    const sim = Sim.speaking().tick(MIN);
    const view = viewOf(sim);
    const index = DEMO_ORDER.indexOf(MAGADAN);
    const place = queuePlace(view, MAGADAN, sim.now);
    expect(place.position).toBe(index + 1);
    expect(place.ahead).toBe(index);
    const allotted = DEMO_ORDER.slice(1, index).reduce((sum, id) => sum + sim.entry(id).allottedMs, 0);
    // The opening words have 5 minutes and used one.
    expect(place.etaAt).toBe(sim.now + 4 * MIN + allotted);
    expect(place).toMatchObject({ approximate: false, fromPlannedStart: false });
  });

  it('counts from the planned start before the session, and says the figure is approximate', () => {
    const sim = new Sim().tick(-30 * MIN);
    const place = queuePlace(viewOf(sim), FMBA, sim.now);
    expect(place).toMatchObject({ position: 2, ahead: 1, fromPlannedStart: true, approximate: true });
    expect(place.etaAt).toBe(T0 + sim.entry(OPENING).allottedMs);
  });
});

describe('the big screen (screen-data)', () => {
  it('marks a checked-in city as in the hall, whatever it planned', () => {
    expect(markerOf({ checkedIn: false, attendance: 'online' })).toBe('online');
    expect(markerOf({ checkedIn: true, attendance: 'online' })).toBe('in_person');
  });

  it("writes the region, and the country outside Russia, in the reader's language", () => {
    const city = { nameRu: 'Гомель', nameEn: 'Gomel', region: 'Гомельская область', country: 'BY' };
    expect(placeLine(city, 'ru')).toBe('Гомельская область · Беларусь');
    expect(placeLine(city, 'en')).toBe('Гомельская область · Belarus');
    expect(placeLine({ nameRu: 'Москва', nameEn: 'Moscow', region: 'Москва', country: 'RU' }, 'ru')).toBe('');
  });

  it('counts who spoke of those expected to, and lists them with their time', () => {
    const sim = Sim.speaking()
      .tick(90 * SEC)
      .run({ type: 'speaker.next' }, { type: 'entry.markAbsent', entryId: MAGADAN })
      .tick(30 * SEC);
    const view = viewOf(sim);
    expect(spokeCounts(view)).toEqual({ done: 1, total: DEMO_ORDER.length - 1 });
    expect(spokenEntries(view, sim.now).map(({ entry, usedMs }) => [entry.id, usedMs])).toEqual([
      [OPENING, 90 * SEC],
      [FMBA, 30 * SEC],
    ]);
  });
});

describe('the registration form (registration-draft)', () => {
  const draft = (fields: Partial<RegistrationDraft> = {}): RegistrationDraft => ({
    representative: 'Иванова Анна',
    position: 'глава',
    attendance: 'online',
    practiceTitle: '',
    practiceSummary: '',
    contact: 'anna@example.org',
    ...fields,
  });

  it('holds the lengths the server allows', () => {
    expect(LIMITS.practiceSummary).toBe(TEXT_MAX.practiceSummary);
    for (const [field, max] of Object.entries(LIMITS)) {
      const fields = toFields(draft({ [field]: 'я'.repeat(max) }));
      expect(registrationSchema.safeParse(fields).success, field).toBe(true);
      expect(validateDraft(draft({ [field]: 'я'.repeat(max + 1) }))[field as keyof typeof LIMITS], field).toBe('tooLong');
      expect(registrationSchema.safeParse(toFields(draft({ [field]: 'я'.repeat(max + 1) }))).success, field).toBe(false);
    }
  });

  it('needs a representative and an attendance, and a contact that can reach someone', () => {
    expect(validateDraft(draft())).toEqual({});
    expect(validateDraft(draft({ representative: '  ', attendance: '' }))).toEqual({ representative: 'required', attendance: 'required' });
    expect(validateDraft(draft({ contact: 'позвоните' }))).toEqual({ contact: 'contact' });
    expect(validateDraft(draft({ contact: '+7 914 000-00-00' }))).toEqual({});
  });

  it('sends trimmed values, and tells an unchanged draft from a changed one', () => {
    expect(toFields(draft({ representative: '  Иванова Анна ' })).representative).toBe('Иванова Анна');
    expect(sameDraft(draft(), draft({ position: ' глава ' }))).toBe(true);
    expect(sameDraft(draft(), draft({ position: 'мэр' }))).toBe(false);
    expect(draftFromEntry(new Sim().entry(MAGADAN)).attendance).toBe(new Sim().entry(MAGADAN).attendance);
  });

  it('finds the field a server refusal names', () => {
    expect(fieldOfServerMessage('fields.contact: Too big: expected string to have <=200 characters')).toBe('contact');
    expect(fieldOfServerMessage('registration is closed')).toBeNull();
  });

  describe('kept in the browser', () => {
    let items: Map<string, string>;
    beforeEach(() => {
      items = new Map();
      const storage = {
        getItem: (k: string) => items.get(k) ?? null,
        setItem: (k: string, v: string) => void items.set(k, v),
        removeItem: (k: string) => void items.delete(k),
      };
      Object.assign(globalThis, { localStorage: storage, sessionStorage: storage });
    });
    afterEach(() => {
      Reflect.deleteProperty(globalThis, 'localStorage');
      Reflect.deleteProperty(globalThis, 'sessionStorage');
    });

    it('a draft survives a reload, per entry, and a damaged one reads as fields of text', () => {
      storeDraft(MAGADAN, draft({ practiceSummary: 'Долгий рассказ' }));
      expect(loadStoredDraft(MAGADAN)).toEqual(draft({ practiceSummary: 'Долгий рассказ' }));
      expect(loadStoredDraft(KAMCHATKA)).toBeNull();
      items.set(`rollcall.registration.${KAMCHATKA}`, JSON.stringify({ representative: 5, attendance: 'by pigeon' }));
      expect(loadStoredDraft(KAMCHATKA)).toMatchObject({ representative: '', attendance: '' });
      storeDraft(MAGADAN, null);
      expect(loadStoredDraft(MAGADAN)).toBeNull();
    });

    it('the moderator key: from a pasted link, a fragment or the bare key; kept for the tab', () => {
      expect(parseModeratorKey('https://rollcall.example/moderator#key=a%2Bb')).toBe('a+b');
      expect(parseModeratorKey('#key=abc')).toBe('abc');
      expect(parseModeratorKey('key=abc')).toBe('abc');
      expect(parseModeratorKey('  abc  ')).toBe('abc');
      expect(parseModeratorKey('   ')).toBeNull();
      expect(keyFromFragment('#key=abc&x=1')).toBe('abc');
      expect(keyFromFragment('#x=1')).toBeNull();
      expect(loadStoredKey()).toBeNull();
      storeKey('abc');
      expect(loadStoredKey()).toBe('abc');
      storeKey(null);
      expect(loadStoredKey()).toBeNull();
    });

    it('the key store opens with the key from the link, takes it out of the address bar, and counts retries', () => {
      let address = '/moderator#key=from-link';
      const listeners = new Map<string, () => void>();
      Object.assign(globalThis, {
        window: {
          location: {
            get hash() {
              return address.includes('#') ? address.slice(address.indexOf('#')) : '';
            },
            pathname: '/moderator',
            search: '',
          },
          history: { state: null, replaceState: (_s: unknown, _t: string, url: string) => void (address = url) },
          addEventListener: (name: string, fn: () => void) => listeners.set(name, fn),
          removeEventListener: (name: string) => listeners.delete(name),
        },
      });
      try {
        const store = createKeyStore();
        expect(store.serverSnapshot()).toBeUndefined();
        expect(store.snapshot()).toEqual({ key: 'from-link', attempt: 0 });
        expect(address).toBe('/moderator');
        expect(loadStoredKey()).toBe('from-link');
        let heard = 0;
        const unsubscribe = store.subscribe(() => heard++);
        // Another moderator link pasted into the address bar: only the fragment changes.
        address = '/moderator#key=pasted';
        listeners.get('hashchange')!();
        expect(store.snapshot()).toEqual({ key: 'pasted', attempt: 1 });
        // The same key typed again into the access page is a new attempt (a fresh connection).
        store.choose('pasted');
        expect(store.snapshot()).toEqual({ key: 'pasted', attempt: 2 });
        expect(heard).toBe(2);
        unsubscribe();
        expect(listeners.has('hashchange')).toBe(false);
      } finally {
        Reflect.deleteProperty(globalThis, 'window');
      }
    });
  });
});
