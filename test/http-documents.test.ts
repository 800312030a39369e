// The documents the server makes for the secretariat, read back as a person would read them:
// the PDFs through poppler (text, pages, embedded fonts), the DOCX files unzipped. A meeting is
// run over the API first: some cities speak, one is marked absent, the rest are never called.
import { beforeAll, describe, expect, it } from 'vitest';
import { MODERATOR, type Reply } from './support/real-server';
import { useOrganiserServer } from './support/organiser-server';
import { docxParts, docxText, pdfFonts, pdfInfo, pdfPages, pdfText } from './support/pdf-text';

const SEC = 1000;
const DOCUMENTS = {
  venue: 'Москва, Дом национальностей',
  chair: 'Орлов П. А.',
  secretary: 'Беляева К. С.',
  diplomaIssuer: 'Международная ассамблея столиц и крупных городов',
  signers: [
    { role: 'Президент Ассамблеи', name: 'А. Ж. Кульгинов' },
    { role: 'Генеральный директор', name: 'В. В. Селиванов' },
  ],
};
const flat = (text: string) => text.replace(/\s+/g, ' ');
/** Letter-spaced titles come out of pdftotext with spaces between some letters: compare without any. */
const compact = (text: string) => text.replace(/\s+/g, '');

describe('diplomas before anything is nominated', () => {
  const s = useOrganiserServer();

  it('404 no_nominations', async () => {
    const reply = await s.request('GET', '/api/events/current/diplomas.pdf', { auth: MODERATOR });
    expect(reply.status).toBe(404);
    expect(reply.body.error).toMatchObject({ code: 'not_found', reason: 'no_nominations' });
  });
});

describe('documents over HTTP', () => {
  const s = useOrganiserServer();
  const get = (path: string, auth: string = MODERATOR) => s.request('GET', `/api/events/current/${path}`, { auth });
  const file = async (path: string, type: RegExp): Promise<Reply> => {
    const reply = await get(path);
    expect(reply.status, reply.text.slice(0, 300)).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(type);
    expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename="rollcall-[^"]+"/);
    return reply;
  };

  // The meeting every document below is about, run once; the tests only read (in any order).
  beforeAll(async () => {
    await s.ok({ type: 'event.update', fields: { documents: DOCUMENTS } });
    await s.ok({ type: 'session.start' });
    await s.ok({ type: 'entry.markAbsent', entryId: 'chita' });
    for (let i = 0; i < 6; i++) {
      await s.ok({ type: 'speaker.next' });
      s.advance((60 + 52) * SEC);
    }
    await s.ok({ type: 'session.finish' });
    await s.ok({ type: 'entry.nominate', entryId: 'magadan', nomination: 'Молодёжная инициатива' });
    await s.ok({ type: 'entry.nominate', entryId: 'gomel', nomination: 'Информационная кампания' });
  });

  it('ran a short meeting: six spoke, Chita is marked absent, the meeting ended early', () => {
    const state = s.server.service.state();
    expect(state.order.filter((id) => state.entries[id]!.turns.length > 0)).toHaveLength(6);
  });

  it('minutes.pdf: PT Serif embedded, durations in words, «не вызваны» apart from «отсутствовали», signatures', async () => {
    const pdf = (await file('minutes.pdf', /^application\/pdf$/)).bytes;
    expect(pdfFonts(pdf).map((f) => [f.name.replace(/^[A-Z]{6}\+/, ''), f.embedded])).toEqual(
      expect.arrayContaining([
        ['PTSerif-Regular', true],
        ['PTSerif-Bold', true],
      ]),
    );
    expect(pdfFonts(pdf).every((f) => f.embedded)).toBe(true);
    const text = flat(pdfText(pdf));
    expect(compact(text)).toContain('ПРОТОКОЛ');
    expect(text).toContain('заседания круглого стола «Эстафета горячих сердец»');
    expect(text).toContain('Москва, Дом национальностей');
    expect(text).toContain('Продолжительность: 11 мин 12 с');
    expect(text).toContain('время выступления 1 мин 52 с');
    expect(text).not.toMatch(/\b1:52\b/);
    expect(text).toContain('Всего в списке выступающих: 37, выступили: 6.');
    expect(text).toMatch(/Не вызваны: 30 \(Хабаровск; Владивосток; Якутск;/);
    expect(text).toContain('Отсутствовали (отмечены ведущим): 1 (Чита).');
    expect(text).toContain('Гомель, Беларусь — практика:');
    expect(text).toMatch(/Председатель .*Орлов П\. А\./);
    expect(text).toMatch(/Секретарь .*Беляева К\. С\./);
    const english = flat(pdfText((await file('minutes.pdf?locale=en', /pdf/)).bytes));
    expect(compact(english)).toContain('MINUTES');
    expect(english).toContain('spoke for 1 min 52 s');
    expect(english).toContain('Not called: 30');
  });

  it('minutes.docx: the same minutes in Word, PT Serif embedded in all four faces', async () => {
    const { files, xml } = docxParts((await file('minutes.docx', /wordprocessingml\.document$/)).bytes);
    const text = docxText(xml('word/document.xml'));
    expect(text).toContain('ПРОТОКОЛ');
    expect(text).toContain('Не вызваны: 30 (Хабаровск;');
    expect(text).toContain('Отсутствовали (отмечены ведущим): 1 (Чита).');
    expect(text).toContain('время выступления 1 мин 52 с');
    expect(text).toContain('Орлов П. А.');
    expect(files.filter((f) => /^word\/fonts\/.+\.odttf$/.test(f))).toHaveLength(4);
    expect(xml('word/fontTable.xml')).toMatch(
      /w:name="PT Serif"[\s\S]*w:embedRegular[\s\S]*w:embedBold[\s\S]*w:embedItalic[\s\S]*w:embedBoldItalic/,
    );
    expect(xml('word/styles.xml')).toContain('w:ascii="PT Serif"');
  });

  it('practices.pdf and practices.docx: the library, nominated practices first, no contacts', async () => {
    const pdf = (await file('practices.pdf', /pdf/)).bytes;
    const text = flat(pdfText(pdf));
    expect(compact(text)).toContain('БИБЛИОТЕКАПРАКТИК');
    expect(text.indexOf('Номинированы на диплом')).toBeLessThan(text.indexOf('Практики '));
    expect(text).toMatch(/Магадан — .+: Молодёжная инициатива/);
    expect(text).toContain('Время выступления: 1 мин 52 с');
    expect(text).toContain('Время выступления: выступления не было');
    expect(text).not.toMatch(/@|\+7 \d/);
    expect(Number(pdfInfo(pdf).Pages)).toBeGreaterThan(1);
    expect(pdfPages(pdf).at(-1)).toMatch(/стр\. \d+ из \d+/);
    const docx = docxText(docxParts((await file('practices.docx', /wordprocessingml/)).bytes).xml('word/document.xml'));
    expect(docx).toContain('Номинированы на диплом');
    expect(docx).toContain('Время выступления: 1 мин 52 с');
  });

  it('diplomas.pdf: an A4 landscape page per nominated practice, the city in the genitive', async () => {
    const pdf = (await file('diplomas.pdf', /pdf/)).bytes;
    const info = pdfInfo(pdf);
    expect(info.Pages).toBe('2');
    expect(info['Page size']).toMatch(/^841\.89 x 595\.28 pts \(A4\)/);
    const [magadan = '', gomel = ''] = pdfPages(pdf).map(flat);
    expect(compact(magadan)).toContain('МЕЖДУНАРОДНАЯАССАМБЛЕЯСТОЛИЦИКРУПНЫХГОРОДОВ');
    expect(compact(magadan)).toContain('ДИПЛОМ');
    expect(magadan).toContain('за практику «„Донор Севера“ на вахтовых базах»');
    expect(magadan).toContain('награждается');
    expect(magadan).toMatch(/представитель города Магадана/);
    expect(magadan).toContain('в номинации «Молодёжная инициатива»');
    expect(magadan).toContain('по итогам заседания круглого стола «Эстафета горячих сердец»');
    expect(magadan).toMatch(/Президент Ассамблеи .*Генеральный директор/);
    expect(magadan).toMatch(/А\. Ж\. Кульгинов .*В\. В\. Селиванов/);
    expect(gomel).toMatch(/представитель города Гомеля \(Беларусь\)/);
    expect(gomel).toContain('в номинации «Информационная кампания»');
  });

  it("diplomas/<entryId>.pdf: one city's diploma; 404 for a city without a nomination or no such city", async () => {
    const pdf = (await file('diplomas/gomel.pdf', /pdf/)).bytes;
    expect(pdfInfo(pdf).Pages).toBe('1');
    expect(flat(pdfText(pdf))).toContain('Информационная кампания');
    const none = await get('diplomas/chita.pdf');
    expect([none.status, none.body.error.reason]).toEqual([404, 'not_nominated']);
    const unknown = await get('diplomas/atlantis.pdf');
    expect([unknown.status, unknown.body.error.reason]).toEqual([404, 'unknown_entry']);
  });

  it("is for the moderator only: 401 without a key, 403 with a city's token", async () => {
    const token = await s.tokenOf('gomel');
    for (const path of ['minutes.pdf', 'minutes.docx', 'practices.pdf', 'practices.docx', 'diplomas.pdf', 'diplomas/gomel.pdf']) {
      expect((await get(path, '')).status, path).toBe(401);
      expect((await get(path, `Bearer ${token}`)).status, path).toBe(403);
    }
  });
});
