// A finished round table for the documents' tests: the demo list, a few speeches with a pause and
// an extension, a city marked absent, the meeting closed before the end of the list, three
// practices nominated for diplomas. Built through the reducer with a fake clock, as the journal would.
import demo from '../../server/demo-round-table.json';
import type { Actor, RollcallState } from '../../lib/model';
import { commandSchema, type Command } from '../../lib/protocol';
import { reduce } from '../../lib/reducer';
import { buildReport, type Report, type ReportRecord } from '../../lib/report';
import { initialState, parseRoundTable } from '../../lib/seed';

export const MEETING_START = Date.parse('2026-12-10T07:02:00Z'); // 10:02 Moscow time
const SEC = 1000;

export function finishedMeeting(): { state: RollcallState; records: ReportRecord[]; report: Report } {
  const table = parseRoundTable(demo);
  let state = initialState(table);
  const records: ReportRecord[] = [];
  let now = MEETING_START - 3600 * SEC;
  const run = (actor: Actor, raw: unknown) => {
    const command: Command = commandSchema.parse(raw);
    const ctx = { now, actor, newId: `n${records.length}` };
    const result = reduce(state, command, ctx);
    if (!result.ok) throw new Error(`${command.type}: ${result.error.message}`);
    state = result.state;
    records.push({ version: state.version, command, ctx });
  };
  const mod = (raw: unknown) => run({ role: 'moderator' }, raw);
  const at = (seconds: number) => (now = MEETING_START + seconds * SEC);

  const register = (entryId: string, fields: Record<string, string>) =>
    run({ role: 'participant', entryId }, { type: 'entry.register', fields: { attendance: 'online', ...fields } });
  register('yakutsk', {
    representative: 'Иванова Мария Петровна',
    position: 'начальник управления здравоохранения',
    attendance: 'in_person',
    practiceTitle: 'Донорство при минус пятидесяти',
    practiceSummary: 'Выездные бригады в улусы зимой: кровь сдают там, где живут.\nЗа год — 1 200 новых доноров.',
  });
  register('magadan', {
    representative: 'Петров Сергей Иванович',
    position: 'главный врач станции переливания крови',
    practiceTitle: 'Колымская эстафета',
    practiceSummary: 'Школьники и студенты ведут городской марафон донорства.',
  });
  register('gomel', {
    representative: 'Ковальчук Анна Сергеевна',
    position: 'заместитель председателя горисполкома',
    attendance: 'in_person',
    practiceTitle: 'Донор — герой рядом',
    practiceSummary: 'Истории доноров в городском транспорте и на предприятиях.',
  });

  at(0);
  mod({ type: 'session.start' });
  mod({ type: 'entry.checkIn', entryId: 'yakutsk', present: true });
  mod({ type: 'entry.markAbsent', entryId: 'chita' });
  const order = state.order;
  let t = 0;
  // The three guests, then the cities from the east until Irkutsk; Magadan gets 30 s more.
  for (const id of order.slice(0, order.indexOf('irkutsk') + 1)) {
    if (state.entries[id]!.status === 'absent') continue;
    mod({ type: 'speaker.start', entryId: id });
    if (id === 'magadan') mod({ type: 'speaker.extend', seconds: 30 });
    t += 95 + ((id.length * 7) % 70);
    at(t);
    if (id === 'yuzhno-sakhalinsk') {
      mod({ type: 'session.pause' });
      t += 120;
      at(t);
      mod({ type: 'session.resume' });
    }
  }
  mod({ type: 'session.finish' });
  at(t + 60);
  mod({ type: 'entry.nominate', entryId: 'yakutsk', nomination: 'Лучшая практика привлечения доноров' });
  mod({ type: 'entry.nominate', entryId: 'magadan', nomination: 'Молодёжная инициатива' });
  mod({ type: 'entry.nominate', entryId: 'gomel', nomination: 'Информационная кампания' });
  mod({
    type: 'event.update',
    fields: {
      documents: {
        venue: 'Москва, Дом национальностей',
        chair: 'Орлов П. А.',
        secretary: 'Беляева К. С.',
        diplomaIssuer: 'Международная ассамблея столиц и крупных городов',
        signers: [
          { role: 'Президент Ассамблеи', name: 'А. Ж. Кульгинов' },
          { role: 'Генеральный директор', name: 'В. В. Селиванов' },
        ],
      },
    },
  });
  return { state, records, report: buildReport(state, records, now) };
}
