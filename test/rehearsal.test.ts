// A rehearsal copy's start: the day it is made, at the real event's time of day while that is ahead.
import { describe, expect, it } from 'vitest';
import { isoInZone, rehearsalStart } from '../lib/rehearsal';

describe('rehearsal start', () => {
  it('keeps the time of day when it is still ahead today', () => {
    expect(rehearsalStart('2026-12-10T10:00:00+03:00', 'Europe/Moscow', Date.parse('2026-11-28T06:30:00Z'))).toBe(
      '2026-11-28T10:00:00+03:00',
    );
  });

  it('takes the next whole hour once that time has passed today', () => {
    expect(rehearsalStart('2026-12-10T10:00:00+03:00', 'Europe/Moscow', Date.parse('2026-11-28T12:20:00Z'))).toBe(
      '2026-11-28T16:00:00+03:00',
    );
  });

  it('counts the day in the event’s own zone', () => {
    // 22:30 UTC on the 27th is already the 28th in Yakutsk (UTC+9).
    expect(rehearsalStart('2026-12-10T10:00:00+09:00', 'Asia/Yakutsk', Date.parse('2026-11-27T22:30:00Z'))).toBe(
      '2026-11-28T10:00:00+09:00',
    );
  });

  it('writes an instant with the zone’s offset', () => {
    expect(isoInZone(Date.parse('2026-12-10T07:00:00Z'), 'Asia/Kolkata')).toBe('2026-12-10T12:30:00+05:30');
    expect(isoInZone(Date.parse('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('2026-07-01T08:00:00-04:00');
  });
});
