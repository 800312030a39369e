// The documents the secretariat sends, made by the server with PT Serif embedded: the minutes and
// the library of practices as PDF and DOCX, and the diplomas of the nominated practices as PDF
// (all of them, or one city's). Moderator only, like the other `/api/events/<event>/` routes.
import { minutesDocument } from '../lib/minutes';
import { practicesDocument } from '../lib/practices';
import { loadFonts, type DocumentFonts } from './documents/fonts';
import { httpError, sendFile, type Route } from './http-kit';
import { organiserContext, type OrganiserDeps } from './http-organiser';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function documentRoutes(deps: OrganiserDeps): Route[] {
  const { eventOf, localeOf, reportOf, fileName } = organiserContext(deps);
  // Read on the first document asked for, then kept for the server's life.
  let fonts: DocumentFonts | null = null;
  const faces = () => (fonts ??= loadFonts());
  const renderers = () => import('./documents/renderers');

  return [
    {
      method: 'GET',
      path: /^\/api\/events\/([^/]+)\/(minutes|practices)\.(pdf|docx)$/,
      async handle(ctx) {
        const event = eventOf(ctx);
        const locale = localeOf(ctx);
        const report = await reportOf(event);
        const [, what, ext] = ctx.params as [string, 'minutes' | 'practices', 'pdf' | 'docx'];
        const { minutesText, renderDocx, renderPdf } = await renderers();
        const model = what === 'minutes' ? minutesDocument(report, locale, minutesText(locale)) : practicesDocument(report, locale);
        const body = ext === 'pdf' ? await renderPdf(model, faces()) : await renderDocx(model, faces());
        sendFile(ctx.res, body, ext === 'pdf' ? PDF : DOCX, fileName(event, what, ext));
      },
    },
    {
      method: 'GET',
      path: /^\/api\/events\/([^/]+)\/diplomas\.pdf$/,
      async handle(ctx) {
        const event = eventOf(ctx);
        const { diplomas, renderDiplomas } = await renderers();
        const list = diplomas(await reportOf(event), localeOf(ctx));
        if (list.length === 0) throw httpError('not_found', 'no_nominations', 'diplomas: no practice is nominated for a diploma yet');
        sendFile(ctx.res, await renderDiplomas(list, faces(), event.service.state().event.title), PDF, fileName(event, 'diplomas', 'pdf'));
      },
    },
    {
      method: 'GET',
      path: /^\/api\/events\/([^/]+)\/diplomas\/([^/]+)\.pdf$/,
      async handle(ctx) {
        const event = eventOf(ctx);
        const report = await reportOf(event);
        const entryId = ctx.params[1]!;
        const entry = report.entries.find((e) => e.id === entryId);
        if (!entry) throw httpError('not_found', 'unknown_entry', `entryId: no entry "${entryId}"`);
        if (!entry.nomination) throw httpError('not_found', 'not_nominated', `entryId: "${entryId}" has no nomination for a diploma`);
        const { diplomaFor, renderDiplomas } = await renderers();
        const diploma = diplomaFor(report, entry, localeOf(ctx));
        sendFile(ctx.res, await renderDiplomas([diploma], faces(), diploma.recipient), PDF, fileName(event, `diploma-${entryId}`, 'pdf'));
      },
    },
  ];
}
