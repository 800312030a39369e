// Reading a PDF back as a person's tools would: poppler's pdftotext, pdfinfo and pdffonts (Debian's
// poppler-utils, installed by .ci/run). A missing tool fails the test with how to install it.
import { execFileSync } from 'node:child_process';
import { unzipSync } from 'fflate';

function poppler(tool: string, args: string[], input: Uint8Array): string {
  try {
    return execFileSync(tool, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${tool} is missing: apt-get install poppler-utils (.ci/run does)`);
    throw error;
  }
}

/** The text of every page, in reading order, with runs of spaces folded to one. */
export const pdfText = (pdf: Uint8Array) => poppler('pdftotext', ['-enc', 'UTF-8', '-', '-'], pdf).replace(/[ \t]+/g, ' ');

/** The text of each page separately. */
export const pdfPages = (pdf: Uint8Array) =>
  pdfText(pdf)
    .split('\f')
    .filter((page) => page.trim() !== '');

/** pdfinfo's fields: Pages, Page size, Title… */
export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const out = poppler('pdfinfo', ['-'], pdf);
  return Object.fromEntries(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
  );
}

/** Each font as pdffonts lists it: name and whether it is embedded. */
export function pdfFonts(pdf: Uint8Array): { name: string; embedded: boolean }[] {
  return poppler('pdffonts', ['-'], pdf)
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      return { name: cells[0]!, embedded: cells.at(-5) === 'yes' };
    });
}

/** A DOCX file's parts by path; `xml(part)` reads one as text. */
export function docxParts(docx: Uint8Array) {
  const files = unzipSync(docx);
  return { files: Object.keys(files), xml: (part: string) => new TextDecoder().decode(files[part]) };
}

/** The document's words as Word shows them: the text of every <w:t>, paragraph by paragraph. */
export function docxText(documentXml: string): string {
  return documentXml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .filter(Boolean)
    .join('\n')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
