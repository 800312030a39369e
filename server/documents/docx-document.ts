// Writes a document (lib/document.ts) as a Word file with the docx package: A4, PT Serif embedded
// (all four faces), numbered lists, and the signature lines as a borderless table, so the
// secretariat can edit the minutes or the library before sending them.
import {
  AlignmentType,
  BorderStyle,
  CharacterSet,
  Document,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ITableCellBorders,
  type ParagraphChild,
} from 'docx';
import type { Block, DocumentModel, Run } from '../../lib/document';
import { FONT_FAMILY, type DocumentFonts } from './fonts';

const PT = 2; // docx sizes are half-points
const TWIPS_PER_MM = 56.7;
const PAGE = { width: Math.round(210 * TWIPS_PER_MM), height: Math.round(297 * TWIPS_PER_MM) };
const MARGIN = {
  top: Math.round(18 * TWIPS_PER_MM),
  bottom: Math.round(18 * TWIPS_PER_MM),
  left: Math.round(22 * TWIPS_PER_MM),
  right: Math.round(18 * TWIPS_PER_MM),
};
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const runOf = (run: Run, size?: number): TextRun =>
  new TextRun({ text: run.text, bold: run.bold, italics: run.italic, ...(size && { size: size * PT }) });

/** Text with its line breaks kept (a practice's summary has several paragraphs). */
function lines(text: string, style: { bold?: boolean; italics?: boolean; size?: number } = {}): TextRun[] {
  return text
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...style, ...(style.size && { size: style.size * PT }) }));
}

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders: ITableCellBorders = { top: none, bottom: none, left: none, right: none };
const underline: ITableCellBorders = { ...noBorders, bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000' } };

function signatures(block: Extract<Block, { type: 'signatures' }>): Table {
  // Role, signature line, a gap so the two lines do not run together, name line.
  const widths = [0.28, 0.27, 0.05, 0.4].map((f) => Math.round(TEXT_WIDTH * f));
  const cell = (children: Paragraph[], i: number, borders = noBorders) =>
    new TableCell({ children, borders, width: { size: widths[i]!, type: WidthType.DXA } });
  const hint = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, size: 8 * PT })] });
  const spaced = (children: TextRun[], center = false) =>
    new Paragraph({ spacing: { before: 480 }, alignment: center ? AlignmentType.CENTER : undefined, children });
  const rows = block.rows.flatMap((row) => [
    new TableRow({
      children: [
        cell([spaced([new TextRun(row.role)])], 0),
        cell([spaced([])], 1, underline),
        cell([spaced([])], 2),
        cell([spaced([new TextRun(row.name)], true)], 3, underline),
      ],
    }),
    new TableRow({
      children: [
        cell([new Paragraph('')], 0),
        cell([hint(block.signHint)], 1),
        cell([new Paragraph('')], 2),
        cell([hint(block.nameHint)], 3),
      ],
    }),
  ]);
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { ...noBorders, insideHorizontal: none, insideVertical: none },
  });
}

function block(b: Block, index: number): (Paragraph | Table)[] {
  switch (b.type) {
    case 'title':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: b.text, bold: true, size: 16 * PT, characterSpacing: 60 })],
        }),
      ];
    case 'subtitle':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: b.text, bold: !b.italic, italics: b.italic, size: (b.italic ? 10 : 13) * PT })],
        }),
      ];
    case 'split':
      return [
        new Paragraph({
          spacing: { before: 360, after: 240 },
          tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
          children: [new TextRun(b.left), new TextRun({ text: `\t${b.right}` })],
        }),
      ];
    case 'fields':
      return b.rows.map(
        (row, i) =>
          new Paragraph({
            spacing: { after: i === b.rows.length - 1 ? 200 : 0 },
            tabStops: [{ type: TabStopType.LEFT, position: Math.round(TEXT_WIDTH * 0.36) }],
            children: [new TextRun(row.label), new TextRun(`\t${row.value}`)],
          }),
      );
    case 'heading':
      return [
        new Paragraph({
          spacing: { before: b.level === 1 ? 280 : 200, after: 80 },
          keepNext: true,
          children: [new TextRun({ text: b.text, bold: true, size: (b.level === 1 ? 13 : 12) * PT })],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          spacing: { after: 80 },
          children: b.runs.flatMap((run): ParagraphChild[] => lines(run.text, { bold: run.bold, italics: run.italic })),
        }),
      ];
    case 'list':
      return b.items.map(
        (item) =>
          new Paragraph({
            numbering: { reference: 'numbers', level: 0, instance: index },
            spacing: { after: 80 },
            children: item.runs.map((run) => runOf(run)),
          }),
      );
    case 'signatures':
      return [new Paragraph({ spacing: { before: 360 }, children: [] }), signatures(b)];
    default:
      return b satisfies never;
  }
}

export async function renderDocx(model: DocumentModel, fonts: DocumentFonts): Promise<Buffer> {
  const doc = new Document({
    creator: 'Rollcall (Перекличка)',
    title: model.title,
    fonts: [
      {
        name: FONT_FAMILY,
        data: fonts.regular,
        bold: fonts.bold,
        italic: fonts.italic,
        boldItalic: fonts.boldItalic,
        characterSet: CharacterSet.RUSSIAN,
      },
    ],
    styles: {
      default: { document: { run: { font: FONT_FAMILY, size: 12 * PT, language: { value: model.lang === 'en' ? 'en-GB' : 'ru-RU' } } } },
    },
    numbering: {
      config: [
        {
          reference: 'numbers',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 480, hanging: 480 } } },
            },
          ],
        },
      ],
    },
    sections: [{ properties: { page: { size: PAGE, margin: MARGIN } }, children: model.blocks.flatMap((b, i) => block(b, i)) }],
  });
  return Packer.toBuffer(doc);
}
