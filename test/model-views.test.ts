// lib/time (schedule figures, clock tone) and lib/view (what each audience sees, patches, the API state),
// run over roll calls driven through the reducer.
import { describe, expect, it } from 'vitest';
import type { View } from '../lib/protocol';
import { clockTone, scheduleFigures } from '../lib/time';
import { apiState, applyPatch, diffViews, noticesFor, viewFor, type ViewAudience } from '../lib/view';
import {
  type Raw,
  T0,
  SEC,
  MIN,
  HOUR,
  SYSTEM,
  participant,
  OPENING,
  FMBA,
  KAMCHATKA,
  MAGADAN,
  SAKHALIN,
  KHABAROVSK,
  KALININGRAD,
  NEW_ENTRY,
  type Opts,
  Sim,
} from './support/reducer-sim';

// ---- lib/time.ts ----------------------------------------------------------------------------------

describe('clockTone', () => {
  it.each([
    [181 * SEC, 30 * SEC, 'normal'],
    [30 * SEC + 1, 30 * SEC, 'normal'],
    [30 * SEC, 30 * SEC, 'warning'],
    [1, 30 * SEC, 'warning'],
    [0, 30 * SEC, 'warning'],
    [-1, 30 * SEC, 'overtime'],
    [-5 * MIN, 30 * SEC, 'overtime'],
    [0, 0, 'warning'],
    [1, 0, 'normal'],
  ] as const)('remaining %i ms with warning at %i ms → %s', (remaining, warn, tone) => {
    expect(clockTone(remaining, warn)).toBe(tone);
  });
});

describe('scheduleFigures', () => {
  const TOTAL = (300 + 240 + 240 + 34 * 180) * SEC; // 115 min of allotments; the plan is 125 min
  const PLANNED_END = T0 + 125 * MIN;

  it('before the start, projects from the planned start (or now, if later)', () => {
    const s = new Sim().tick(-30 * MIN);
    expect(scheduleFigures(s.state, s.now)).toEqual({
      elapsedMs: 0,
      remainingPlannedMs: TOTAL,
      projectedEndAt: T0 + TOTAL,
      plannedEndAt: PLANNED_END,
      driftMs: -10 * MIN,
    });
    s.tick(40 * MIN); // ten minutes late and still not started
    expect(scheduleFigures(s.state, s.now)).toMatchObject({ projectedEndAt: T0 + 10 * MIN + TOTAL, driftMs: 0 });
  });

  it('while live, counts what the speaker has left and leaves out done and absent entries', () => {
    const s = new Sim()
      .tick(5 * MIN)
      .run({ type: 'session.start' }, { type: 'entry.markAbsent', entryId: KALININGRAD }, { type: 'speaker.next' });
    s.tick(6 * MIN)
      .run({ type: 'speaker.next' })
      .tick(MIN); // the opening words ran 1 min over
    const f = scheduleFigures(s.state, s.now);
    const remaining = TOTAL - 300 * SEC - 180 * SEC - MIN; // minus opening (done), Kaliningrad (absent), FMBA's first minute
    expect(f).toEqual({
      elapsedMs: 7 * MIN,
      remainingPlannedMs: remaining,
      projectedEndAt: s.now + remaining,
      plannedEndAt: PLANNED_END,
      driftMs: s.now + remaining - PLANNED_END,
    });
  });

  it('a speaker over time adds nothing (not a negative amount) to what remains', () => {
    const s = Sim.speaking().tick(10 * MIN);
    expect(scheduleFigures(s.state, s.now).remainingPlannedMs).toBe(TOTAL - 300 * SEC);
  });

  it('elapsed leaves out pauses; after finish the projected end is the actual end', () => {
    const s = Sim.speaking()
      .tick(2 * MIN)
      .run({ type: 'session.pause' })
      .tick(15 * MIN)
      .run({ type: 'session.resume' })
      .tick(MIN);
    expect(scheduleFigures(s.state, s.now).elapsedMs).toBe(3 * MIN);
    s.run({ type: 'session.finish' });
    const endedAt = s.now;
    s.tick(HOUR);
    expect(scheduleFigures(s.state, s.now)).toMatchObject({ elapsedMs: 3 * MIN, projectedEndAt: endedAt, driftMs: endedAt - PLANNED_END });
  });

  it('after finishing early, nothing remains by the plan: the cities not called will not speak', () => {
    const s = Sim.speaking().tick(MIN).run({ type: 'session.finish' });
    expect(scheduleFigures(s.state, s.now + HOUR)).toMatchObject({ remainingPlannedMs: 0, projectedEndAt: s.now });
  });
});

// ---- lib/view.ts ----------------------------------------------------------------------------------

describe('viewFor', () => {
  const setup = () =>
    Sim.speaking()
      .as({ newId: 'm-speaker' }, { type: 'message.send', target: 'speaker', text: 'one minute left' })
      .as({ newId: 'm-screens' }, { type: 'message.send', target: 'screens', text: 'coffee at 11:30' })
      .as({ newId: 'm-magadan' }, { type: 'message.send', target: MAGADAN, text: 'you are next' })
      .as({ newId: 'm-opening' }, { type: 'message.send', target: OPENING, text: 'mic is on' })
      .as({ actor: participant(MAGADAN) }, { type: 'signal.send', kind: 'ready' })
      .as({ actor: participant(OPENING) }, { type: 'signal.send', kind: 'technical_problem' });
  const ids = (view: View) => view.messages.map((m) => m.id);

  it('the moderator sees everything and how deep undo goes, but not the undo frames', () => {
    const s = setup();
    const view = viewFor(s.state, { role: 'moderator' });
    expect(ids(view)).toEqual(['m-speaker', 'm-screens', 'm-magadan', 'm-opening']);
    expect(Object.keys(view.signals).sort()).toEqual([MAGADAN, OPENING].sort());
    expect(view.undoDepth).toBe(s.state.undo.length);
    expect(view.undoDepth).toBeGreaterThan(0);
    expect(view).not.toHaveProperty('undo');
  });

  it('screens see only messages for the screens, and no signals', () => {
    const view = viewFor(setup().state, { role: 'viewer' });
    expect(ids(view)).toEqual(['m-screens']);
    expect(view.signals).toEqual({});
    expect(view.undoDepth).toBe(0);
    expect(view).not.toHaveProperty('undo');
  });

  it('a participant sees screens, its own messages, speaker messages while it holds the floor, and only its own signal', () => {
    const s = setup();
    const speaker = viewFor(s.state, { role: 'participant', entryId: OPENING });
    expect(ids(speaker)).toEqual(['m-speaker', 'm-screens', 'm-opening']);
    expect(Object.keys(speaker.signals)).toEqual([OPENING]);
    const waiting = viewFor(s.state, { role: 'participant', entryId: MAGADAN });
    expect(ids(waiting)).toEqual(['m-screens', 'm-magadan']);
    expect(waiting.signals).toEqual({ [MAGADAN]: { kind: 'ready', at: T0 } });
    expect(waiting.undoDepth).toBe(0);
    const quiet = viewFor(s.state, { role: 'participant', entryId: KALININGRAD });
    expect(quiet.signals).toEqual({});
  });
});

describe('viewFor: what a city wrote', () => {
  it('screens and the other cities get no contact and no practice; a city gets its own, the moderator all', () => {
    const fields = { contact: 'glava@magadan.example.org', practiceTitle: 'Открытый бюджет', practiceSummary: 'Жители выбирают проекты.' };
    const s = Sim.speaking().as({}, { type: 'entry.update', entryId: MAGADAN, fields });
    const of = (audience: ViewAudience) => viewFor(s.state, audience).entries[MAGADAN]!;
    expect(of({ role: 'moderator' })).toMatchObject(fields);
    expect(of({ role: 'participant', entryId: MAGADAN })).toMatchObject(fields);
    const blank = { contact: '', practiceTitle: '', practiceSummary: '' };
    expect(of({ role: 'viewer' })).toMatchObject({ ...blank, representative: s.state.entries[MAGADAN]!.representative });
    expect(of({ role: 'participant', entryId: OPENING })).toMatchObject(blank);
    // The trimmed copy keeps its identity while the entry does not change: no patch for it.
    expect(viewFor(s.state, { role: 'viewer' }).entries[MAGADAN]).toBe(of({ role: 'viewer' }));
  });
});

describe('noticesFor', () => {
  it('each audience hears only the events about what it can see', () => {
    const s = Sim.speaking().tick(MIN);
    const prev = s.state;
    s.run({ type: 'speaker.next' });
    const floor = s.notices;
    s.run({ type: 'message.send', target: 'speaker', text: 'one minute' });
    const toSpeaker = s.notices;
    s.run({ type: 'message.send', target: 'screens', text: 'coffee' });
    const toScreens = s.notices;
    s.as({ actor: participant(MAGADAN) }, { type: 'signal.send', kind: 'ready' });
    const signal = s.notices;
    const all = [...floor, ...toSpeaker, ...toScreens, ...signal];
    const hear = (audience: ViewAudience) => noticesFor(all, audience, viewFor(s.state, audience));
    expect(prev.currentEntryId).toBe(OPENING);
    expect(hear({ role: 'moderator' })).toEqual(all);
    expect(hear({ role: 'viewer' })).toEqual([...floor, ...toScreens]);
    expect(hear({ role: 'participant', entryId: FMBA })).toEqual([...floor, ...toSpeaker, ...toScreens]);
    expect(hear({ role: 'participant', entryId: MAGADAN })).toEqual([...floor, ...toScreens, ...signal]);
  });
});

describe('diffViews / applyPatch', () => {
  const audiences: ViewAudience[] = [
    { role: 'moderator' },
    { role: 'viewer' },
    { role: 'participant', entryId: OPENING },
    { role: 'participant', entryId: FMBA },
  ];

  it('applying the diff to the previous view gives exactly the next view, for every audience and step', () => {
    const s = new Sim();
    const steps: [Opts, Raw][] = [
      [{}, { type: 'session.start' }],
      [{}, { type: 'speaker.next' }],
      [{}, { type: 'message.send', target: 'speaker', text: 'one minute' }],
      [{ actor: participant(FMBA) }, { type: 'signal.send', kind: 'ready' }],
      [{ actor: SYSTEM }, { type: 'presence.set', entryId: FMBA, state: 'online' }],
      [{}, { type: 'speaker.next' }],
      [{}, { type: 'speaker.extend', seconds: 30 }],
      [{}, { type: 'session.pause' }],
      [{}, { type: 'session.resume' }],
      [{ newId: 'tynda' }, { type: 'entry.add', entry: NEW_ENTRY, index: 2 }],
      [{}, { type: 'entry.remove', entryId: KALININGRAD }],
      [{}, { type: 'queue.defer', entryId: FMBA }],
      [{}, { type: 'undo' }],
      [{}, { type: 'undo' }],
      [{}, { type: 'message.clear' }],
      [{}, { type: 'event.update', fields: { title: 'Новое' } }],
      [{}, { type: 'session.finish' }],
    ];
    for (const [opts, raw] of steps) {
      const prev = s.state;
      s.tick(17 * SEC).as(opts, raw);
      for (const audience of audiences) {
        const before = viewFor(prev, audience);
        const after = viewFor(s.state, audience);
        const patch = diffViews(before, after, s.now, s.notices);
        expect(patch).toMatchObject({ baseVersion: prev.version, version: s.state.version, serverTime: s.now, notices: s.notices });
        expect(applyPatch(before, patch), `${raw.type} for ${audience.role}`).toEqual(after);
        // the patch travels as JSON
        expect(applyPatch(JSON.parse(JSON.stringify(before)), JSON.parse(JSON.stringify(patch)))).toEqual(
          JSON.parse(JSON.stringify(after)),
        );
      }
    }
  });

  it('a patch carries only what changed', () => {
    const s = Sim.speaking().tick(MIN);
    const before = viewFor(s.state, { role: 'moderator' });
    s.run({ type: 'speaker.next' });
    const patch = diffViews(before, viewFor(s.state, { role: 'moderator' }), s.now, s.notices);
    expect(Object.keys(patch.entries).sort()).toEqual([OPENING, FMBA].sort());
    expect(Object.keys(patch.set).sort()).toEqual(['controlVersion', 'currentEntryId', 'undoDepth', 'version']);
    expect(patch.removed).toEqual([]);
    const prev = s.state;
    s.run({ type: 'entry.remove', entryId: MAGADAN });
    const removal = diffViews(viewFor(prev, { role: 'moderator' }), viewFor(s.state, { role: 'moderator' }), s.now, s.notices);
    expect(removal.removed).toEqual([MAGADAN]);
    expect(removal.entries).toEqual({});
  });

  it('returns null for a patch that does not follow the view (the client must resync)', () => {
    const s = Sim.speaking();
    const v1 = viewFor(s.state, { role: 'viewer' });
    s.run({ type: 'speaker.next' });
    const v2 = viewFor(s.state, { role: 'viewer' });
    s.run({ type: 'speaker.next' });
    const v3 = viewFor(s.state, { role: 'viewer' });
    const patch23 = diffViews(v2, v3, s.now, []);
    expect(applyPatch(v1, patch23)).toBeNull();
    expect(applyPatch(v3, patch23)).toBeNull();
    expect(applyPatch(v2, patch23)).toEqual(v3);
  });
});

describe('apiState', () => {
  it('lists entries in running order with time used including the running turn', () => {
    const s = Sim.speaking()
      .tick(6 * MIN)
      .run(
        { type: 'speaker.next' },
        { type: 'queue.move', entryId: KALININGRAD, index: 0 },
        { type: 'entry.markAbsent', entryId: MAGADAN },
        { type: 'entry.checkIn', entryId: KAMCHATKA, present: true },
      )
      .as({ actor: SYSTEM }, { type: 'presence.set', entryId: SAKHALIN, state: 'online' })
      .tick(MIN);
    const api = apiState(s.state, s.now, { viewers: 12 });
    expect(api.entries.map((e) => e.id)).toEqual(s.state.order);
    expect(api.entries[0]!.id).toBe(KALININGRAD);
    expect(api).toMatchObject({ version: s.state.version, serverTime: s.now, phase: 'live', currentEntryId: FMBA });
    expect(api.counts).toEqual({ online: 1, inHall: 1, absent: 1, viewers: 12 });
    const byId = Object.fromEntries(api.entries.map((e) => [e.id, e]));
    expect(byId[OPENING]).toMatchObject({
      status: 'done',
      usedMs: 6 * MIN,
      allottedMs: 5 * MIN,
      extraMs: 0,
      allottedTotalMs: 5 * MIN,
      overtimeMs: MIN,
      turns: 1,
      name: 'Вступительное слово',
      nameEn: 'Opening words',
    });
    expect(byId[FMBA]).toMatchObject({ status: 'speaking', usedMs: MIN, overtimeMs: 0, turns: 1 });
    expect(byId[MAGADAN]).toMatchObject({ status: 'absent', presence: 'absent', usedMs: 0, turns: 0 });
    expect(byId[KAMCHATKA]).toMatchObject({ presence: 'in_hall' });
    expect(byId[SAKHALIN]).toMatchObject({ presence: 'online' });
    expect(byId[KHABAROVSK]).toMatchObject({ presence: 'offline', status: 'waiting' });
    // A city marked absent (or checked in) whose page is connected is still counted as connected.
    s.as(
      { actor: SYSTEM },
      { type: 'presence.set', entryId: MAGADAN, state: 'online' },
      { type: 'presence.set', entryId: KAMCHATKA, state: 'online' },
    );
    expect(apiState(s.state, s.now, { viewers: 0 }).counts).toEqual({ online: 3, inHall: 1, absent: 1, viewers: 0 });
    // the running turn keeps counting for whoever asks later
    expect(apiState(s.state, s.now + 30 * SEC, { viewers: 0 }).entries.find((e) => e.id === FMBA)!.usedMs).toBe(MIN + 30 * SEC);
  });
});
