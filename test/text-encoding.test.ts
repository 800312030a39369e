// Reading an uploaded list whatever Excel saved it as, and refusing, by name, what cannot be read.
import { describe, expect, it } from 'vitest';
import { decodeText } from '../lib/text-encoding';
import { windows1251 } from './support/organiser-server';

const SAMPLE = 'Город;ФИО;Формат участия\r\nг. Якутск;Ёлкина Анна — «главврач»;ВКС\r\nМогилёв;№ 5;очно\r\n';
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM, dropping the BOM', () => {
    expect(decodeText(utf8(SAMPLE))).toEqual({ ok: true, text: SAMPLE, encoding: 'utf-8' });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(SAMPLE)]))).toEqual({ ok: true, text: SAMPLE, encoding: 'utf-8' });
  });

  it('reads Windows-1251, with Ё, №, «» and dashes', () => {
    expect(decodeText(windows1251(SAMPLE))).toEqual({ ok: true, text: SAMPLE, encoding: 'windows-1251' });
  });

  it('reads plain ASCII as UTF-8', () => {
    expect(decodeText(utf8('nameRu\r\nYakutsk\r\n'))).toMatchObject({ ok: true, encoding: 'utf-8' });
  });

  it.each([
    ['UTF-16', Uint8Array.from([0xff, 0xfe, 0x13, 0x04]), /^the file is UTF-16/],
    ['an .xlsx workbook', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), /^the file is an Excel workbook/],
    ['an old .xls workbook', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), /^the file is an Excel workbook/],
    ['binary with zero bytes', Uint8Array.from([0x41, 0x00, 0x42]), /^the file is not text/],
    ['a broken UTF-8 file with a BOM', Uint8Array.from([0xef, 0xbb, 0xbf, 0xd0]), /^the file starts as UTF-8/],
    // «Якутск Город» in KOI8-R: Russian read as Windows-1251 comes out in the wrong case.
    ['KOI8-R', Uint8Array.from([0xf1, 0xcb, 0xd5, 0xd4, 0xd3, 0xcb, 0x20, 0xe7, 0xcf, 0xd2, 0xcf, 0xc4]), /neither UTF-8 nor Windows-1251/],
    // «Якутск» in DOS code page 866.
    ['DOS 866', Uint8Array.from([0x9f, 0xaa, 0xe3, 0xe2, 0xe1, 0xaa]), /neither UTF-8 nor Windows-1251/],
    // «Brasília» in Latin-1.
    ['Latin-1', Uint8Array.from([...utf8('Bras'), 0xed, ...utf8('lia')]), /neither UTF-8 nor Windows-1251/],
  ])('refuses %s, saying how to save the file', (_, bytes, message) => {
    const result = decodeText(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(message);
      expect(result.message).toContain('"CSV UTF-8"');
    }
  });
});
