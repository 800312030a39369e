// The words the meeting reads: one meaning per word, dialogs that name their own buttons, no
// person's gender forced onto cities, and the access page pointing at what the server really prints.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messages } from '../i18n/messages';

type Tree = { [key: string]: string | Tree };
const strings = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : strings(value, `${prefix}${key}.`),
  );

describe('wording', () => {
  for (const locale of ['ru', 'en'] as const) {
    const m = messages[locale];

    it(`${locale}: "takes part by video" and "connected" are different words`, () => {
      const byVideo = m.live.attendance.online;
      const connected = m.live.presence.online;
      expect(byVideo).not.toBe(connected);
      // The counts of connected pages use the connection word, never the attendance one.
      for (const count of [m.live.counts.online, m.moderator.totals.online]) {
        expect(count).toContain(connected);
        expect(count).not.toContain(byVideo);
      }
    });

    it(`${locale}: the finish dialog names only the buttons it has`, () => {
      const labels = [m.moderator.controls.cancel, m.moderator.controls.finish];
      const quoted = [...m.moderator.controls.finishBody.matchAll(/[«“]([^»”]+)[»”]/g)].map((match) => match[1]);
      expect(quoted.length).toBeGreaterThan(0);
      for (const label of quoted) expect(labels).toContain(label);
    });

    it(`${locale}: the access page points at the line the server prints`, () => {
      const printed = readFileSync(new URL('../server/main.ts', import.meta.url), 'utf8');
      expect(printed).toContain('Moderator console:');
      expect(m.moderator.access.missingBody).toContain('Moderator console');
      expect(m.moderator.access.wrongBody).toContain('Moderator console');
    });
  }

  it('Russian texts never use a person’s gender forms like «выступал(а)»: entries are cities', () => {
    const gendered = strings(messages.ru as unknown as Tree).filter(([, text]) => /[а-яё]\((а|а|ла|ая|ой)\)/i.test(text));
    expect(gendered).toEqual([]);
  });
});
