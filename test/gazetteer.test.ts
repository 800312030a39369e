// The built-in list of cities: what it holds (checked against facts a person knows) and how names
// are found in the forms people write them.
import { describe, expect, it } from 'vitest';
import { PLACES, cleanPlaceName, findPlace, placeKey } from '../lib/gazetteer';
import { canonicalTimeZone } from '../lib/zones';

const found = (name: string, hint = {}) => {
  const match = findPlace(name, hint);
  if (match.kind !== 'found') throw new Error(`${name}: ${match.kind}`);
  return match.place;
};

describe('the data', () => {
  it('holds the cities of Russia and Belarus over 50 000 people and every regional centre', () => {
    const ru = PLACES.filter((p) => p.country === 'RU');
    const by = PLACES.filter((p) => p.country === 'BY');
    expect(ru.length).toBeGreaterThan(300);
    expect(by.length).toBeGreaterThanOrEqual(20);
    for (const name of [
      'Анадырь',
      'Магас',
      'Нарьян-Мар',
      'Салехард',
      'Горно-Алтайск',
      'Петропавловск-Камчатский',
      'Калининград',
      'Брест',
      'Бобруйск',
      'Бишкек',
      'Астана',
      'Ереван',
    ]) {
      expect(
        PLACES.some((p) => p.nameRu === name),
        name,
      ).toBe(true);
    }
    // Districts of Moscow and Saint Petersburg that GeoNames lists as towns are not cities of their own.
    expect(PLACES.some((p) => p.nameRu === 'Зеленоград' || p.nameEn === 'Obruchevo')).toBe(false);
  });

  it('gives every place a real zone, a longitude and, in Russia and Belarus, a region', () => {
    for (const p of PLACES) {
      expect(canonicalTimeZone(p.timeZone), p.nameRu).toBe(p.timeZone);
      expect(Math.abs(p.longitude)).toBeLessThanOrEqual(180);
      expect(p.nameRu).toMatch(/^[А-ЯЁ][а-яёА-ЯЁ -]+$/);
      expect(p.nameEn).toMatch(/^[A-Z][A-Za-z -]+$/);
      if (p.country === 'RU' || p.country === 'BY') expect(p.region, p.nameRu).not.toBe('');
    }
  });

  it('knows what a person knows about a few cities', () => {
    expect(found('Якутск')).toMatchObject({
      nameEn: 'Yakutsk',
      region: 'Республика Саха (Якутия)',
      country: 'RU',
      timeZone: 'Asia/Yakutsk',
    });
    expect(found('Якутск').longitude).toBeCloseTo(129.73, 1);
    expect(found('Калининград')).toMatchObject({ timeZone: 'Europe/Kaliningrad', region: 'Калининградская область' });
    expect(found('Гомель')).toMatchObject({ nameEn: 'Gomel', country: 'BY', region: 'Гомельская область', timeZone: 'Europe/Minsk' });
    expect(found('Москва')).toMatchObject({ nameEn: 'Moscow', region: 'Москва' });
    expect(found('Ростов-на-Дону').nameEn).toBe('Rostov-on-Don');
  });
});

describe('finding a place by name', () => {
  it.each([
    ['г. Якутск', 'Якутск'],
    ['город Якутск', 'Якутск'],
    ['г.Якутск', 'Якутск'],
    ['Якутск г.', 'Якутск'],
    ['  якутск ', 'Якутск'],
    ['Могилев', 'Могилёв'],
    ['МОГИЛЁВ', 'Могилёв'],
    ['Петропавловск Камчатский', 'Петропавловск-Камчатский'],
    ['Петропавловск — Камчатский', 'Петропавловск-Камчатский'],
    ['нижний   новгород', 'Нижний Новгород'],
    ['Ростов на Дону', 'Ростов-на-Дону'],
    ['«Санкт-Петербург»', 'Санкт-Петербург'],
    ['Minsk', 'Минск'],
    ['Орел', 'Орёл'],
  ])('%j is %s', (written, want) => {
    expect(found(written).nameRu).toBe(want);
  });

  it('suggests the nearest names for a misspelt one', () => {
    const match = findPlace('Якуцк');
    expect(match.kind).toBe('unknown');
    expect(match.kind === 'unknown' && match.suggestions[0]?.nameRu).toBe('Якутск');
    expect(
      findPlace('Петропавловск').kind === 'unknown' &&
        (findPlace('Петропавловск') as { suggestions: { nameRu: string }[] }).suggestions[0]?.nameRu,
    ).toBe('Петропавловск-Камчатский');
  });

  it('tells namesakes apart by region, in a column or after the name', () => {
    expect(findPlace('Железногорск').kind).toBe('ambiguous');
    expect(found('Железногорск', { region: 'Курская обл.' }).timeZone).toBe('Europe/Moscow');
    expect(found('Железногорск (Красноярский край)').timeZone).toBe('Asia/Krasnoyarsk');
    expect(found('Железногорск, Красноярский край').timeZone).toBe('Asia/Krasnoyarsk');
  });

  it("finds an old name as an alias, never over another city's own name", () => {
    expect(findPlace('Горький')).toMatchObject({ kind: 'found', alias: true, place: { nameRu: 'Нижний Новгород' } });
    // «Калининград» was also Korolyov's name; the city of that name wins.
    expect(found('Калининград').timeZone).toBe('Europe/Kaliningrad');
    expect(found('Ставрополь').nameEn).toBe('Stavropol');
  });

  it('keys and clean names', () => {
    expect(placeKey('  г.  Ростов–на–Дону ')).toBe('ростов на дону');
    expect(cleanPlaceName('  г. Гавана ')).toBe('Гавана');
  });
});
