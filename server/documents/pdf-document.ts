// Draws a document (lib/document.ts) as an A4 PDF with pdfkit, in PT Serif (subset embedded):
// the minutes and the library of practices. Pages are numbered «стр. 2 из 3» when there are several.
import PDFDocument from 'pdfkit';
import type { Block, DocumentModel, Run } from '../../lib/document';
import type { DocumentFonts } from './fonts';

type Pdf = PDFKit.PDFDocument;

const MM = 72 / 25.4;
const MARGIN = { top: 18 * MM, bottom: 18 * MM, left: 22 * MM, right: 18 * MM };
const BODY = 12;
const FACES = ['regular', 'bold', 'italic', 'boldItalic'] as const;

/** A pdfkit document with the four faces registered, and its bytes once ended. */
export function openPdf(fonts: DocumentFonts, options: PDFKit.PDFDocumentOptions): { doc: Pdf; bytes: Promise<Buffer> } {
  const doc = new PDFDocument({ ...options, bufferPages: true, autoFirstPage: true });
  for (const name of FACES) doc.registerFont(name, fonts[name]);
  doc.font('regular');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}

const face = (run: Pick<Run, 'bold' | 'italic'>) => (run.bold ? (run.italic ? 'boldItalic' : 'bold') : run.italic ? 'italic' : 'regular');

/** Writes runs as one flowing paragraph starting at (x, y) when given, else where the cursor is. */
function runs(doc: Pdf, given: Run[], options: PDFKit.Mixins.TextOptions & { x?: number; y?: number } = {}) {
  const { x, y, ...rest } = options;
  // Neighbouring runs in one face are one string, so pdfkit never breaks a line between them.
  const parts = given.reduce<Run[]>((out, run) => {
    const last = out.at(-1);
    if (last && face(last) === face(run)) out[out.length - 1] = { ...last, text: last.text + run.text };
    else out.push(run);
    return out;
  }, []);
  parts.forEach((run, i) => {
    doc.font(face(run));
    const opts = { ...rest, continued: i < parts.length - 1 };
    if (i === 0 && x !== undefined) doc.text(run.text, x, y ?? doc.y, opts);
    else doc.text(run.text, opts);
  });
}

function ensureRoom(doc: Pdf, height: number) {
  if (doc.y + height > doc.page.height - MARGIN.bottom) doc.addPage();
}

function block(doc: Pdf, b: Block, width: number) {
  const left = MARGIN.left;
  switch (b.type) {
    case 'title':
      doc.font('bold').fontSize(16).text(b.text, left, doc.y, { width, align: 'center', characterSpacing: 3 });
      break;
    case 'subtitle':
      doc
        .font(b.italic ? 'italic' : 'bold')
        .fontSize(b.italic ? 10 : 13)
        .text(b.text, left, doc.y, { width, align: 'center' });
      break;
    case 'split': {
      doc.moveDown(1.2).fontSize(BODY).font('regular');
      const y = doc.y;
      doc.text(b.left, left, y, { width: width / 2 });
      const after = doc.y;
      doc.text(b.right, left + width / 2, y, { width: width / 2, align: 'right' });
      doc.y = Math.max(after, doc.y);
      doc.moveDown(0.8);
      break;
    }
    case 'fields': {
      doc.fontSize(BODY).font('regular');
      const labelWidth = Math.max(...b.rows.map((r) => doc.widthOfString(r.label))) + 8;
      for (const row of b.rows) {
        const y = doc.y;
        doc.text(row.label, left, y, { width: labelWidth });
        const after = doc.y;
        doc.text(row.value, left + labelWidth, y, { width: width - labelWidth });
        doc.y = Math.max(after, doc.y);
      }
      doc.moveDown(0.6);
      break;
    }
    case 'heading':
      ensureRoom(doc, 3 * BODY);
      doc.moveDown(b.level === 1 ? 0.8 : 0.6);
      doc
        .font('bold')
        .fontSize(b.level === 1 ? 13 : BODY)
        .text(b.text, left, doc.y, { width });
      doc.moveDown(0.3);
      break;
    case 'paragraph':
      doc.fontSize(BODY);
      runs(doc, b.runs, { x: left, width, lineGap: 1.5 });
      doc.moveDown(0.25);
      break;
    case 'list':
      doc.fontSize(BODY);
      b.items.forEach((item, i) => {
        ensureRoom(doc, 2 * BODY);
        const y = doc.y;
        doc.font('regular').text(`${i + 1}.`, left, y, { width: 22 });
        runs(doc, item.runs, { x: left + 24, y, width: width - 24, lineGap: 1.5 });
        doc.moveDown(0.3);
      });
      break;
    case 'signatures': {
      doc.moveDown(2);
      for (const row of b.rows) {
        ensureRoom(doc, 50);
        const y = doc.y + 14;
        const sign = { x: left + 120, w: 130 };
        const name = { x: left + 270, w: 170 };
        doc
          .font('regular')
          .fontSize(BODY)
          .text(row.role, left, y - 2, { width: 115 });
        doc
          .moveTo(sign.x, y + 12)
          .lineTo(sign.x + sign.w, y + 12)
          .lineWidth(0.6)
          .stroke();
        doc
          .moveTo(name.x, y + 12)
          .lineTo(name.x + name.w, y + 12)
          .stroke();
        if (row.name) doc.text(row.name, name.x, y - 2, { width: name.w, align: 'center' });
        doc.fontSize(8).text(b.signHint, sign.x, y + 14, { width: sign.w, align: 'center' });
        doc.text(b.nameHint, name.x, y + 14, { width: name.w, align: 'center' });
        doc.fontSize(BODY);
        doc.x = left;
        doc.y = y + 40;
      }
      break;
    }
    default:
      b satisfies never;
  }
}

/** «стр. 1 из 3» at the foot of every page, when there is more than one. */
function numberPages(doc: Pdf, lang: 'ru' | 'en') {
  const { start, count } = doc.bufferedPageRange();
  if (count < 2) return;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const label = lang === 'en' ? `page ${i + 1} of ${count}` : `стр. ${i + 1} из ${count}`;
    // Writing inside the bottom margin must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(9)
      .text(label, MARGIN.left, doc.page.height - MARGIN.bottom / 2 - 4, {
        width: doc.page.width - MARGIN.left - MARGIN.right,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

export async function renderPdf(model: DocumentModel, fonts: DocumentFonts): Promise<Buffer> {
  const { doc, bytes } = openPdf(fonts, {
    size: 'A4',
    margins: MARGIN,
    lang: model.lang,
    info: { Title: model.title, Creator: 'Rollcall (Перекличка)' },
    displayTitle: true,
  });
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  for (const b of model.blocks) block(doc, b, width);
  numberPages(doc, model.lang);
  doc.end();
  return bytes;
}
