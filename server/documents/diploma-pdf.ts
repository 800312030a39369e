// Diplomas as a printable PDF: A4 landscape, one per page, in PT Serif inside a double frame —
// the awarding body, «ДИПЛОМ», the recipient and whom they represent, the practice, the nomination,
// the meeting, the date and the officers' signature lines.
import type { Diploma } from '../../lib/diplomas';
import type { DocumentFonts } from './fonts';
import { openPdf } from './pdf-document';

type Pdf = PDFKit.PDFDocument;

const MM = 72 / 25.4;
const ACCENT = '#7a1f2b';
const INK = '#1d1d1f';

function frame(doc: Pdf) {
  const { width, height } = doc.page;
  doc
    .save()
    .lineWidth(2.2)
    .strokeColor(ACCENT)
    .rect(10 * MM, 10 * MM, width - 20 * MM, height - 20 * MM)
    .stroke();
  doc
    .lineWidth(0.7)
    .rect(13 * MM, 13 * MM, width - 26 * MM, height - 26 * MM)
    .stroke()
    .restore();
}

/** A centred line in the text box; long lines wrap within it. */
function line(doc: Pdf, text: string, font: string, size: number, options: { color?: string; gap?: number; spacing?: number } = {}) {
  if (!text) return;
  const x = 30 * MM;
  const width = doc.page.width - 60 * MM;
  doc
    .font(font)
    .fontSize(size)
    .fillColor(options.color ?? INK)
    .text(text, x, doc.y, { width, align: 'center', characterSpacing: options.spacing ?? 0 });
  doc.moveDown(options.gap ?? 0.35);
}

function signatures(doc: Pdf, diploma: Diploma) {
  const { width, height } = doc.page;
  const y = height - 42 * MM;
  doc
    .font('regular')
    .fontSize(11)
    .fillColor(INK)
    .text(diploma.date, 30 * MM, y + 10, { width: 70 * MM, align: 'left' });
  const signers = diploma.signers;
  if (signers.length === 0) return;
  const area = { left: 95 * MM, right: width - 30 * MM };
  const column = (area.right - area.left) / signers.length;
  signers.forEach((signer, i) => {
    const x = area.left + i * column + 4 * MM;
    const w = column - 8 * MM;
    doc
      .font('regular')
      .fontSize(10)
      .fillColor(INK)
      .text(signer.role, x, y - 14, { width: w, align: 'center' });
    doc
      .moveTo(x + 6 * MM, y + 18)
      .lineTo(x + w - 6 * MM, y + 18)
      .lineWidth(0.6)
      .strokeColor(INK)
      .stroke();
    doc
      .font('bold')
      .fontSize(11)
      .text(signer.name, x, y + 22, { width: w, align: 'center' });
  });
}

function page(doc: Pdf, diploma: Diploma) {
  frame(doc);
  doc.y = 26 * MM;
  line(doc, diploma.issuer.toUpperCase(), 'regular', 11, { spacing: 1.5, gap: 1.6 });
  if (!diploma.issuer) doc.moveDown(1.5);
  line(doc, diploma.heading, 'bold', 52, { color: ACCENT, spacing: 12, gap: 0.3 });
  line(doc, diploma.lead, 'italic', 16, { gap: 0.7 });
  line(doc, diploma.recipient, 'bold', 26, { gap: 0.3 });
  line(doc, diploma.recipientNote, 'regular', 13, { gap: 1.3 });
  line(doc, diploma.practice, 'regular', 16, { gap: 0.4 });
  line(doc, diploma.nomination, 'bold', 17, { color: ACCENT, gap: 1.3 });
  line(doc, diploma.occasion, 'italic', 13);
  signatures(doc, diploma);
}

export async function renderDiplomas(list: readonly Diploma[], fonts: DocumentFonts, title: string): Promise<Buffer> {
  const lang = list[0]?.lang ?? 'ru';
  const { doc, bytes } = openPdf(fonts, {
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    lang,
    info: { Title: title, Creator: 'Rollcall (Перекличка)' },
    displayTitle: true,
  });
  list.forEach((diploma, i) => {
    if (i > 0) doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
    page(doc, diploma);
  });
  doc.end();
  return bytes;
}
