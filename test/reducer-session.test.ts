// The session and the floor: start, pause, resume and finish, who holds the floor, and time used.
import { describe, expect, it } from 'vitest';
import { allottedTotalMs, openTurn, overtimeMs, remainingMs, scheduleFigures, spanMs } from '../lib/time';
import { T0, SEC, MIN, OPENING, FMBA, DONORS, KAMCHATKA, MAGADAN, SAKHALIN, KHABAROVSK, DEMO_ORDER, Sim } from './support/reducer-sim';

// ---- session --------------------------------------------------------------------------------------

describe('session.start / pause / resume / finish', () => {
  it('start opens the session clock at now with nobody on the floor', () => {
    const s = new Sim().tick(2 * MIN).run({ type: 'session.start' });
    expect(s.state.phase).toBe('live');
    expect(s.state.session).toEqual({ startedAt: T0 + 2 * MIN, endedAt: null, pausedAt: null, pausedMs: 0 });
    expect(s.state.currentEntryId).toBeNull();
    expect(s.notices).toEqual([{ type: 'phase', phase: 'live' }]);
  });

  it('pause freezes the speaker and the session clock; resume continues where they stopped', () => {
    const s = Sim.speaking().tick(MIN).run({ type: 'session.pause' });
    expect(s.state.phase).toBe('paused');
    expect(s.notices).toEqual([{ type: 'phase', phase: 'paused' }]);
    expect(openTurn(s.entry(OPENING))).toMatchObject({ pausedAt: T0 + MIN });
    s.tick(10 * MIN);
    expect(s.used(OPENING)).toBe(MIN);
    expect(spanMs(s.state.session!, s.now)).toBe(MIN);
    s.run({ type: 'session.resume' });
    expect(s.state.phase).toBe('live');
    expect(s.notices).toEqual([{ type: 'phase', phase: 'live' }]);
    expect(s.status(OPENING)).toBe('speaking');
    s.tick(30 * SEC);
    expect(s.used(OPENING)).toBe(90 * SEC);
    expect(spanMs(s.state.session!, s.now)).toBe(90 * SEC);
    expect(openTurn(s.entry(OPENING))).toMatchObject({ pausedAt: null, pausedMs: 10 * MIN });
  });

  it('finish ends the speaker turn, marks it done and stops the session clock', () => {
    const s = Sim.speaking()
      .tick(4 * MIN)
      .run({ type: 'session.finish' });
    expect(s.state.phase).toBe('finished');
    expect(s.state.currentEntryId).toBeNull();
    expect(s.status(OPENING)).toBe('done');
    expect(s.entry(OPENING).turns).toEqual([{ startedAt: T0, endedAt: T0 + 4 * MIN, pausedAt: null, pausedMs: 0 }]);
    expect(s.state.session).toMatchObject({ endedAt: T0 + 4 * MIN });
    expect(s.notices).toEqual([
      { type: 'floor', entryId: null, previousId: OPENING },
      { type: 'phase', phase: 'finished' },
    ]);
    s.tick(30 * MIN);
    expect(s.used(OPENING)).toBe(4 * MIN);
    expect(spanMs(s.state.session!, s.now)).toBe(4 * MIN);
  });

  it('finish while paused does not count the pause', () => {
    const s = Sim.speaking()
      .tick(MIN)
      .run({ type: 'session.pause' })
      .tick(10 * MIN)
      .run({ type: 'session.finish' });
    expect(s.notices).toEqual([
      { type: 'floor', entryId: null, previousId: OPENING },
      { type: 'phase', phase: 'finished' },
    ]);
    expect(s.entry(OPENING).turns).toEqual([{ startedAt: T0, endedAt: T0 + 11 * MIN, pausedAt: null, pausedMs: 10 * MIN }]);
    expect(s.used(OPENING)).toBe(MIN);
    expect(s.state.session).toMatchObject({ endedAt: T0 + 11 * MIN, pausedAt: null, pausedMs: 10 * MIN });
  });

  it('finish with nobody on the floor only announces the phase', () => {
    const s = new Sim().run({ type: 'session.start' }).tick(MIN).run({ type: 'session.finish' });
    expect(s.notices).toEqual([{ type: 'phase', phase: 'finished' }]);
  });
});

// ---- the floor ------------------------------------------------------------------------------------

describe('speaker.next', () => {
  it('gives the floor to the first in line, then moves on, marking the previous speaker done', () => {
    const s = new Sim().run({ type: 'session.start' }).tick(SEC).run({ type: 'speaker.next' });
    expect(s.state.currentEntryId).toBe(OPENING);
    expect(s.notices).toEqual([{ type: 'floor', entryId: OPENING, previousId: null }]);
    expect(s.entry(OPENING).turns).toEqual([{ startedAt: T0 + SEC, endedAt: null, pausedAt: null, pausedMs: 0 }]);
    s.tick(5 * MIN).run({ type: 'speaker.next' });
    expect(s.state.currentEntryId).toBe(FMBA);
    expect(s.status(OPENING)).toBe('done');
    expect(s.status(FMBA)).toBe('speaking');
    expect(s.used(OPENING)).toBe(5 * MIN);
    expect(s.notices).toEqual([{ type: 'floor', entryId: FMBA, previousId: OPENING }]);
  });

  it('skips deferred, absent and done entries wherever they stand', () => {
    const s = new Sim().run(
      { type: 'session.start' },
      { type: 'queue.defer', entryId: FMBA },
      { type: 'entry.markAbsent', entryId: DONORS },
      { type: 'speaker.start', entryId: MAGADAN },
    );
    s.tick(MIN).run({ type: 'speaker.next' });
    expect(s.state.currentEntryId).toBe(OPENING);
    s.run({ type: 'queue.move', entryId: FMBA, index: 0 }); // deferred, even at the head of the line
    s.tick(MIN).run({ type: 'speaker.next' });
    expect(s.state.currentEntryId).toBe(KAMCHATKA); // not FMBA (deferred), OPENING (done), DONORS (absent)
    s.tick(MIN).run({ type: 'speaker.next' });
    expect(s.state.currentEntryId).toBe(SAKHALIN); // not MAGADAN (done)
    expect(s.status(MAGADAN)).toBe('done');
    expect(s.status(FMBA)).toBe('deferred');
    expect(s.status(DONORS)).toBe('absent');
  });

  it('when nobody is waiting, deferred entries come back in the order they were deferred', () => {
    const s = new Sim().run(
      { type: 'queue.defer', entryId: MAGADAN },
      { type: 'queue.defer', entryId: KAMCHATKA }, // earlier in the list, but deferred later
      ...DEMO_ORDER.filter((id) => ![OPENING, MAGADAN, KAMCHATKA].includes(id)).map(
        (entryId) => ({ type: 'entry.markAbsent', entryId }) as const,
      ),
      { type: 'session.start' },
    );
    const floor: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      s.tick(MIN).run({ type: 'speaker.next' });
      floor.push(s.state.currentEntryId);
    }
    expect(floor).toEqual([OPENING, MAGADAN, KAMCHATKA, null]);
    expect(s.notices).toEqual([{ type: 'floor', entryId: null, previousId: KAMCHATKA }]);
    expect([OPENING, MAGADAN, KAMCHATKA].map((id) => s.status(id))).toEqual(['done', 'done', 'done']);
    s.reject({ type: 'speaker.next' }, 'conflict', 'queue_empty');
  });

  it('with the last speaker on the floor and nobody left, next just ends the turn', () => {
    const s = new Sim().run(
      ...DEMO_ORDER.filter((id) => id !== OPENING).map((entryId) => ({ type: 'entry.markAbsent', entryId }) as const),
      { type: 'session.start' },
      { type: 'speaker.next' },
    );
    s.tick(MIN).run({ type: 'speaker.next' });
    expect(s.state.currentEntryId).toBeNull();
    expect(s.status(OPENING)).toBe('done');
    expect(s.used(OPENING)).toBe(MIN);
  });
});

describe('speaker.start / stop', () => {
  it('start gives the floor out of order and closes the current turn', () => {
    const s = Sim.speaking()
      .tick(2 * MIN)
      .run({ type: 'speaker.start', entryId: KHABAROVSK });
    expect(s.state.currentEntryId).toBe(KHABAROVSK);
    expect(s.status(OPENING)).toBe('done');
    expect(s.notices).toEqual([{ type: 'floor', entryId: KHABAROVSK, previousId: OPENING }]);
    expect(s.entry(KHABAROVSK).turns).toEqual([{ startedAt: T0 + 2 * MIN, endedAt: null, pausedAt: null, pausedMs: 0 }]);
    expect(s.status(FMBA)).toBe('waiting');
  });

  it('stop leaves the floor empty and the speaker done; the clock stops', () => {
    const s = Sim.speaking()
      .tick(2 * MIN)
      .run({ type: 'speaker.stop' });
    expect(s.state.currentEntryId).toBeNull();
    expect(s.status(OPENING)).toBe('done');
    expect(s.notices).toEqual([{ type: 'floor', entryId: null, previousId: OPENING }]);
    s.tick(MIN);
    expect(s.used(OPENING)).toBe(2 * MIN);
  });

  it('stop is allowed while paused and does not count the pause', () => {
    const s = Sim.speaking()
      .tick(MIN)
      .run({ type: 'session.pause' })
      .tick(3 * MIN)
      .run({ type: 'speaker.stop' });
    expect(s.used(OPENING)).toBe(MIN);
    expect(openTurn(s.entry(OPENING))).toBeNull();
    s.run({ type: 'session.resume' }).tick(MIN);
    expect(s.used(OPENING)).toBe(MIN);
    expect(s.state.currentEntryId).toBeNull();
  });
});

describe('time used', () => {
  it('is cumulative across several turns of the same entry', () => {
    const s = Sim.speaking().tick(2 * MIN);
    s.run({ type: 'queue.defer', entryId: OPENING }); // comes back later
    expect(s.state.currentEntryId).toBe(FMBA);
    s.tick(4 * MIN)
      .run({ type: 'speaker.next' })
      .tick(3 * MIN);
    s.run({ type: 'speaker.start', entryId: OPENING }).tick(90 * SEC);
    expect(s.used(OPENING)).toBe(3.5 * MIN);
    s.run({ type: 'speaker.stop' })
      .tick(MIN)
      .run({ type: 'speaker.start', entryId: OPENING })
      .tick(20 * SEC);
    expect(s.entry(OPENING).turns).toHaveLength(3);
    expect(s.used(OPENING)).toBe(3.5 * MIN + 20 * SEC);
    expect(remainingMs(s.entry(OPENING), s.now)).toBe(5 * MIN - (3.5 * MIN + 20 * SEC));
    expect(s.used(FMBA)).toBe(4 * MIN);
  });

  it('does not count pauses', () => {
    const s = Sim.speaking().tick(MIN);
    for (let i = 0; i < 3; i++)
      s.run({ type: 'session.pause' })
        .tick(7 * MIN)
        .run({ type: 'session.resume' })
        .tick(10 * SEC);
    expect(s.used(OPENING)).toBe(MIN + 30 * SEC);
    expect(scheduleFigures(s.state, s.now).elapsedMs).toBe(MIN + 30 * SEC);
  });

  it('overtime is the time beyond the allotment including extensions', () => {
    const s = Sim.speaking().run({ type: 'speaker.extend', seconds: 60 });
    expect(s.entry(OPENING).extraMs).toBe(MIN);
    expect(allottedTotalMs(s.entry(OPENING))).toBe(6 * MIN);
    s.tick(6 * MIN);
    expect(overtimeMs(s.entry(OPENING), s.now)).toBe(0);
    expect(remainingMs(s.entry(OPENING), s.now)).toBe(0);
    s.tick(40 * SEC);
    expect(overtimeMs(s.entry(OPENING), s.now)).toBe(40 * SEC);
    expect(remainingMs(s.entry(OPENING), s.now)).toBe(-40 * SEC);
    s.run({ type: 'speaker.extend', seconds: 30 });
    expect(overtimeMs(s.entry(OPENING), s.now)).toBe(10 * SEC);
    s.run({ type: 'speaker.extend', seconds: -120 });
    expect(overtimeMs(s.entry(OPENING), s.now)).toBe(130 * SEC);
  });
});

describe('speaker.extend', () => {
  it('extends a named entry that does not hold the floor, and may cut an allotment down to zero', () => {
    const s = new Sim().run({ type: 'speaker.extend', entryId: MAGADAN, seconds: 45 });
    expect(s.entry(MAGADAN).extraMs).toBe(45 * SEC);
    expect(allottedTotalMs(s.entry(MAGADAN))).toBe(225 * SEC);
    s.run({ type: 'speaker.extend', entryId: MAGADAN, seconds: -225 });
    expect(allottedTotalMs(s.entry(MAGADAN))).toBe(0);
    s.reject({ type: 'speaker.extend', entryId: MAGADAN, seconds: -1 }, 'bad_request', 'allotment_negative');
    expect(s.entry(MAGADAN).allottedMs).toBe(180 * SEC); // the plan itself is untouched
  });
});
