// What the tests of the organisers' HTTP routes share: a real server with their options, the CSV an
// organiser saves from Excel, and reading a CSV reply back into rows.
import { parseCsv } from '../../lib/csv';
import { NO_LIMITS, useRealServer, type RealServerOptions } from './real-server';

export const BOM = '\uFEFF';

/**
 * A real server in a fresh temp dir for the enclosing describe block, with a clock the test moves;
 * `refused()` also checks that no entry moved.
 */
export const useOrganiserServer = (extra: RealServerOptions = {}) =>
  useRealServer({
    fakeClock: true,
    tempPrefix: 'rollcall-organiser-',
    limits: NO_LIMITS,
    reconnectGraceMs: 100,
    refusedAlsoChecks: { entriesUnchanged: true },
    ...extra,
  });

export const csvRows = (text: string) => parseCsv(text).rows;

/** Text as Russian Excel saves «CSV (разделители — запятые)»: Windows-1251 bytes (built from the decoder's own table). */
export function windows1251(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte);
  return Uint8Array.from(
    [...text].map((ch) => {
      const byte = table.get(ch);
      if (byte === undefined) throw new Error(`"${ch}" has no Windows-1251 byte`);
      return byte;
    }),
  );
}

/** What an organiser saves from a Russian Excel: BOM, ';', Russian headers, decimal commas, CRLF. */
export const GOOD_CSV =
  BOM +
  [
    'Тип;Город;Название (англ.);Страна;Регион;Часовой пояс;Долгота;Представитель;Должность;Участие;Время (сек);Практика;Описание практики;Контакт',
    'город;Калининград;Kaliningrad;Россия;Калининградская область;Europe/Kaliningrad;20,51;Петров Пётр;глава города;онлайн;;«Маршрут по побережью»;"Выезды; автобусы";kgd@example.org',
    'гость;Приветствие;Welcome;РФ;Москва;Europe/Moscow;37,62;Иванов Иван;министр;очно;240;;;',
    'город;Минск;Minsk;Беларусь;;Europe/Minsk;27,56;;;в зале;200;;;',
    'город;Якутск;Yakutsk;РФ;Республика Саха (Якутия);Asia/Yakutsk;129,73;Сидорова Анна;;онлайн;180;Донорство при −50;;',
    'гость;Заключительное слово;Closing words;РФ;Москва;Europe/Moscow;37,62;;;очно;120;;;',
  ].join('\r\n') +
  '\r\n';

export const BAD_CSV = [
  'Тип;Город;Часовой пояс;Долгота;Время (сек)',
  'город;Омск;Asia/Omsk;73,37;180',
  'город;;Asia/Tomsk;84,95;180',
  'планета;Марс;Mars/Olympus;abc;5',
  'город;Томск;Asia/Tomsk;200;180',
].join('\r\n');
