// The importer explains each problem in English (lib/entry-import.ts, zod). The organisers read
// Russian, so the known wordings are matched here and said again in the page language; anything
// unknown is shown as the server wrote it.

export type ImportMessageKey =
  | 'empty'
  | 'unknownColumn'
  | 'duplicateColumn'
  | 'missingColumns'
  | 'noRows'
  | 'emptyFile'
  | 'tooMany'
  | 'noHeader'
  | 'unknownKind'
  | 'unknownAttendance'
  | 'notNumber'
  | 'wholeSeconds'
  | 'country'
  | 'timeZone'
  | 'atLeast'
  | 'atMost'
  | 'tooLong'
  | 'wholeNumber'
  | 'unterminated'
  | 'badJson'
  | 'notList'
  | 'unknownField'
  | 'notObject'
  | 'wrongType'
  | 'unknownCity'
  | 'unknownCitySuggest'
  | 'ambiguousCity'
  | 'unknownZone'
  | 'noZoneAt'
  | 'turnLength'
  | 'turnTooShort'
  | 'utf16'
  | 'workbook'
  | 'notText'
  | 'brokenUtf8'
  | 'encoding';

export interface ImportMessage {
  key: ImportMessageKey;
  values: Record<string, string>;
}

const PATTERNS: [RegExp, ImportMessageKey, ...string[]][] = [
  [/^must not be empty$/, 'empty'],
  [/^unknown column "(.*)"; expected one of/, 'unknownColumn', 'name'],
  [/^duplicate column: "(.*)" and "(.*)" both mean/, 'duplicateColumn', 'first', 'second'],
  [/^missing required columns?: (.*)$/, 'missingColumns', 'list'],
  [/^no entries: the file has a header row but no data rows$/, 'noRows'],
  [/^no entries: the "entries" array is empty$/, 'noRows'],
  [/^the file is empty/, 'emptyFile'],
  [/^too many entries: (\d+); at most (\d+)/, 'tooMany', 'count', 'max'],
  [/^a value in column (\d+), which has no header$/, 'noHeader', 'column'],
  [/^unknown value "(.*)"; expected city\/guest/, 'unknownKind', 'value'],
  [/^unknown value "(.*)"; expected in_person\/online/, 'unknownAttendance', 'value'],
  [/^not a number: "(.*)"$/, 'notNumber', 'value'],
  [/^must be a whole number of seconds$/, 'wholeSeconds'],
  [/^must be a two-letter country code$/, 'country'],
  [/^must be an IANA time zone/, 'timeZone'],
  [/^Too small: expected number to be >=(-?[\d.]+)$/, 'atLeast', 'limit'],
  [/^Too big: expected number to be <=(-?[\d.]+)$/, 'atMost', 'limit'],
  [/^Too big: expected string to have <=(\d+) characters$/, 'tooLong', 'limit'],
  [/^Invalid input: expected int, received number$/, 'wholeNumber'],
  [/^unterminated quote: the quoted cell opened on line (\d+)/, 'unterminated', 'line'],
  [/^invalid JSON: (.*)$/, 'badJson', 'detail'],
  [/^expected an array of entries/, 'notList'],
  [/^unknown field "(.*)"$/, 'unknownField', 'name'],
  [/^must be an object with entry fields$/, 'notObject'],
  [/^Invalid input: expected (\w+), received (\w+)$/, 'wrongType', 'expected', 'received'],
  [/^unknown city "(.*)"; did you mean (.*)\? a place not in the built-in list/, 'unknownCitySuggest', 'name', 'suggestions'],
  [/^unknown city "(.*)"; a place not in the built-in list/, 'unknownCity', 'name'],
  [/^"(.*)" is ambiguous: (.*); add a region column$/, 'ambiguousCity', 'name', 'options'],
  [/^unknown time zone "(.*)"; expected/, 'unknownZone', 'value'],
  [/^no time zone is (.*) on the event's date$/, 'noZoneAt', 'value'],
  [/^not a turn length: "(.*)";/, 'turnLength', 'value'],
  [/^(\d+) seconds is too short;/, 'turnTooShort', 'seconds'],
  [/^the file is UTF-16/, 'utf16'],
  [/^the file is an Excel workbook/, 'workbook'],
  [/^the file is not text/, 'notText'],
  [/^the file starts as UTF-8/, 'brokenUtf8'],
  [/^the file's encoding is neither UTF-8 nor Windows-1251/, 'encoding'],
];

export function matchImportMessage(message: string): ImportMessage | null {
  for (const [pattern, key, ...names] of PATTERNS) {
    const m = pattern.exec(message);
    if (!m) continue;
    const values: Record<string, string> = {};
    names.forEach((name, i) => (values[name] = m[i + 1] ?? ''));
    return { key, values };
  }
  return null;
}
