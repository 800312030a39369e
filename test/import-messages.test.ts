// Every problem the importer can report reaches a Russian reader in Russian: each English message
// is matched by components/setup/import-messages.ts to a key both catalogues hold.
import { describe, expect, it } from 'vitest';
import { matchImportMessage } from '../components/setup/import-messages';
import { importEntries } from '../lib/entry-import';
import { decodeText } from '../lib/text-encoding';
import en from '../messages/en/setup.json';
import ru from '../messages/ru/setup.json';

const options = { defaultTurnSeconds: 180, eventTimeZone: 'Europe/Moscow', at: Date.parse('2026-12-10T10:00:00+03:00') };
const csv = (...lines: string[]) => lines.join('\r\n');

const MESSAGES = [
  ...[
    csv('Город', 'Новосибирк', 'Атлантида', 'Железногорск'),
    csv('Город;Часовой пояс;Регламент', 'Якутск;восточное;три', 'Чита;UTC+5:45;3'),
  ].flatMap((text) => {
    const result = importEntries(text, 'csv', options);
    return result.ok ? [] : result.errors.map((e) => e.message);
  }),
  ...[
    Uint8Array.of(0xff, 0xfe),
    Uint8Array.of(0x50, 0x4b, 3, 4),
    Uint8Array.of(0x41, 0),
    Uint8Array.of(0xef, 0xbb, 0xbf, 0xd0),
    Uint8Array.of(0xf1, 0xcb, 0xd5),
  ].map((bytes) => {
    const decoded = decodeText(bytes);
    return decoded.ok ? '' : decoded.message;
  }),
];

describe('import messages in the page language', () => {
  it('the importer and the decoder produce the messages under test', () => {
    expect(MESSAGES).toHaveLength(12);
  });

  it.each(MESSAGES)('%s', (message) => {
    const known = matchImportMessage(message);
    expect(known, message).not.toBeNull();
    expect(ru.setup.import.message).toHaveProperty(known!.key);
    expect(en.setup.import.message).toHaveProperty(known!.key);
  });
});
