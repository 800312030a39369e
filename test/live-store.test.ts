import { describe, expect, it } from 'vitest';
import demo from '../server/demo-round-table.json';
import { bestOffset, createLiveStore, serverNow } from '../components/live/live-store';
import type { RollcallState } from '../lib/model';
import { PROTOCOL_VERSION, type Command, type SnapshotMessage } from '../lib/protocol';
import { reduce } from '../lib/reducer';
import { initialState, parseRoundTable } from '../lib/seed';
import { diffViews, viewFor, type ViewAudience } from '../lib/view';

const T0 = Date.parse('2026-12-10T07:00:00Z');
const moderator = { role: 'moderator' } as const;

function run(state: RollcallState, command: Command, now: number) {
  const result = reduce(state, command, { now, actor: moderator, newId: `id${state.version}` });
  if (!result.ok) throw new Error(result.error.message);
  return { state: result.state, patch: diffViews(viewFor(state, moderator), viewFor(result.state, moderator), now, result.notices) };
}

function snapshot(state: RollcallState): SnapshotMessage {
  return {
    protocol: PROTOCOL_VERSION,
    eventId: 'main',
    role: 'moderator',
    entryId: null,
    serverTime: T0,
    view: viewFor(state, moderator),
    headcount: { viewers: 0, participants: 0, moderators: 1 },
  };
}

describe('live store', () => {
  const s0 = initialState(parseRoundTable(demo));
  const a = run(s0, { type: 'session.start' }, T0);
  const b = run(a.state, { type: 'speaker.next' }, T0 + 1000);
  const c = run(b.state, { type: 'speaker.next' }, T0 + 5000);

  it('applies patches in order and ends equal to the server view', () => {
    const store = createLiveStore();
    store.getState().receiveSnapshot(snapshot(s0));
    expect(store.getState().receivePatch(a.patch)).toBe('applied');
    expect(store.getState().receivePatch(b.patch)).toBe('applied');
    expect(store.getState().receivePatch(c.patch)).toBe('applied');
    expect(store.getState().view).toEqual(viewFor(c.state, moderator));
    expect(store.getState().notices).toEqual([{ type: 'floor', entryId: c.state.currentEntryId, previousId: b.state.currentEntryId }]);
  });

  it('ignores stale and duplicated patches', () => {
    const store = createLiveStore();
    store.getState().receiveSnapshot(snapshot(b.state));
    expect(store.getState().receivePatch(a.patch)).toBe('ignored');
    expect(store.getState().receivePatch(b.patch)).toBe('ignored');
    expect(store.getState().view?.version).toBe(b.state.version);
    expect(store.getState().receivePatch(c.patch)).toBe('applied');
    expect(store.getState().receivePatch(c.patch)).toBe('ignored');
  });

  it('reports a gap when a patch skips a version, and keeps the old view until resynced', () => {
    const store = createLiveStore();
    store.getState().receiveSnapshot(snapshot(a.state));
    expect(store.getState().receivePatch(c.patch)).toBe('gap');
    expect(store.getState().view?.version).toBe(a.state.version);
    store.getState().receiveSnapshot(snapshot(c.state));
    expect(store.getState().view?.currentEntryId).toBe(c.state.currentEntryId);
  });

  it('asks for a snapshot when a patch arrives before any snapshot', () => {
    expect(createLiveStore().getState().receivePatch(a.patch)).toBe('gap');
  });

  it('does not go back to an older snapshot (a late sync reply)', () => {
    const store = createLiveStore();
    store.getState().receiveSnapshot(snapshot(c.state));
    store.getState().receiveSnapshot(snapshot(a.state));
    expect(store.getState().view?.version).toBe(c.state.version);
  });

  it('accepts any snapshot of another event (after a switch, versions start over)', () => {
    const store = createLiveStore();
    store.getState().receiveSnapshot(snapshot(c.state));
    store.getState().receiveSnapshot({ ...snapshot(s0), eventId: 'main-r1' });
    expect(store.getState()).toMatchObject({ eventId: 'main-r1', view: { version: 0, currentEntryId: null } });
  });

  it('follows a screen whose patches skip the versions it could not see, and still catches a real gap', () => {
    // What the server sends a screen: a patch only when its view changed, naming the last version it saw.
    const screen: ViewAudience = { role: 'viewer' };
    const signal = reduce(
      b.state,
      { type: 'signal.send', kind: 'ready' },
      { now: T0 + 2000, actor: { role: 'participant', entryId: 'omsk' }, newId: 'x' },
    );
    if (!signal.ok) throw new Error(signal.error.message);
    const after = run(signal.state, { type: 'speaker.next' }, T0 + 6000);
    const skipped = diffViews(viewFor(b.state, screen), viewFor(after.state, screen), T0 + 6000, []);
    expect([skipped.baseVersion, skipped.version]).toEqual([b.state.version, b.state.version + 2]);

    const store = createLiveStore();
    store.getState().receiveSnapshot({ ...snapshot(b.state), role: 'viewer', view: viewFor(b.state, screen) });
    expect(store.getState().receivePatch(skipped)).toBe('applied');
    expect(store.getState().view).toEqual(viewFor(after.state, screen));

    const behind = createLiveStore();
    behind.getState().receiveSnapshot({ ...snapshot(a.state), role: 'viewer', view: viewFor(a.state, screen) });
    expect(behind.getState().receivePatch(skipped)).toBe('gap');
  });

  it('drops the view when another event becomes active, and takes the snapshot that follows', () => {
    const store = createLiveStore();
    store.getState().receiveSnapshot(snapshot(c.state));
    store.getState().receiveActiveEvent({ eventId: 'main-r1', previousEventId: 'main' });
    expect(store.getState()).toMatchObject({ eventId: 'main-r1', view: null });
    // A patch before the new snapshot cannot apply to a view of the old event.
    expect(store.getState().receivePatch(a.patch)).toBe('gap');
    store.getState().receiveSnapshot({ ...snapshot(s0), eventId: 'main-r1' });
    expect(store.getState()).toMatchObject({ eventId: 'main-r1', view: { version: 0 } });
  });

  it('applies the clock offset to the server time estimate', () => {
    const store = createLiveStore();
    store.getState().setClock(-2500, 40);
    expect(serverNow(store.getState(), 10_000)).toBe(7_500);
  });
});

describe('bestOffset', () => {
  it('trusts the sample with the shortest round trip', () => {
    // Server clock is 1000 ms ahead. The slow sample's asymmetric delay would mislead by 300 ms.
    const best = bestOffset([
      { sentAt: 0, receivedAt: 800, serverTime: 1000 + 100 },
      { sentAt: 1000, receivedAt: 1020, serverTime: 2000 + 10 },
      { sentAt: 2000, receivedAt: 2100, serverTime: 3000 + 50 },
    ]);
    expect(best).toEqual({ offsetMs: 1000, rttMs: 20 });
  });

  it('returns null without usable samples', () => {
    expect(bestOffset([])).toBeNull();
    expect(bestOffset([{ sentAt: 10, receivedAt: 5, serverTime: 0 }])).toBeNull();
  });
});
