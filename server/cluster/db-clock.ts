// How far this node's clock is from the database's, measured the way the clients measure theirs
// against the server: several samples, the one with the shortest round trip wins. Commands carry the
// accepting node's time, so a node off by more than the limit takes none until it is back in line.
import type pg from 'pg';
import { bestOffset, type ClockSample } from '../../lib/time';
import type { Clock } from '../clock';

export const MAX_CLOCK_OFFSET_MS = 100;
const SAMPLES = 5;

/** The database's clock minus this node's (ms), and the round trip of the sample it came from. */
export async function measureOffset(pool: pg.Pool, clock: Clock): Promise<{ offsetMs: number; rttMs: number }> {
  const samples: ClockSample[] = [];
  const client = await pool.connect();
  try {
    for (let i = 0; i < SAMPLES; i++) {
      const sentAt = clock.now();
      const { rows } = await client.query<{ now: number }>('SELECT (extract(epoch from clock_timestamp()) * 1000)::float8 AS now');
      samples.push({ sentAt, receivedAt: clock.now(), serverTime: rows[0]!.now });
    }
  } finally {
    client.release();
  }
  const best = bestOffset(samples);
  if (!best) throw new Error('the clock went backwards while measuring its offset to the database');
  return best;
}
