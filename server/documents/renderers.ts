// What the document routes load on their first request (server/http-documents.ts): the renderers
// and the packages behind them (pdfkit, docx, next-intl's translator, lvovich's declension), which
// take seconds to load on a busy machine. A start, and a restart that screens are waiting for, need none of them.
export { diplomaFor, diplomas } from '../../lib/diplomas';
export { minutesText } from '../../lib/minutes-text';
export { renderDiplomas } from './diploma-pdf';
export { renderDocx } from './docx-document';
export { renderPdf } from './pdf-document';
