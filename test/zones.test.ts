// How Russia names its zones (МСК+N), and which cities keep Moscow's clock.
import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, mskLabel, sameClock, zoneForOffset } from '../lib/zones';

const AT = Date.parse('2026-12-10T07:00:00Z');

describe('zones', () => {
  it.each([
    ['Europe/Moscow', 'ru', 'МСК'],
    ['Europe/Minsk', 'ru', 'МСК'],
    ['Asia/Yakutsk', 'ru', 'МСК+6'],
    ['Asia/Vladivostok', 'ru', 'МСК+7'],
    ['Europe/Kaliningrad', 'ru', 'МСК−1'],
    ['Asia/Kolkata', 'ru', 'МСК+2:30'],
    ['Asia/Vladivostok', 'en', 'MSK+7'],
  ])('%s in %s is %s', (zone, locale, label) => {
    expect(mskLabel(zone, AT, locale)).toBe(label);
  });

  it("Minsk keeps Moscow's clock, Kaliningrad does not", () => {
    expect(sameClock('Europe/Minsk', 'Europe/Moscow', AT)).toBe(true);
    expect(sameClock('Europe/Kaliningrad', 'Europe/Moscow', AT)).toBe(false);
  });

  it("an offset becomes the city's own zone, else Russia's, else a fixed one", () => {
    expect(zoneForOffset(7 * 60, AT, 'Asia/Novosibirsk')).toBe('Asia/Novosibirsk');
    expect(zoneForOffset(7 * 60, AT, 'Asia/Yakutsk')).toBe('Asia/Krasnoyarsk');
    expect(zoneForOffset(-5 * 60, AT)).toBe('Etc/GMT+5');
    expect(zoneForOffset(5 * 60 + 45, AT)).toBeNull();
    expect(canonicalTimeZone('europe/moscow')).toBe('Europe/Moscow');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
  });
});
