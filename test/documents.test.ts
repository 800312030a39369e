// The documents' content, pure: durations in words, the minutes' counts, city names in the
// genitive where lvovich is right and plain where it is not, the diplomas' wording.
import { describe, expect, it } from 'vitest';
import { cityGenitive, ofCity } from '../lib/declension';
import { diplomaFor, diplomas } from '../lib/diplomas';
import { formatDurationWords } from '../lib/format';
import { minutesDocument } from '../lib/minutes';
import { minutesText } from '../lib/minutes-text';
import { practicesDocument } from '../lib/practices';
import type { Block } from '../lib/document';
import { finishedMeeting } from './support/meeting-fixture';

const SEC = 1000;
const words = (blocks: Block[]) =>
  blocks
    .map((b) => {
      switch (b.type) {
        case 'paragraph':
          return b.runs.map((r) => r.text).join('');
        case 'list':
          return b.items.map((i) => i.runs.map((r) => r.text).join('')).join('\n');
        case 'fields':
          return b.rows.map((r) => `${r.label} ${r.value}`).join('\n');
        case 'split':
          return `${b.left} ${b.right}`;
        case 'signatures':
          return b.rows.map((r) => `${r.role} ${r.name}`).join('\n');
        default:
          return b.text;
      }
    })
    .join('\n');

describe('durations in words', () => {
  it.each([
    [112 * SEC, 'ru', '1 мин 52 с'],
    [45 * SEC + 999, 'ru', '45 с'],
    [0, 'ru', '0 с'],
    [3725 * SEC, 'ru', '1 ч 2 мин 5 с'],
    [112 * SEC, 'en', '1 min 52 s'],
  ])('%i ms in %s is %s', (ms, locale, want) => {
    expect(formatDurationWords(ms, locale)).toBe(want);
  });
});

describe('city names in the genitive', () => {
  it.each([
    ['Якутск', 'Якутска'],
    ['Москва', 'Москвы'],
    ['Петропавловск-Камчатский', 'Петропавловска-Камчатского'],
    ['Нижний Новгород', 'Нижнего Новгорода'],
    ['Ростов-на-Дону', 'Ростова-на-Дону'],
    ['Гомель', 'Гомеля'],
    ['Набережные Челны', 'Набережных Челнов'],
    // Indeclinable, or declined wrongly by the library: the plain name stays.
    ['Улан-Удэ', 'Улан-Удэ'],
    ['Нарьян-Мар', 'Нарьян-Мар'],
    ['Электросталь', 'Электросталь'],
    ['Химки', 'Химки'],
    // Not a Russian or Belarusian city of the list: never guessed at.
    ['Бишкек', 'Бишкек'],
    ['Гавана', 'Гавана'],
    ['Вступительное слово', 'Вступительное слово'],
  ])('%s → %s', (name, want) => {
    expect(cityGenitive(name)).toBe(want);
  });

  it('reads in a sentence', () => {
    expect(`представителю ${ofCity('Якутск')}`).toBe('представителю города Якутска');
  });
});

describe('the minutes', () => {
  const { report } = finishedMeeting();
  const minutes = minutesDocument(report, 'ru', minutesText('ru'));
  const text = words(minutes.blocks);

  it('counts who was not called apart from who was marked absent', () => {
    expect(report.totals).toMatchObject({ spoke: 12, markedAbsent: 1, notCalled: 24 });
    expect(text).toMatch(/^Не вызваны: 24 \(Красноярск; Кемерово; .+; Калининград\)\.$/m);
    expect(text).toMatch(/^Отсутствовали \(отмечены ведущим\): 1 \(Чита\)\.$/m);
    expect(text).toContain('Всего в списке выступающих: 37, выступили: 12.');
  });

  it('says durations in words and prints the document settings', () => {
    expect(text).toMatch(/^Продолжительность: \d+ мин \d+ с \(перерывы — 2 мин 0 с\)$/m);
    expect(text).toMatch(/время выступления \d+ мин \d+ с/);
    expect(text).not.toMatch(/время выступления \d+:\d\d/);
    expect(text).toContain('Москва, Дом национальностей');
    expect(text).toContain('Председатель Орлов П. А.');
    expect(text).toContain('Секретарь Беляева К. С.');
  });

  it('is preliminary, with no «не вызваны» line, before the meeting has started', () => {
    const before = minutesDocument({ ...report, phase: 'planned' }, 'ru', minutesText('ru'));
    expect(words(before.blocks)).not.toContain('Не вызваны');
    expect(before.blocks).toContainEqual({ type: 'subtitle', text: 'Предварительная редакция: заседание ещё не завершено', italic: true });
  });
});

describe('the diplomas', () => {
  const { report } = finishedMeeting();

  it('one per nominated practice, in running order, naming whom the recipient represents', () => {
    const list = diplomas(report);
    expect(list.map((d) => d.entryId)).toEqual(['magadan', 'yakutsk', 'gomel']);
    expect(list[1]).toEqual({
      entryId: 'yakutsk',
      lang: 'ru',
      issuer: 'Международная ассамблея столиц и крупных городов',
      heading: 'ДИПЛОМ',
      lead: 'награждается',
      recipient: 'Иванова Мария Петровна',
      recipientNote: 'начальник управления здравоохранения, представитель города Якутска',
      practice: 'за практику «Донорство при минус пятидесяти»',
      nomination: 'в номинации «Лучшая практика привлечения доноров»',
      occasion: 'по итогам заседания круглого стола «Эстафета горячих сердец»',
      date: '10 декабря 2026 г.',
      signers: [
        { role: 'Президент Ассамблеи', name: 'А. Ж. Кульгинов' },
        { role: 'Генеральный директор', name: 'В. В. Селиванов' },
      ],
    });
    expect(list[2]!.recipientNote).toBe('заместитель председателя горисполкома, представитель города Гомеля (Беларусь)');
  });

  it('names the city itself when nobody represents it, and speaks English when asked', () => {
    const gomel = report.entries.find((e) => e.id === 'gomel')!;
    expect(diplomaFor(report, { ...gomel, representative: '', position: '' }).recipient).toBe('город Гомель (Беларусь)');
    const en = diplomaFor(report, gomel, 'en');
    expect(en).toMatchObject({
      heading: 'DIPLOMA',
      lead: 'is awarded to',
      recipientNote: 'заместитель председателя горисполкома, representative of Gomel (Belarus)',
      nomination: 'in the nomination “Информационная кампания”',
    });
  });
});

describe('the library of practices as a document', () => {
  it('lists nominated practices first, with durations in words and no contacts', () => {
    const { report } = finishedMeeting();
    const doc = practicesDocument(report, 'ru');
    const text = words(doc.blocks);
    expect(doc.blocks.slice(0, 4).map((b) => b.type)).toEqual(['title', 'subtitle', 'subtitle', 'heading']);
    expect(text).toMatch(/^Магадан — Колымская эстафета: Молодёжная инициатива$/m);
    expect(text).toContain('Время выступления: выступления не было');
    expect(text).toMatch(/Время выступления: \d+ мин \d+ с/);
    expect(text).not.toContain('@');
  });
});
