// The after-meeting report: per entry how it took part and how much time it used, plus totals and
// the plan against what happened. Pure: built from the final state and the event's journal for a
// `now` the caller passes (which only matters while the session is still running).
import type { Attendance, ConnectionState, EntryKind, EntryStatus, EventInfo, Phase, RollcallState, Span } from './model';
import type { Command, CommandContext } from './protocol';
import { toCsv } from './csv';
import { countryName, formatDuration } from './format';
import { plannedSchedule } from './schedule';
import { allottedTotalMs, overtimeMs, resumeSpan, scheduleFigures, spanMs, usedMs } from './time';

/**
 * How an entry actually took part, decided in this order:
 * - 'absent'     the moderator marked it absent (and only then: nobody is called absent for not being reached);
 * - 'hall'       it was checked in, or it was planned in person and had the floor;
 * - 'online'     it had the floor (planned online), or its link was online at some moment of the session;
 * - 'pending'    the meeting has not started;
 * - 'not_called' otherwise: the meeting runs or has finished and it had no turn, no check-in, no connection.
 */
export type Participation = 'hall' | 'online' | 'absent' | 'not_called' | 'pending';

export interface ReportEntry {
  /** 1-based place in the final running order. */
  place: number;
  id: string;
  kind: EntryKind;
  nameRu: string;
  nameEn: string;
  country: string;
  region: string;
  timeZone: string;
  representative: string;
  position: string;
  /** As planned (or registered) by the city. */
  attendance: Attendance;
  participation: Participation;
  status: EntryStatus;
  /** Allotment including extensions. */
  allottedMs: number;
  extraMs: number;
  usedMs: number;
  overtimeMs: number;
  turns: number;
  firstStartedAt: number | null;
  /** null while the last turn is still open. */
  lastEndedAt: number | null;
  plannedStartAt: number;
  plannedEndAt: number;
  /**
   * Online-attendance entries only (null for the hall): time within the session's span, pauses
   * included, when the link was not 'online' (reconnecting or offline).
   */
  offlineMs: number | null;
  practiceTitle: string;
  practiceSummary: string;
  contact: string;
  nomination: string | null;
  registeredAt: number | null;
}

export interface ReportTotals {
  entries: number;
  /** Entries that had the floor at least once. */
  spoke: number;
  /** Entries the moderator marked absent. */
  markedAbsent: number;
  /**
   * Entries that had no turn and were not marked absent, once the meeting has started: «не вызваны»
   * in the minutes, whether or not their link was connected. spoke + markedAbsent + notCalled = entries.
   */
  notCalled: number;
  participation: Record<Participation, number>;
  /** Sum of allotments (with extensions) of the entries not marked absent, as the plan counts them. */
  allottedMs: number;
  usedMs: number;
  overtimeMs: number;
  /** Entries that went over their allotment. */
  overTime: number;
  /** Session time, pauses excluded. */
  sessionElapsedMs: number;
  pausedMs: number;
  plannedStartAt: number;
  /** Planned start + the event's planned total. */
  plannedEndAt: number;
  /** Where the back-to-back allotments (plannedSchedule) end. */
  scheduledEndAt: number;
  actualStartAt: number | null;
  actualEndAt: number | null;
  /** Actual start minus planned start (positive: started late). */
  startDriftMs: number | null;
  /** Actual (or, while running, projected) end minus planned end; positive: behind the plan. */
  driftMs: number;
}

export interface Report {
  event: EventInfo;
  phase: Phase;
  generatedAt: number;
  entries: ReportEntry[];
  totals: ReportTotals;
}

export type ReportLocale = 'ru' | 'en';

export interface ReportRecord {
  version: number;
  command: Command;
  ctx: CommandContext;
}

interface Link {
  onlineMs: number;
  offlineMs: number;
}

/**
 * Walks the presence.set records for each entry and measures, within [from, to], how long its link
 * was online and how long not. Before its first presence.set an entry's link counts as offline.
 */
function linkTimes(records: readonly ReportRecord[], from: number, to: number): (id: string) => Link {
  const clip = (a: number, b: number) => Math.max(0, Math.min(b, to) - Math.max(a, from));
  const online = new Map<string, number>();
  const last = new Map<string, { state: ConnectionState; since: number }>();
  for (const { command, ctx } of records) {
    if (command.type !== 'presence.set' || ctx.actor.role !== 'system') continue;
    const prev = last.get(command.entryId);
    if (prev?.state === command.state) continue;
    if (prev?.state === 'online') online.set(command.entryId, (online.get(command.entryId) ?? 0) + clip(prev.since, ctx.now));
    last.set(command.entryId, { state: command.state, since: ctx.now });
  }
  return (id) => {
    const prev = last.get(id);
    const onlineMs = (online.get(id) ?? 0) + (prev?.state === 'online' ? clip(prev.since, to) : 0);
    return { onlineMs, offlineMs: Math.max(0, to - from) - onlineMs };
  };
}

export function buildReport(state: RollcallState, records: readonly ReportRecord[], now: number): Report {
  const session: Span | null = state.session;
  // The session's span with its pauses: a city offline during a pause still missed that time.
  const from = session?.startedAt ?? now;
  const to = session ? (session.endedAt ?? Math.max(now, session.startedAt)) : now;
  const link = linkTimes(records, from, to);
  const planned = new Map(plannedSchedule(state).map((slot) => [slot.entryId, slot]));

  const entries = state.order.flatMap((id, i): ReportEntry[] => {
    const entry = state.entries[id];
    if (!entry) return [];
    const times = link(id);
    const spoke = entry.turns.length > 0;
    const participation: Participation =
      entry.status === 'absent'
        ? 'absent'
        : entry.checkedIn || (spoke && entry.attendance === 'in_person')
          ? 'hall'
          : spoke || times.onlineMs > 0
            ? 'online'
            : state.phase === 'planned'
              ? 'pending'
              : 'not_called';
    const slot = planned.get(id)!;
    const lastTurn = entry.turns[entry.turns.length - 1];
    return [
      {
        place: i + 1,
        id,
        kind: entry.kind,
        nameRu: entry.nameRu,
        nameEn: entry.nameEn,
        country: entry.country,
        region: entry.region,
        timeZone: entry.timeZone,
        representative: entry.representative,
        position: entry.position,
        attendance: entry.attendance,
        participation,
        status: entry.status,
        allottedMs: allottedTotalMs(entry),
        extraMs: entry.extraMs,
        usedMs: usedMs(entry, now),
        overtimeMs: overtimeMs(entry, now),
        turns: entry.turns.length,
        firstStartedAt: entry.turns[0]?.startedAt ?? null,
        lastEndedAt: lastTurn?.endedAt ?? null,
        plannedStartAt: slot.plannedStartAt,
        plannedEndAt: slot.plannedEndAt,
        offlineMs: entry.attendance === 'online' ? (session ? times.offlineMs : 0) : null,
        practiceTitle: entry.practiceTitle,
        practiceSummary: entry.practiceSummary,
        contact: entry.contact,
        nomination: entry.nomination,
        registeredAt: entry.registeredAt,
      },
    ];
  });

  const sum = (pick: (e: ReportEntry) => number, rows = entries) => rows.reduce((acc, e) => acc + pick(e), 0);
  const count = (test: (e: ReportEntry) => boolean) => entries.filter(test).length;
  const figures = scheduleFigures(state, now);
  const plannedStartAt = Date.parse(state.event.plannedStart);
  const totals: ReportTotals = {
    entries: entries.length,
    spoke: count((e) => e.turns > 0),
    markedAbsent: count((e) => e.status === 'absent'),
    notCalled: state.phase === 'planned' ? 0 : count((e) => e.turns === 0 && e.status !== 'absent'),
    participation: {
      hall: count((e) => e.participation === 'hall'),
      online: count((e) => e.participation === 'online'),
      absent: count((e) => e.participation === 'absent'),
      not_called: count((e) => e.participation === 'not_called'),
      pending: count((e) => e.participation === 'pending'),
    },
    allottedMs: sum(
      (e) => e.allottedMs,
      entries.filter((e) => e.status !== 'absent'),
    ),
    usedMs: sum((e) => e.usedMs),
    overtimeMs: sum((e) => e.overtimeMs),
    overTime: count((e) => e.overtimeMs > 0),
    sessionElapsedMs: session ? spanMs(session, now) : 0,
    // resumeSpan folds a pause still open at `now` into pausedMs.
    pausedMs: session ? resumeSpan(session, now).pausedMs : 0,
    plannedStartAt,
    plannedEndAt: figures.plannedEndAt,
    scheduledEndAt: entries.length ? entries[entries.length - 1]!.plannedEndAt : plannedStartAt,
    actualStartAt: session?.startedAt ?? null,
    actualEndAt: session?.endedAt ?? null,
    startDriftMs: session ? session.startedAt - plannedStartAt : null,
    driftMs: figures.driftMs,
  };
  return { event: state.event, phase: state.phase, generatedAt: now, entries, totals };
}

// ---- CSV ----------------------------------------------------------------------------------------
// Written by lib/csv.ts toCsv: UTF-8 BOM, ';', CRLF, text cells neutralised against formulas.

export type CsvCell = string | number | null;

/** Whole seconds, rounded down like formatDuration, for the machine-readable columns. */
export const seconds = (ms: number) => Math.floor(Math.max(0, ms) / 1000);

/** "2026-12-10 10:05:30" in `timeZone`; with `time` only, "10:05:30". */
export function formatStamp(at: number | null, timeZone: string, part: 'date' | 'time' | 'both' = 'both'): string {
  if (at === null) return '';
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  const time = `${get('hour')}:${get('minute')}:${get('second')}`;
  return part === 'date' ? date : part === 'time' ? time : `${date} ${time}`;
}

export const entryName = (e: Pick<ReportEntry, 'nameRu' | 'nameEn'>, locale: ReportLocale) => (locale === 'en' && e.nameEn) || e.nameRu;

const LABELS = {
  ru: {
    headers: [
      '№',
      'Город',
      'Тип',
      'Страна',
      'Регион',
      'Представитель',
      'Должность',
      'Формат',
      'Участие',
      'Статус',
      'План: начало',
      'План: конец',
      'Начало',
      'Окончание',
      'Отведено (мин:с)',
      'Отведено, с',
      'Продление, с',
      'Использовано (мин:с)',
      'Использовано, с',
      'Сверх времени (мин:с)',
      'Сверх времени, с',
      'Выступлений',
      'Вне сети (мин:с)',
      'Вне сети, с',
      'Практика',
      'Описание практики',
      'Номинация',
      'Контакт',
      'Регистрация',
      'id',
    ],
    kind: { city: 'Город', guest: 'Гость' },
    attendance: { in_person: 'В зале', online: 'По видеосвязи' },
    participation: {
      hall: 'В зале',
      online: 'По видеосвязи',
      absent: 'Отсутствовал (отмечен ведущим)',
      not_called: 'Не вызван',
      pending: 'До начала',
    },
    status: { waiting: 'Ждёт', speaking: 'Выступает', done: 'Выступил', deferred: 'Вернуться позже', absent: 'Отсутствует' },
  },
  en: {
    headers: [
      'No.',
      'City',
      'Kind',
      'Country',
      'Region',
      'Representative',
      'Position',
      'Attendance',
      'Took part',
      'Status',
      'Planned start',
      'Planned end',
      'Started',
      'Ended',
      'Allotted (m:ss)',
      'Allotted, s',
      'Extension, s',
      'Used (m:ss)',
      'Used, s',
      'Overtime (m:ss)',
      'Overtime, s',
      'Turns',
      'Offline (m:ss)',
      'Offline, s',
      'Practice',
      'Practice summary',
      'Nomination',
      'Contact',
      'Registered',
      'id',
    ],
    kind: { city: 'City', guest: 'Guest' },
    attendance: { in_person: 'In the hall', online: 'By video' },
    participation: {
      hall: 'In the hall',
      online: 'By video',
      absent: 'Absent (marked by the moderator)',
      not_called: 'Not called',
      pending: 'Before the start',
    },
    status: { waiting: 'Waiting', speaking: 'Speaking', done: 'Done', deferred: 'Return later', absent: 'Absent' },
  },
} as const;

/**
 * One row per entry, for the organisers (it carries the cities' contacts). Clock times are in the
 * event's time zone; durations as m:ss, said so in the header (1:52 is not a time of day), plus
 * whole seconds for machines.
 */
export function reportCsv(report: Report, locale: ReportLocale = 'ru'): string {
  const l = LABELS[locale];
  const tz = report.event.timeZone;
  const rows = report.entries.map((e): CsvCell[] => [
    e.place,
    entryName(e, locale),
    l.kind[e.kind],
    countryName(e.country, locale),
    e.region,
    e.representative,
    e.position,
    l.attendance[e.attendance],
    l.participation[e.participation],
    l.status[e.status],
    formatStamp(e.plannedStartAt, tz, 'time'),
    formatStamp(e.plannedEndAt, tz, 'time'),
    formatStamp(e.firstStartedAt, tz, 'time'),
    formatStamp(e.lastEndedAt, tz, 'time'),
    formatDuration(e.allottedMs),
    seconds(e.allottedMs),
    Math.trunc(e.extraMs / 1000),
    formatDuration(e.usedMs),
    seconds(e.usedMs),
    formatDuration(e.overtimeMs),
    seconds(e.overtimeMs),
    e.turns,
    e.offlineMs === null ? null : formatDuration(e.offlineMs),
    e.offlineMs === null ? null : seconds(e.offlineMs),
    e.practiceTitle,
    e.practiceSummary,
    e.nomination,
    e.contact,
    formatStamp(e.registeredAt, tz),
    e.id,
  ]);
  return toCsv([l.headers, ...rows]);
}

/** The whole report as JSON; times are ms since epoch, durations in ms. */
export function reportJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
