// The report's files over the scripted session (test/support/report-session.ts): the CSV for
// Excel and the practices library as Markdown and CSV.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../lib/csv';
import { reportCsv } from '../lib/report';
import { escapeMarkdownBlock, practicesCsv, practicesMarkdown } from '../lib/practices';
import { CHITA, INJECTION, KAMCHATKA, MAGADAN, MINSK, OMSK, OPENING, finished } from './support/report-session';

describe('reportCsv', () => {
  const csv = reportCsv(finished());
  const lines = csv.slice(1).split('\r\n');
  const [header, ...rows] = parseCsv(csv).rows as [string[], ...string[][]];
  const cell = (id: string, name: string) => rows.find((r) => r.at(-1) === id)![header.indexOf(name)];

  it('starts with a BOM and Russian headers, and ends every row with CRLF', () => {
    expect(csv.startsWith('\uFEFF№;Город;Тип;Страна;')).toBe(true);
    for (const h of [
      'Представитель',
      'Отведено (мин:с)',
      'Использовано (мин:с)',
      'Сверх времени (мин:с)',
      'Выступлений',
      'Участие',
      'Вне сети (мин:с)',
      'Вне сети, с',
    ]) {
      expect(header).toContain(h);
    }
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(reportCsv(finished(), 'en').slice(1).startsWith('No.;City;Kind;Country;')).toBe(true);
  });

  it('writes durations as m:ss, labelled so, and seconds', () => {
    const cells = (id: string, ...names: string[]) => names.map((name) => cell(id, name));
    expect(
      cells(
        OPENING,
        'Отведено (мин:с)',
        'Отведено, с',
        'Использовано (мин:с)',
        'Использовано, с',
        'Сверх времени (мин:с)',
        'Сверх времени, с',
        'Выступлений',
      ),
    ).toEqual(['5:00', '300', '5:20', '320', '0:20', '20', '1']);
    expect(cells(OPENING, 'Участие', 'Вне сети (мин:с)', 'План: начало', 'Начало', 'Окончание')).toEqual([
      'В зале',
      '',
      '10:00:00',
      '10:02:00',
      '10:07:20',
    ]);
    expect(cells(MAGADAN, 'Отведено (мин:с)', 'Продление, с', 'Использовано (мин:с)', 'Выступлений', 'Окончание')).toEqual([
      '4:00',
      '60',
      '3:50',
      '2',
      '10:23:20',
    ]);
    expect(cells(CHITA, 'Участие', 'Статус', 'Вне сети (мин:с)', 'Вне сети, с', 'Начало')).toEqual([
      'Отсутствовал (отмечен ведущим)',
      'Отсутствует',
      '21:20',
      '1280',
      '',
    ]);
    expect(cells(KAMCHATKA, 'Вне сети (мин:с)', 'Вне сети, с')).toEqual(['0:40', '40']);
    expect(cells(OMSK, 'Регистрация', 'Контакт')).toEqual(['2026-12-09 10:00:00', "'+7 999 000-00-00"]);
    expect(lines[1]!.startsWith('1;Вступительное слово;Гость;Россия;Москва;')).toBe(true);
  });

  it('quotes delimiters, quotes and newlines and neutralises formulas', () => {
    expect(csv).toContain(';"\'=HYPERLINK(""http://evil.example"",""клик"")";');
    expect(csv).toContain(';"Сбор; ""ИТ"" с сердцем\nвторая строка";');
    expect(csv).toContain(';Минск;Город;Беларусь;');
    expect(csv).toContain(";'+7 999 000-00-00;"); // a phone number opens with '+'
    expect(csv).not.toMatch(/;=/);
  });

  it('reads back cell for cell', () => {
    expect(parseCsv(csv).delimiter).toBe(';');
    expect(rows).toHaveLength(8);
    expect(cell(MINSK, 'Представитель')).toBe(`'${INJECTION}`);
    expect(cell(MINSK, 'Описание практики')).toBe('Сбор; "ИТ" с сердцем\nвторая строка');
    expect([header, ...rows].every((r) => r.length === header.length && r.every((c) => !/^[=+\-@]/.test(c)))).toBe(true);
  });
});

describe('practices', () => {
  const report = finished();
  const md = practicesMarkdown(report);

  it('lists the nominated practices first, then every practice in running order', () => {
    expect(
      md.startsWith('# Круглый стол «Эстафета горячих сердец»\n\n10 декабря 2026 г. · Библиотека практик\n\n## Номинированы на диплом\n\n'),
    ).toBe(true);
    expect(md).toContain(
      '- **Петропавловск-Камчатский** — \\*Вулкан\\* жизни \\[2026\\] \\#1: За работу с молодёжью\n- **Минск (Беларусь)** — «ИТ с горячим сердцем»: За цифровые решения\n',
    );
    const headings = md.split('\n').filter((line) => line.startsWith('### '));
    expect(headings).toEqual([
      '### Петропавловск-Камчатский',
      '### Магадан',
      '### Якутск',
      '### Чита',
      '### Минск (Беларусь)',
      '### Омск',
      '### Томск',
    ]);
    expect(md.indexOf('## Номинированы')).toBeLessThan(md.indexOf('## Практики'));
    expect(md).not.toContain('Вступительное слово');
    expect(md).not.toContain('+7 999'); // contacts are not published
  });

  it('writes each city with its representative, practice, time and nomination, escaped', () => {
    const section = md.slice(md.indexOf('### Петропавловск-Камчатский'), md.indexOf('### Магадан'));
    expect(section).toBe(
      '### Петропавловск-Камчатский\n\nКовальчук Андрей Викторович, главный врач краевой станции переливания крови\n\n' +
        '**Практика:** \\*Вулкан\\* жизни \\[2026\\] \\#1\n\n\\- первая строка\n1\\. вторая \\& \\<b\\>\n\n' +
        'Время выступления: 2 мин 50 с\n\nНоминирована на диплом: За работу с молодёжью\n\n',
    );
    expect(md).toContain('\\=HYPERLINK("http://evil.example","клик"), главный врач');
    expect(md).toContain('### Чита\n\nШестаков Павел Андреевич');
    expect(md).toContain('Время выступления: выступления не было');
    expect(escapeMarkdownBlock('    code?\n\n\n\n## no\n===\n3) x_y')).toBe('code?\n\n\\#\\# no\n\\===\n3\\) x\\_y');
  });

  it('has an English version', () => {
    const en = practicesMarkdown(report, 'en');
    expect(en).toContain('# Round table “Relay of Hot Hearts”\n\nDecember 10, 2026 · Library of practices');
    expect(en).toContain('### Minsk (Belarus)');
    expect(en).toContain('Nominated for a diploma: За цифровые решения');
  });

  it('exports the same entries as CSV', () => {
    const csv = practicesCsv(report);
    const { rows } = parseCsv(csv);
    expect(
      csv.startsWith(
        '\uFEFF№;Город;Тип;Страна;Регион;Представитель;Должность;Практика;Описание практики;Использовано (мин:с);"Использовано, с";Номинация\r\n',
      ),
    ).toBe(true);
    expect(rows.map((r) => r[1])).toEqual(['Город', 'Петропавловск-Камчатский', 'Магадан', 'Якутск', 'Чита', 'Минск', 'Омск', 'Томск']);
    expect(rows[4]!.slice(-3)).toEqual(['', '0', '']); // Chita did not speak
    expect(csv.slice(1).split('\r\n')[1]).toBe(
      '2;Петропавловск-Камчатский;Город;Россия;Камчатский край;Ковальчук Андрей Викторович;главный врач краевой станции переливания крови;*Вулкан* жизни [2026] #1;"\'- первая строка\n1. вторая & <b>";2:50;170;За работу с молодёжью',
    );
    expect(csv).toContain(';"\'=HYPERLINK(""http://evil.example"",""клик"")";');
    expect(csv).not.toContain('+7 999');
  });
});
