// The queue's rules (lib/queue.ts) on the demo round table: who is called next, who speaks before
// whom, what the moderator may do with an entry, and that the reducer does exactly what they say.
import { describe, expect, it } from 'vitest';
import type { EntryStatus } from '../lib/model';
import {
  entriesAhead,
  lineUp,
  mayCallNext,
  mayDefer,
  mayGiveFloor,
  mayMarkAbsent,
  mayUndefer,
  nextInLine,
  shownNext,
  videoLinkDown,
} from '../lib/queue';
import { DEMO_ORDER, FMBA, KAMCHATKA, MAGADAN, OPENING, SAKHALIN, Sim } from './support/reducer-sim';

const ids = (entries: { id: string }[]) => entries.map((e) => e.id);
const DONORS = DEMO_ORDER[2]!;

describe('the line-up', () => {
  it('is the running order before the start, and the speaker is never in it', () => {
    const sim = new Sim();
    expect(ids(lineUp(sim.state))).toEqual(DEMO_ORDER);
    expect(nextInLine(sim.state)).toBe(OPENING);
    sim.run({ type: 'session.start' }, { type: 'speaker.next' });
    expect(ids(lineUp(sim.state))).toEqual(DEMO_ORDER.slice(1));
    expect(nextInLine(sim.state)).toBe(FMBA);
  });

  it('calls the waiting entries first, then the deferred ones in running order; done and absent ones never', () => {
    const sim = Sim.speaking().run(
      { type: 'queue.defer', entryId: SAKHALIN },
      { type: 'queue.defer', entryId: FMBA },
      { type: 'entry.markAbsent', entryId: MAGADAN },
    );
    const line = ids(lineUp(sim.state));
    const waiting = DEMO_ORDER.filter((id) => ![OPENING, FMBA, SAKHALIN, MAGADAN].includes(id));
    // Deferring moves an entry to the end of the running order: deferred ones come back in the order they were deferred.
    expect(line).toEqual([...waiting, SAKHALIN, FMBA]);
    expect(line).not.toContain(MAGADAN);
    expect(nextInLine(sim.state)).toBe(DONORS);
  });

  it('agrees with what speaker.next does, all the way to an empty queue', () => {
    const sim = Sim.speaking().run({ type: 'queue.defer', entryId: KAMCHATKA }, { type: 'entry.markAbsent', entryId: MAGADAN });
    const called: string[] = [];
    for (let expected = nextInLine(sim.state); expected; expected = nextInLine(sim.state)) {
      expect(mayCallNext(sim.state)).toBe(true);
      sim.tick(1000).run({ type: 'speaker.next' });
      expect(sim.state.currentEntryId).toBe(expected);
      called.push(expected);
    }
    expect(called.at(-1)).toBe(KAMCHATKA);
    expect(called).not.toContain(MAGADAN);
    // The last speaker still has the floor: "next" ends the turn, and then nothing is left.
    expect(mayCallNext(sim.state)).toBe(true);
    sim.run({ type: 'speaker.next' });
    expect(sim.state.currentEntryId).toBeNull();
    expect(mayCallNext(sim.state)).toBe(false);
    sim.reject({ type: 'speaker.next' }, 'conflict', 'queue_empty');
  });

  it('shows nobody as next once the session has finished', () => {
    const sim = Sim.speaking();
    expect(shownNext(sim.state)).toBe(FMBA);
    sim.run({ type: 'session.finish' });
    expect(nextInLine(sim.state)).toBe(FMBA);
    expect(shownNext(sim.state)).toBeNull();
  });
});

describe('entries ahead', () => {
  it('of a waiting entry: the waiting ones before it in the line-up', () => {
    const sim = Sim.speaking().run({ type: 'queue.defer', entryId: FMBA });
    expect(ids(entriesAhead(sim.state, MAGADAN))).toEqual(DEMO_ORDER.slice(2, DEMO_ORDER.indexOf(MAGADAN)));
  });

  it('of a deferred entry: every waiting one, then the deferred ones before it', () => {
    const sim = Sim.speaking().run({ type: 'queue.defer', entryId: FMBA }, { type: 'queue.defer', entryId: MAGADAN });
    const ahead = ids(entriesAhead(sim.state, MAGADAN));
    // All but the speaker and the two deferred ones wait; FMBA was deferred first.
    const waiting = DEMO_ORDER.length - 3;
    expect(ahead).toHaveLength(waiting + 1);
    expect(ahead.at(-1)).toBe(FMBA);
    expect(ids(entriesAhead(sim.state, FMBA))).toHaveLength(waiting);
  });

  it('of an entry out of the line-up (absent): the waiting ones before it in running order', () => {
    const sim = Sim.speaking().run({ type: 'entry.markAbsent', entryId: MAGADAN });
    expect(ids(entriesAhead(sim.state, MAGADAN))).toEqual(DEMO_ORDER.slice(1, DEMO_ORDER.indexOf(MAGADAN)));
    expect(entriesAhead(sim.state, 'atlantis')).toEqual([]);
  });
});

describe('what the moderator may do with an entry', () => {
  const statuses: EntryStatus[] = ['waiting', 'speaking', 'done', 'deferred', 'absent'];
  const as = (status: EntryStatus) => ({ status });

  it('defer: waiting or speaking; undefer: deferred; mark absent: neither speaking nor done', () => {
    expect(statuses.filter((s) => mayDefer(as(s)))).toEqual(['waiting', 'speaking']);
    expect(statuses.filter((s) => mayUndefer(as(s)))).toEqual(['deferred']);
    expect(statuses.filter((s) => mayMarkAbsent(as(s)))).toEqual(['waiting', 'deferred', 'absent']);
  });

  it('the reducer refuses exactly what the rules refuse', () => {
    // One entry in each status: the speaker, one done, one deferred, one absent, the rest waiting.
    const sim = Sim.speaking()
      .tick(1000)
      .run({ type: 'speaker.next' }, { type: 'queue.defer', entryId: SAKHALIN }, { type: 'entry.markAbsent', entryId: MAGADAN });
    const byStatus = Object.fromEntries(statuses.map((s) => [s, Object.values(sim.state.entries).find((e) => e.status === s)!.id]));
    for (const status of statuses) {
      const entryId = byStatus[status]!;
      const defer = sim.attempt({ type: 'queue.defer', entryId });
      expect(defer.ok, `defer ${status}`).toBe(mayDefer(as(status)));
      const undefer = sim.attempt({ type: 'queue.defer', entryId, deferred: false });
      expect(undefer.ok, `undefer ${status}`).toBe(mayUndefer(as(status)));
      const absent = sim.attempt({ type: 'entry.markAbsent', entryId });
      expect(absent.ok, `mark ${status} absent`).toBe(mayMarkAbsent(as(status)));
      const start = sim.attempt({ type: 'speaker.start', entryId });
      expect(start.ok, `give ${status} the floor`).toBe(mayGiveFloor(sim.state, entryId));
    }
  });

  it('gives the floor only while live, and not to the speaker', () => {
    const sim = new Sim();
    expect(mayGiveFloor(sim.state, MAGADAN)).toBe(false);
    sim.run({ type: 'session.start' });
    expect(mayGiveFloor(sim.state, MAGADAN)).toBe(true);
    expect(mayGiveFloor(sim.state, 'atlantis')).toBe(false);
    sim.run({ type: 'speaker.start', entryId: MAGADAN });
    expect(mayGiveFloor(sim.state, MAGADAN)).toBe(false);
    sim.run({ type: 'session.pause' });
    expect(mayGiveFloor(sim.state, KAMCHATKA)).toBe(false);
    expect(mayCallNext(sim.state)).toBe(false);
  });
});

describe('a video link that is down', () => {
  it('warns for an online entry whose page is not connected, and not for one in the hall', () => {
    const sim = new Sim();
    const city = sim.entry(KAMCHATKA);
    expect(city.attendance).toBe('online');
    expect(videoLinkDown(city, sim.state)).toBe('offline');
    sim.as({ actor: { role: 'system' } }, { type: 'presence.set', entryId: KAMCHATKA, state: 'online' });
    expect(videoLinkDown(sim.entry(KAMCHATKA), sim.state)).toBeNull();
    sim.as({ actor: { role: 'system' } }, { type: 'presence.set', entryId: KAMCHATKA, state: 'reconnecting' });
    expect(videoLinkDown(sim.entry(KAMCHATKA), sim.state)).toBe('reconnecting');
    // Checked in: the city came to the hall after all.
    sim.run({ type: 'entry.checkIn', entryId: KAMCHATKA, present: true });
    expect(videoLinkDown(sim.entry(KAMCHATKA), sim.state)).toBeNull();
    // Marked absent: warned as such.
    sim.run({ type: 'entry.markAbsent', entryId: KAMCHATKA });
    expect(videoLinkDown(sim.entry(KAMCHATKA), sim.state)).toBe('absent');
    // An entry planned in the hall never warns.
    expect(videoLinkDown(sim.entry(OPENING), sim.state)).toBeNull();
  });
});
