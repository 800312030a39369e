// A document as blocks of text, independent of its format: the minutes and the library of
// practices are built once as this (lib/minutes.ts, lib/practices.ts) and drawn as HTML on the
// report page, and as PDF and DOCX by the server (server/documents/). Pure data.

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type Block =
  /** The document's name: centred, bold, letter-spaced ("ПРОТОКОЛ"). */
  | { type: 'title'; text: string }
  /** Centred under the title. */
  | { type: 'subtitle'; text: string; italic?: boolean }
  /** One line, the left part flush left and the right flush right (date and venue). */
  | { type: 'split'; left: string; right: string }
  /** Label and value pairs in two columns. */
  | { type: 'fields'; rows: { label: string; value: string; testId?: string }[] }
  | { type: 'heading'; text: string; level: 1 | 2 }
  | { type: 'paragraph'; runs: Run[]; testId?: string }
  /** A numbered list; `id` ties an item to its entry. */
  | { type: 'list'; items: { runs: Run[]; id?: string }[]; testId?: string }
  /** Lines to sign on: role, a line for the signature, the name under a line. */
  | { type: 'signatures'; rows: { role: string; name: string }[]; signHint: string; nameHint: string };

export interface DocumentModel {
  lang: 'ru' | 'en';
  /** For the file's metadata and the page's title. */
  title: string;
  blocks: Block[];
}

export const text = (value: string, style: Omit<Run, 'text'> = {}): Run => ({ text: value, ...style });
export const bold = (value: string): Run => ({ text: value, bold: true });
