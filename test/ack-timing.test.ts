// The server's own time to each acknowledgement, on the `rollcall:ack` diagnostics channel: one timing
// per answered command, from the socket and from HTTP, published once the answer is written (the
// bench's host listens; nothing does in production).
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { ACK_TIMING_CHANNEL, type AckTiming } from '../server/ack-timing';
import { KEY, connected, useRealServer } from './support/real-server';
import { command } from './support/socket-room';

describe('the server times its own acknowledgements', () => {
  const s = useRealServer({ tempPrefix: 'rollcall-ack-timing-' });

  it('publishes one timing per answered command, socket (a refusal too) and HTTP', async () => {
    const moderator = s.connect('moderator', { auth: { key: KEY } });
    await connected(moderator);
    const timings: AckTiming[] = [];
    const listener = (timing: unknown) => void timings.push(timing as AckTiming);
    subscribe(ACK_TIMING_CHANNEL, listener);
    try {
      expect(await command(moderator, { type: 'session.start' })).toMatchObject({ ok: true });
      // Already answered by the time the client holds the answer.
      expect(timings.map((t) => t.transport)).toEqual(['socket']);
      expect(await command(moderator, { type: 'speaker.teleport' })).toMatchObject({ ok: false });
      const http = await s.command({ type: 'speaker.next' });
      expect(http.status, http.text).toBe(200);
      expect(timings.map((t) => t.transport)).toEqual(['socket', 'socket', 'http']);
      for (const timing of timings) expect(timing.ms).toBeGreaterThan(0);
    } finally {
      unsubscribe(ACK_TIMING_CHANNEL, listener);
    }
    expect(await command(moderator, { type: 'speaker.next' })).toMatchObject({ ok: true });
    expect(timings).toHaveLength(3); // nobody listening: nothing timed
  });
});
