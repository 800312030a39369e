// Moderator-only routes for webhooks: list them with their latest deliveries, register one (its
// secret is in that answer), show a secret again on demand, remove one. The role is checked on
// every request; secrets and URLs never reach the log.
import { describeZodError, webhookInputSchema } from '../lib/protocol';
import type { ApiAuth } from './http-api';
import { httpError, readJson, sendJson, type Route } from './http-kit';
import type { Logger } from './logger';
import { MAX_WEBHOOKS, type Webhooks } from './webhooks';

export interface WebhookRouteDeps {
  webhooks: Webhooks;
  auth: ApiAuth;
  logger: Logger;
}

export function webhookRoutes({ webhooks, auth }: WebhookRouteDeps): Route[] {
  const unknown = (id: string) => httpError('not_found', 'unknown_webhook', `webhook: no webhook "${id}"`);
  return [
    {
      method: 'GET',
      path: /^\/api\/webhooks$/,
      handle({ req, res }) {
        auth.requireModerator(req);
        sendJson(res, 200, webhooks.list());
      },
    },
    {
      method: 'POST',
      path: /^\/api\/webhooks$/,
      async handle({ req, res }) {
        auth.requireModerator(req);
        const parsed = webhookInputSchema.safeParse(await readJson(req));
        if (!parsed.success) throw httpError('bad_request', 'invalid_webhook', describeZodError(parsed.error));
        if (webhooks.count() >= MAX_WEBHOOKS)
          throw httpError('conflict', 'too_many_webhooks', `at most ${MAX_WEBHOOKS} webhooks; remove one first`);
        sendJson(res, 201, webhooks.add(parsed.data));
      },
    },
    {
      method: 'GET',
      path: /^\/api\/webhooks\/([^/]+)\/secret$/,
      handle({ req, res, params }) {
        auth.requireModerator(req);
        const secret = webhooks.secret(params[0]!);
        if (secret === null) throw unknown(params[0]!);
        sendJson(res, 200, { id: params[0]!, secret });
      },
    },
    {
      method: 'DELETE',
      path: /^\/api\/webhooks\/([^/]+)$/,
      handle({ req, res, params }) {
        auth.requireModerator(req);
        if (!webhooks.remove(params[0]!)) throw unknown(params[0]!);
        sendJson(res, 200, webhooks.list());
      },
    },
  ];
}
