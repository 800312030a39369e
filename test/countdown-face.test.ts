import { describe, expect, it } from 'vitest';
import { countdownFace, formatDrift, formatSeconds } from '../lib/format';
import type { Entry } from '../lib/model';

const T = 1_000_000;
const entry = (turnStart: number, allottedMs = 180_000, extraMs = 0): Entry => ({
  id: 'yakutsk',
  kind: 'city',
  nameRu: 'Якутск',
  nameEn: 'Yakutsk',
  country: 'RU',
  region: '',
  timeZone: 'Asia/Yakutsk',
  longitude: 129.73,
  representative: '',
  position: '',
  attendance: 'online',
  practiceTitle: '',
  practiceSummary: '',
  allottedMs,
  extraMs,
  status: 'speaking',
  checkedIn: false,
  contact: '',
  registeredAt: null,
  nomination: null,
  turns: [{ startedAt: turnStart, endedAt: null, pausedAt: null, pausedMs: 0 }],
});

describe('countdown face', () => {
  it('counts down in whole seconds rounded up, white while plenty remains', () => {
    expect(countdownFace(entry(T), T, 30_000)).toEqual({ text: '3:00', tone: 'normal', second: 180 });
    expect(countdownFace(entry(T), T + 1, 30_000)).toMatchObject({ text: '3:00', tone: 'normal' });
    expect(countdownFace(entry(T), T + 1000, 30_000)).toMatchObject({ text: '2:59' });
  });

  it('turns amber at the warning threshold', () => {
    expect(countdownFace(entry(T), T + 149_999, 30_000).tone).toBe('normal');
    expect(countdownFace(entry(T), T + 150_000, 30_000)).toMatchObject({ text: '0:30', tone: 'warning' });
    expect(countdownFace(entry(T), T + 180_000, 30_000)).toMatchObject({ text: '0:00', tone: 'warning' });
  });

  it('turns red with a running overtime after the allotment', () => {
    expect(countdownFace(entry(T), T + 180_001, 30_000)).toMatchObject({ text: '+0:00', tone: 'overtime' });
    expect(countdownFace(entry(T), T + 245_500, 30_000)).toMatchObject({ text: '+1:05', tone: 'overtime', second: -65 });
  });

  it('counts extensions into the allotment', () => {
    expect(countdownFace(entry(T, 180_000, 60_000), T + 200_000, 30_000)).toMatchObject({ text: '0:40', tone: 'normal' });
  });

  it('respects a custom warning threshold', () => {
    expect(countdownFace(entry(T), T + 100_000, 90_000).tone).toBe('warning');
  });
});

describe('formatting', () => {
  it('formats seconds and drift', () => {
    expect(formatSeconds(3725)).toBe('1:02:05');
    expect(formatSeconds(59)).toBe('0:59');
    expect(formatDrift(250_000)).toBe('+4:10');
    expect(formatDrift(-90_000)).toBe('−1:30');
    expect(formatDrift(0)).toBe('0:00');
  });
});
