// A secretary's list: names only (or with «№», ФИО, должность, формат участия), «г. », ё/е, Belarus,
// «МСК+4» and «3 мин»; the built-in list of cities fills the rest, an unknown name asks "did you mean".
import { describe, expect, it } from 'vitest';
import { importEntries, type ImportError, type ImportResult } from '../lib/entry-import';
import type { EntryFields } from '../lib/protocol';

const AT = Date.parse('2026-12-10T10:00:00+03:00');
const options = { defaultTurnSeconds: 180, eventTimeZone: 'Europe/Moscow', at: AT };
const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const entriesOf = (result: ImportResult): EntryFields[] => {
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.entries;
};
const errorsOf = (result: ImportResult): ImportError[] => {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
};
const importCsv = (text: string) => importEntries(text, 'csv', options);

describe('a list of names is enough', () => {
  it('fills zone, longitude, region, country and English name from the city, in file order', () => {
    const entries = entriesOf(
      importCsv(
        csv(
          '№;Город;ФИО;Должность;Формат участия',
          '1;г. Якутск;Иванова М. П.;глава;ВКС',
          '2;Могилев;Петров П.;мэр;очно',
          '3;город Нижний  Новгород;;;онлайн',
        ),
      ),
    );
    expect(entries).toEqual([
      expect.objectContaining({
        kind: 'city',
        nameRu: 'Якутск',
        nameEn: 'Yakutsk',
        region: 'Республика Саха (Якутия)',
        country: 'RU',
        timeZone: 'Asia/Yakutsk',
        representative: 'Иванова М. П.',
        position: 'глава',
        attendance: 'online',
        allottedSeconds: 180,
      }),
      expect.objectContaining({
        nameRu: 'Могилёв',
        nameEn: 'Mogilev',
        region: 'Могилёвская область',
        country: 'BY',
        timeZone: 'Europe/Minsk',
        attendance: 'in_person',
      }),
      expect.objectContaining({ nameRu: 'Нижний Новгород', timeZone: 'Europe/Moscow', attendance: 'online' }),
    ]);
    expect(entries[0]!.longitude).toBeCloseTo(129.73, 2);
    expect(entries[1]!.longitude).toBeCloseTo(30.34, 2);
  });

  it('reads a bare column of names with no header at all', () => {
    const entries = entriesOf(importCsv(csv('Петропавловск Камчатский', 'ЯКУТСК', 'Гомель', 'Ростов на Дону')));
    expect(entries.map((e) => [e.nameRu, e.timeZone])).toEqual([
      ['Петропавловск-Камчатский', 'Asia/Kamchatka'],
      ['Якутск', 'Asia/Yakutsk'],
      ['Гомель', 'Europe/Minsk'],
      ['Ростов-на-Дону', 'Europe/Moscow'],
    ]);
  });

  it('says "did you mean" for a misspelt city, and names the line', () => {
    expect(errorsOf(importCsv(csv('Город', 'Якутск', 'Новосибирк', 'Атлантида')))).toEqual([
      {
        row: 3,
        column: 'Город',
        message:
          'unknown city "Новосибирк"; did you mean Новосибирск (Новосибирская область)? a place not in the built-in list needs its time zone and longitude',
      },
      { row: 4, column: 'Город', message: 'unknown city "Атлантида"; a place not in the built-in list needs its time zone and longitude' },
    ]);
  });

  it('takes a place the list lacks when the file gives its zone and longitude, keeping the name as written', () => {
    expect(entriesOf(importCsv(csv('Город;Часовой пояс;Долгота', 'г. Гавана;America/Havana;-82,38')))).toEqual([
      expect.objectContaining({ nameRu: 'Гавана', nameEn: '', region: '', timeZone: 'America/Havana', longitude: -82.38 }),
    ]);
  });

  it('asks for a region between namesakes, and uses one when given', () => {
    expect(errorsOf(importCsv(csv('Город', 'Железногорск')))).toEqual([
      {
        row: 2,
        column: 'Город',
        message: '"Железногорск" is ambiguous: Железногорск (Курская область), Железногорск (Красноярский край); add a region column',
      },
    ]);
    const [kursk, krasnoyarsk] = entriesOf(
      importCsv(csv('Город;Регион', 'Железногорск;Курская обл.', 'Железногорск (Красноярский край);')),
    );
    expect([kursk!.region, kursk!.timeZone]).toEqual(['Курская обл.', 'Europe/Moscow']);
    expect([krasnoyarsk!.nameRu, krasnoyarsk!.region, krasnoyarsk!.timeZone]).toEqual([
      'Железногорск',
      'Красноярский край',
      'Asia/Krasnoyarsk',
    ]);
  });

  it('keeps what the file says over what the list knows', () => {
    const [entry] = entriesOf(importCsv(csv('Город;Регион;Название (англ.);Долгота', 'Якутск;Якутия;Yakutsk City;129,7')));
    expect(entry).toMatchObject({ nameRu: 'Якутск', region: 'Якутия', nameEn: 'Yakutsk City', longitude: 129.7, timeZone: 'Asia/Yakutsk' });
  });

  it('gives a guest the event zone and does not look its name up', () => {
    expect(entriesOf(importCsv(csv('Тип;Название', 'гость;Приветствие министра', 'гость;Город мастеров')))).toEqual([
      expect.objectContaining({ kind: 'guest', nameRu: 'Приветствие министра', timeZone: 'Europe/Moscow', longitude: 0, region: '' }),
      expect.objectContaining({ kind: 'guest', nameRu: 'Город мастеров' }),
    ]);
  });
});

describe('time zones and turn lengths as people write them', () => {
  it.each([
    ['МСК+6', 'Якутск', 'Asia/Yakutsk'],
    ['мск + 4', 'Новосибирск', 'Asia/Novosibirsk'],
    ['МСК+4', 'Гавана', 'Asia/Krasnoyarsk'],
    ['МСК', 'Минск', 'Europe/Minsk'],
    ['МСК−1', 'Калининград', 'Europe/Kaliningrad'],
    ['UTC+9', 'Чита', 'Asia/Chita'],
    ['GMT+3', 'Гавана', 'Europe/Moscow'],
    ['UTC+4', 'Гавана', 'Europe/Samara'],
    ['+5', 'Гавана', 'Asia/Yekaterinburg'],
    ['Якутск', 'Гавана', 'Asia/Yakutsk'],
    ['asia/yakutsk', 'Гавана', 'Asia/Yakutsk'],
  ])('%s for %s is %s', (zone, city, want) => {
    const [entry] = entriesOf(importCsv(csv('Город;Часовой пояс;Долгота', `${city};${zone};100`)));
    expect(entry!.timeZone).toBe(want);
  });

  it('refuses an offset no zone has, and a word that is no zone', () => {
    expect(errorsOf(importCsv(csv('Город;Часовой пояс', 'Якутск;UTC+5:45', 'Чита;восточное')))).toEqual([
      { row: 2, column: 'Часовой пояс', message: "no time zone is UTC+5:45 on the event's date" },
      {
        row: 3,
        column: 'Часовой пояс',
        message: 'unknown time zone "восточное"; expected an IANA name (Asia/Yakutsk), МСК+6, UTC+9 or a city',
      },
    ]);
  });

  it.each([
    ['Регламент', '3 мин', 180],
    ['Регламент', '3:00', 180],
    ['Регламент', '2,5 мин', 150],
    ['Регламент', '1 мин 30 с', 90],
    ['Регламент', '1 мин. 30 сек.', 90],
    ['Регламент', '180', 180],
    ['Регламент', '200 сек', 200],
    ['Регламент, мин', '4', 240],
    ['Время (мин)', '2,5', 150],
  ])('%s «%s» is %i s', (header, value, seconds) => {
    const [entry] = entriesOf(importCsv(csv(`Город;${header}`, `Якутск;${value}`)));
    expect(entry!.allottedSeconds).toBe(seconds);
  });
});
