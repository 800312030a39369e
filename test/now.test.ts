// GET /api/now as a pure function of the state and the time (lib/now.ts), on a roll call driven
// through the reducer at a fake clock: remaining, overtime and the end are exact to the millisecond.
import { describe, expect, it } from 'vitest';
import { nowChangeKey, nowOf } from '../lib/now';
import { nowSchema } from '../lib/protocol';
import { DEMO_ORDER, DONORS, FMBA, KAMCHATKA, MAGADAN, MIN, OPENING, SEC, Sim, T0 } from './support/reducer-sim';

const at = (sim: Sim) => nowOf(sim.state, 'main', sim.now);

describe('nowOf', () => {
  it('before the start: nobody has the floor, the first three are next, and the object has the published shape', () => {
    const now = at(new Sim());
    expect(now.phase).toBe('planned');
    expect(now.current).toBeNull();
    expect(now.next.map((e) => [e.id, e.place, e.allottedTotalMs])).toEqual([
      [OPENING, 1, 300 * SEC],
      [FMBA, 2, 240 * SEC],
      [DONORS, 3, 240 * SEC],
    ]);
    expect(now.counts).toEqual({ total: DEMO_ORDER.length, done: 0, waiting: DEMO_ORDER.length });
    expect(now.serverTime).toBe(T0);
    expect(nowSchema.parse(now)).toEqual(now);
  });

  it('a running turn: used, remaining and the end are exact to the ms, and the end does not move as the clock does', () => {
    const sim = Sim.speaking().tick(61_234);
    const c = at(sim).current!;
    expect(c.id).toBe(OPENING);
    expect(c).toMatchObject({ running: true, startedAt: T0, usedMs: 61_234, remainingMs: 300_000 - 61_234, overtimeMs: 0 });
    expect(c.endsAt).toBe(T0 + 300_000);
    expect(c.warning).toBe('normal');
    expect(at(sim.tick(7)).current!.endsAt).toBe(T0 + 300_000);
    expect(at(sim).current!.remainingMs).toBe(300_000 - 61_241);
  });

  it('turns to warning at warnMs remaining and to overtime one ms past the allotment', () => {
    const sim = Sim.speaking().tick(300_000 - 30_001);
    expect(at(sim).current!.warning).toBe('normal');
    expect(at(sim.tick(1)).current!).toMatchObject({ warning: 'warning', remainingMs: 30_000 });
    expect(at(sim.tick(30_000)).current!).toMatchObject({ warning: 'warning', remainingMs: 0, overtimeMs: 0 });
    expect(at(sim.tick(1)).current!).toMatchObject({ warning: 'overtime', remainingMs: 0, overtimeMs: 1 });
    const late = at(sim.tick(12_345)).current!;
    expect(late).toMatchObject({ remainingMs: 0, overtimeMs: 12_346, usedMs: 312_346, endsAt: T0 + 300_000 });
  });

  it('a pause stops the count (no end while paused) and a resume moves the end by the length of the pause', () => {
    const sim = Sim.speaking()
      .tick(10 * SEC)
      .run({ type: 'session.pause' })
      .tick(45_500);
    const paused = at(sim);
    expect(paused.phase).toBe('paused');
    expect(paused.current).toMatchObject({ running: false, endsAt: null, usedMs: 10_000, remainingMs: 290_000 });
    sim.run({ type: 'session.resume' }).tick(3);
    expect(at(sim).current).toMatchObject({ running: true, usedMs: 10_003, endsAt: T0 + 300_000 + 45_500 });
  });

  it('an extension is apart from the planned allotment: allottedMs as in the view, extraMs, and their total', () => {
    const sim = Sim.speaking().tick(MIN).run({ type: 'speaker.extend', seconds: 30 });
    const c = at(sim).current!;
    expect(c).toMatchObject({ allottedMs: 300_000, extraMs: 30_000, allottedTotalMs: 330_000, remainingMs: 270_000 });
    expect(c.allottedMs).toBe(sim.entry(OPENING).allottedMs);
    expect(c.endsAt).toBe(T0 + 330_000);
  });

  it('the city: its local time and offset at the server time, its place in the running order', () => {
    const sim = new Sim().run({ type: 'session.start' }, { type: 'speaker.start', entryId: KAMCHATKA });
    const c = at(sim).current!;
    // 07:00 UTC is 19:00 in Petropavlovsk-Kamchatsky (UTC+12).
    expect(c).toMatchObject({ localTime: '19:00', utcOffsetMinutes: 720, place: DEMO_ORDER.indexOf(KAMCHATKA) + 1 });
    expect(at(sim).next[0]!.id).toBe(OPENING);
  });

  it('the next three skip the speaker and who is done; nobody is next once finished', () => {
    const sim = Sim.speaking().tick(MIN).run({ type: 'speaker.next' });
    const now = at(sim);
    expect(now.current!.id).toBe(FMBA);
    expect(now.next.map((e) => e.id)).toEqual([DONORS, KAMCHATKA, MAGADAN]);
    expect(now.counts).toMatchObject({ done: 1, waiting: DEMO_ORDER.length - 2 });
    expect(at(sim.run({ type: 'session.finish' })).next).toEqual([]);
  });

  it("the screens' message is there; a message for the speaker is not", () => {
    const sim = Sim.speaking().run({ type: 'message.send', target: 'speaker', text: 'одна минута' });
    expect(at(sim).message).toBeNull();
    sim.tick(5).run({ type: 'message.send', target: 'screens', text: 'Перерыв 5 минут' });
    expect(at(sim).message).toEqual({ text: 'Перерыв 5 минут', sentAt: T0 + 5 });
  });
});

describe('nowChangeKey', () => {
  it('stays while the clock moves and changes with a pause, an extension, the floor', () => {
    const sim = Sim.speaking().tick(SEC);
    const key = nowChangeKey(at(sim));
    expect(nowChangeKey(at(sim.tick(250_000)))).toBe(key);
    const paused = nowChangeKey(at(sim.run({ type: 'session.pause' })));
    expect(paused).not.toBe(key);
    expect(nowChangeKey(at(sim.tick(9_000)))).toBe(paused);
    sim.run({ type: 'session.resume' });
    const extended = nowChangeKey(at(sim.run({ type: 'speaker.extend', seconds: 60 })));
    expect(extended).not.toBe(nowChangeKey(at(sim.run({ type: 'speaker.next' }))));
  });
});
