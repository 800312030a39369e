// Reads an uploaded text file whatever Excel saved it as: UTF-8 (with or without a BOM) or
// Windows-1251, Russian Excel's default for «CSV (разделители — запятые)». Anything else is refused
// with a message saying what the file seems to be and how to save it, never read as mojibake. Pure.

export type TextEncodingName = 'utf-8' | 'windows-1251';
export type DecodedText = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; message: string };

const SAVE_AS = 'save it from Excel as "CSV UTF-8" or "CSV (разделители — запятые)"';

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** Bytes Windows-1251 uses in Russian text: letters, Ёё, №, «», dashes, quotes, …, nbsp, °. */
function isRussian1251(byte: number): boolean {
  return (
    byte >= 0xc0 || [0xa8, 0xb8, 0xb9, 0xab, 0xbb, 0x96, 0x97, 0x85, 0x84, 0x93, 0x94, 0x91, 0x92, 0xa0, 0xb0, 0xb1, 0x95].includes(byte)
  );
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) {
    try {
      return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)), encoding: 'utf-8' };
    } catch {
      return { ok: false, message: `the file starts as UTF-8 but has bytes that are not UTF-8 text; ${SAVE_AS}` };
    }
  }
  if (startsWith(bytes, 0xff, 0xfe) || startsWith(bytes, 0xfe, 0xff)) {
    return { ok: false, message: `the file is UTF-16 ("Unicode text"), which is not read here; ${SAVE_AS}` };
  }
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) {
    return { ok: false, message: `the file is an Excel workbook (.xlsx/.xls), not CSV text; ${SAVE_AS}` };
  }
  if (bytes.includes(0)) return { ok: false, message: `the file is not text (it has zero bytes); ${SAVE_AS}` };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: perhaps Windows-1251
  }
  const high = bytes.filter((b) => b >= 0x80);
  const russian = high.filter(isRussian1251).length;
  const text = new TextDecoder('windows-1251').decode(bytes);
  // Russian is mostly lower case; KOI8-R read as Windows-1251 comes out mostly upper case.
  const upper = (text.match(/[А-ЯЁ]/g) ?? []).length;
  const lowerCase = (text.match(/[а-яё]/g) ?? []).length;
  // Latin-1 read as Windows-1251 turns «Brasília» into «Brasнlia»: Cyrillic inside a Latin word.
  const mixed = /[A-Za-z][а-яёА-ЯЁ]|[а-яёА-ЯЁ][A-Za-z]/.test(text);
  if (russian / high.length >= 0.95 && lowerCase >= upper && !mixed) return { ok: true, text, encoding: 'windows-1251' };
  return {
    ok: false,
    message: `the file's encoding is neither UTF-8 nor Windows-1251 (KOI8-R, DOS or Latin-1 text is not read); ${SAVE_AS}`,
  };
}
