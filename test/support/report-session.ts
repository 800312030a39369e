// The scripted session the report's tests read: a small round table, a session with turns, a
// drop, a pause, absences and nominations, and the report once it has finished.
import type { z } from 'zod';
import demo from '../../server/demo-round-table.json';
import type { Actor, RollcallState } from '../../lib/model';
import { commandSchema, type EntryFields } from '../../lib/protocol';
import { reduce } from '../../lib/reducer';
import { initialState, parseRoundTable } from '../../lib/seed';
import { buildReport, type ReportRecord } from '../../lib/report';

export type Raw = z.input<typeof commandSchema>;

export const T0 = Date.parse('2026-12-10T07:00:00Z'); // planned start, 10:00 Moscow time
export const SEC = 1000;
export const MIN = 60 * SEC;
export const S = T0 + 2 * MIN; // the session starts two minutes late
export const MODERATOR: Actor = { role: 'moderator' };
export const SYSTEM: Actor = { role: 'system' };

export const pick = (nameEn: string, over: Partial<EntryFields> = {}): EntryFields => {
  const fields = demo.entries.find((e) => e.nameEn === nameEn);
  if (!fields) throw new Error(`no ${nameEn} in the demo`);
  return { ...(fields as EntryFields), ...over };
};

export const INJECTION = '=HYPERLINK("http://evil.example","клик")';
export const TABLE = parseRoundTable({
  event: { ...demo.event, plannedTotalMinutes: 25 },
  entries: [
    pick('Opening words'), // 300 s, in the hall
    pick('Petropavlovsk-Kamchatsky', { practiceTitle: '*Вулкан* жизни [2026] #1', practiceSummary: '- первая строка\n1. вторая & <b>' }),
    pick('Magadan'),
    pick('Yakutsk'), // in person, not checked in
    pick('Chita'), // marked absent, never connected
    pick('Omsk'), // deferred, comes back
    pick('Tomsk'), // deferred, never gets the floor
    pick('Minsk', { representative: INJECTION, practiceSummary: 'Сбор; "ИТ" с сердцем\nвторая строка' }),
  ],
});

/** The reducer with a fake clock, keeping every accepted command as the journal does. */
export class Sim {
  state: RollcallState = initialState(TABLE);
  records: ReportRecord[] = [];
  now = T0;

  at(t: number): this {
    this.now = t;
    return this;
  }
  run(actor: Actor, ...commands: Raw[]): this {
    for (const raw of commands) {
      const command = commandSchema.parse(raw);
      const ctx = { now: this.now, actor, newId: `x${this.records.length}` };
      const result = reduce(this.state, command, ctx);
      if (!result.ok) throw new Error(`${raw.type} was rejected: ${result.error.message}`);
      this.state = result.state;
      this.records.push({ version: result.state.version, command, ctx });
    }
    return this;
  }
  mod(...commands: Raw[]) {
    return this.run(MODERATOR, ...commands);
  }
  presence(entryId: string, state: 'online' | 'reconnecting' | 'offline') {
    return this.run(SYSTEM, { type: 'presence.set', entryId, state });
  }
}

export const [OPENING, KAMCHATKA, MAGADAN, YAKUTSK, CHITA, OMSK, TOMSK, MINSK] = initialState(TABLE).order as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];

/** The whole session; `stopAt` returns a copy of the sim as it was right after the pause. */
export function session() {
  const s = new Sim();
  s.at(T0 - 24 * 60 * MIN).run(
    { role: 'participant', entryId: OMSK },
    { type: 'entry.register', fields: { representative: 'Юрченко Алексей Борисович', attendance: 'online', contact: '+7 999 000-00-00' } },
  );
  s.at(T0 - 10 * MIN)
    .presence(KAMCHATKA, 'online')
    .presence(MAGADAN, 'online');
  s.at(S).mod(
    { type: 'session.start' },
    { type: 'entry.checkIn', entryId: OPENING, present: true },
    { type: 'entry.checkIn', entryId: MINSK, present: true },
    { type: 'entry.markAbsent', entryId: CHITA },
    { type: 'speaker.next' }, // opening words
  );
  s.at(S + 10 * SEC).mod({ type: 'queue.defer', entryId: OMSK });
  s.at(S + 20 * SEC).mod({ type: 'queue.defer', entryId: TOMSK });
  s.at(S + 30 * SEC).presence(TOMSK, 'online');
  s.at(S + 60 * SEC).presence(OMSK, 'online');
  s.at(S + 320 * SEC).mod({ type: 'speaker.next' }); // opening: 320 s of 300 -> Kamchatka
  s.at(S + 380 * SEC).presence(KAMCHATKA, 'reconnecting'); // drops for 40 s mid-turn
  s.at(S + 395 * SEC).presence(KAMCHATKA, 'offline');
  s.at(S + 420 * SEC).presence(KAMCHATKA, 'online');
  s.at(S + 490 * SEC).mod({ type: 'speaker.next' }); // Kamchatka: 170 s -> Magadan
  s.at(S + 500 * SEC).presence(MAGADAN, 'online'); // a repeat: changes nothing
  s.at(S + 590 * SEC).mod({ type: 'session.pause' });
  const paused = { state: s.state, records: [...s.records] };
  s.at(S + 650 * SEC).mod({ type: 'session.resume' });
  s.at(S + 700 * SEC).mod({ type: 'speaker.next' }); // Magadan: 150 s -> Yakutsk
  s.at(S + 880 * SEC).mod({ type: 'speaker.next' }); // Yakutsk: 180 s -> (Chita absent) Minsk
  s.at(S + 1080 * SEC).mod({ type: 'speaker.next' }); // Minsk: 200 s of 180 -> deferred Omsk
  s.at(S + 1200 * SEC).mod({ type: 'speaker.start', entryId: MAGADAN }, { type: 'speaker.extend', seconds: 60 }); // Omsk: 120 s
  s.at(S + 1250 * SEC).presence(OMSK, 'offline');
  s.at(S + 1280 * SEC).mod({ type: 'session.finish' }); // Magadan's second turn: 80 s
  s.at(S + 1290 * SEC).mod(
    { type: 'entry.nominate', entryId: KAMCHATKA, nomination: 'За работу с молодёжью' },
    { type: 'entry.nominate', entryId: MINSK, nomination: 'За цифровые решения' },
  );
  return { s, paused };
}

export const finished = () => {
  const { s } = session();
  return buildReport(s.state, s.records, S + 1300 * SEC);
};
