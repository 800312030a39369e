// Routes for the organisers' work around the live session: the list of events and rehearsal copies,
// import and export of the list, the report and the library of practices. Moderator only.
import { importEntries } from '../lib/entry-import';
import { entriesToCsv, entriesToJson } from '../lib/entry-export';
import { practicesCsv, practicesMarkdown } from '../lib/practices';
import { buildReport, reportCsv, reportJson, type ReportLocale } from '../lib/report';
import { decodeText } from '../lib/text-encoding';
import type { EventsPort, LiveEventPort } from './event-ports';
import type { ApiAuth } from './http-api';
import { HttpError, httpError, readBytes, sendFile, sendJson, type Route, type RouteContext } from './http-kit';
import type { Logger } from './logger';
import type { Clock } from './clock';

/** An imported list may be far larger than a command: 37 cities with their practices. */
const MAX_IMPORT_BYTES = 1024 * 1024;
/** Enough to fix a file in one pass; a file with more errors than this is the wrong file. */
export const MAX_IMPORT_ERRORS = 50;

const CSV = 'text/csv; charset=utf-8';

export interface OrganiserDeps {
  events: EventsPort;
  auth: ApiAuth;
  clock: Clock;
  logger: Logger;
}

/** What every `/api/events/<event>/…` route needs: the event (moderator only), the locale, its report. */
export function organiserContext({ events, auth, clock }: OrganiserDeps) {
  return {
    /** `current` names the active event. */
    eventOf: ({ req, params }: RouteContext): LiveEventPort => {
      auth.requireModerator(req);
      const id = params[0]!;
      const event = id === 'current' ? events.active() : events.get(id);
      if (!event) throw httpError('not_found', 'unknown_event', `event: no event "${id}"`);
      return event;
    },
    localeOf: ({ query }: RouteContext): ReportLocale => (query.get('locale') === 'en' ? 'en' : 'ru'),
    reportOf: async (event: LiveEventPort) => buildReport(event.service.state(), await event.journal.records(), clock.now()),
    fileName: (event: LiveEventPort, what: string, ext: string) => `rollcall-${event.id}-${what}.${ext}`,
  };
}

export function organiserRoutes(deps: OrganiserDeps): Route[] {
  const { events, logger } = deps;
  const { eventOf, localeOf, reportOf, fileName } = organiserContext(deps);

  return [
    {
      method: 'GET',
      path: /^\/api\/events$/,
      handle({ req, res }) {
        deps.auth.requireModerator(req);
        sendJson(res, 200, events.list());
      },
    },
    {
      method: 'POST',
      path: /^\/api\/events\/([^/]+)\/rehearsal$/,
      async handle(ctx) {
        const created = (await events.createRehearsal(eventOf(ctx).id))!;
        if (!created.ok) throw new HttpError(created.error);
        logger.info({ eventId: created.value.id, rehearsalOf: created.value.rehearsalOf }, 'rehearsal copy created');
        sendJson(ctx.res, 201, created.value);
      },
    },
    {
      method: 'DELETE',
      path: /^\/api\/events\/([^/]+)$/,
      async handle(ctx) {
        const removed = (await events.remove(eventOf(ctx).id))!;
        if (!removed.ok) throw new HttpError(removed.error);
        logger.info({ eventId: ctx.params[0] }, 'rehearsal deleted');
        sendJson(ctx.res, 200, events.list());
      },
    },
    {
      method: 'POST',
      path: /^\/api\/events\/([^/]+)\/activate$/,
      async handle(ctx) {
        const event = eventOf(ctx);
        await events.activate(event.id);
        sendJson(
          ctx.res,
          200,
          events.list().find((e) => e.id === event.id),
        );
      },
    },
    {
      method: 'GET',
      path: /^\/api\/events\/([^/]+)\/entries\.(csv|json)$/,
      handle(ctx) {
        const event = eventOf(ctx);
        const state = event.service.state();
        const entries = state.order.map((id) => state.entries[id]!);
        if (ctx.params[1] === 'csv') sendFile(ctx.res, entriesToCsv(entries), CSV, fileName(event, 'entries', 'csv'));
        else sendFile(ctx.res, entriesToJson(entries, state.event), 'application/json; charset=utf-8', fileName(event, 'entries', 'json'));
      },
    },
    {
      method: 'POST',
      path: /^\/api\/events\/([^/]+)\/import$/,
      async handle(ctx) {
        const event = eventOf(ctx);
        const format = ctx.query.get('format');
        const mode = ctx.query.get('mode') ?? 'replace';
        if (format !== 'csv' && format !== 'json') throw httpError('bad_request', 'invalid_format', 'format: expected csv or json');
        if (mode !== 'replace' && mode !== 'append') throw httpError('bad_request', 'invalid_mode', 'mode: expected replace or append');
        const decoded = decodeText(await readBytes(ctx.req, MAX_IMPORT_BYTES));
        const { event: info } = event.service.state();
        const parsed = decoded.ok
          ? importEntries(decoded.text, format, {
              defaultTurnSeconds: Math.round(info.defaultTurnMs / 1000),
              eventTimeZone: info.timeZone,
              at: Date.parse(info.plannedStart),
            })
          : ({ ok: false, errors: [{ row: 0, column: '', message: decoded.message }] } as const);
        if (!parsed.ok) {
          const total = parsed.errors.length;
          const more = Math.max(0, total - MAX_IMPORT_ERRORS);
          const message = `the file has ${total} error(s)${more ? `; the first ${MAX_IMPORT_ERRORS} are listed, and ${more} more` : ''}; nothing was imported`;
          return sendJson(ctx.res, 400, {
            error: { code: 'bad_request', reason: 'import_failed', message },
            errors: parsed.errors.slice(0, MAX_IMPORT_ERRORS),
            more,
          });
        }
        const result = await event.service.dispatch({ role: 'moderator' }, { type: 'entry.import', mode, entries: parsed.entries });
        if (!result.ok) throw new HttpError(result.error);
        logger.info({ eventId: event.id, mode, format, imported: parsed.entries.length, version: result.version }, 'entry list imported');
        sendJson(ctx.res, 200, { version: result.version, imported: parsed.entries.length });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/events\/([^/]+)\/report\.(json|csv)$/,
      async handle(ctx) {
        const event = eventOf(ctx);
        const report = await reportOf(event);
        if (ctx.params[1] === 'csv') sendFile(ctx.res, reportCsv(report, localeOf(ctx)), CSV, fileName(event, 'report', 'csv'));
        else if (ctx.query.has('download'))
          sendFile(ctx.res, reportJson(report), 'application/json; charset=utf-8', fileName(event, 'report', 'json'));
        else sendJson(ctx.res, 200, report);
      },
    },
    {
      method: 'GET',
      path: /^\/api\/events\/([^/]+)\/practices\.(md|csv)$/,
      async handle(ctx) {
        const event = eventOf(ctx);
        const report = await reportOf(event);
        if (ctx.params[1] === 'csv') sendFile(ctx.res, practicesCsv(report, localeOf(ctx)), CSV, fileName(event, 'practices', 'csv'));
        else
          sendFile(ctx.res, practicesMarkdown(report, localeOf(ctx)), 'text/markdown; charset=utf-8', fileName(event, 'practices', 'md'));
      },
    },
  ];
}
