'use client';
// /moderator/links: every participant's personal join link, with copy, QR, regenerate and revoke,
// and a «Печать» that turns the page into a clean sheet of cards for the secretariat.
import './links-print.css';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import { useLive } from '@/components/live/live-provider';
import { useModeratorKey } from '@/components/moderator/access-gate';
import { useConfirm } from '@/components/moderator/confirm-dialog';
import { Button } from '@/components/ui';
import { plannedSchedule } from '@/lib/schedule';
import { mskLabel } from '@/lib/zones';
import { callApi } from '@/components/moderator/organiser-api';
import { useLatest } from '@/components/use-latest';
import { joinLinkSchema, type JoinLinkInfo } from '@/lib/api-schemas';
import { copyText } from './copy-text';
import { LinkCard } from './link-card';
import { Notice } from './notice';
import { SetupShell } from './setup-shell';
import { useSetupErrorText } from './use-command';
import { formatZonedDateTime } from './zoned-time';

const LINK_LIST = z.array(joinLinkSchema);

export function LinksApp() {
  return (
    <SetupShell section="links">
      <LinksPage />
    </SetupShell>
  );
}

function LinksPage() {
  const t = useTranslations('setup.links');
  const locale = useLocale();
  const key = useModeratorKey();
  const confirm = useConfirm();
  const errorText = useSetupErrorText();
  const entries = useLive((s) => s.view?.entries);
  const event = useLive((s) => s.view?.event);
  const eventId = useLive((s) => s.eventId);
  const order = useLive((s) => s.view?.order);
  const plannedStarts = useMemo(
    () =>
      new Map(
        order && entries && event ? plannedSchedule({ order, entries, event }).map((slot) => [slot.entryId, slot.plannedStartAt]) : [],
      ),
    [order, entries, event],
  );
  // Refetch when entries come or go (a new entry gets its link) or the active event changes.
  const idsKey = useLive((s) => (s.view ? [...s.view.order].sort().join(',') : ''));
  const [links, setLinks] = useState<JoinLinkInfo[] | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  // errorText is a fresh function each render; reading the latest one keeps `load` stable.
  const latestErrorText = useLatest(errorText);
  const load = useCallback(
    () =>
      callApi(key, '/api/links', LINK_LIST).then((result) => {
        if (result.ok) setLinks(result.data);
        else setFeedback({ tone: 'error', text: latestErrorText.current(result.error) });
      }),
    [key, latestErrorText],
  );

  useEffect(() => {
    if (eventId) void load();
  }, [load, eventId, idsKey]);

  const change = async (link: JoinLinkInfo, regenerate: boolean) => {
    const name = entries?.[link.entryId]?.nameRu ?? link.name;
    const ok = await confirm(
      regenerate
        ? {
            title: t(link.url ? 'regenerateTitle' : 'createTitle', { name }),
            body: link.url ? t('regenerateBody') : t('createBody'),
            confirmLabel: link.url ? t('regenerate') : t('create'),
            tone: link.url ? 'danger' : 'primary',
          }
        : { title: t('revokeTitle', { name }), body: t('revokeBody'), confirmLabel: t('revoke'), tone: 'danger' },
    );
    if (!ok) return;
    setBusyId(link.entryId);
    const result = await callApi(key, `/api/links/${encodeURIComponent(link.entryId)}`, joinLinkSchema, {
      method: regenerate ? 'POST' : 'DELETE',
    });
    setBusyId(null);
    if (!result.ok) return setFeedback({ tone: 'error', text: errorText(result.error) });
    setLinks((list) => list?.map((l) => (l.entryId === link.entryId ? result.data : l)) ?? null);
    setFeedback({ tone: 'success', text: t(regenerate ? 'regenerated' : 'revokedDone', { name }) });
  };

  const copyAll = async () => {
    if (!links) return;
    const text = links
      .filter((l) => l.url)
      .map((l) => `${entries?.[l.entryId]?.nameRu ?? l.name}\t${l.url}`)
      .join('\n');
    setFeedback((await copyText(text)) ? { tone: 'success', text: t('copiedAll') } : { tone: 'error', text: t('copyFailed') });
  };

  const active = links?.filter((l) => l.url).length ?? 0;
  const title = event ? (locale === 'en' && event.titleEn ? event.titleEn : event.title) : '';

  return (
    <div className="flex flex-col gap-4 print:block" data-testid="links-page">
      <div className="flex flex-wrap items-end justify-between gap-3 print:hidden">
        <div>
          <h1 className="text-2xl font-extrabold tracking-tight text-ink">{t('title')}</h1>
          <p className="text-sm text-ink-muted">{t('intro')}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {links && (
            <span className="text-sm text-ink-muted" data-testid="links-count">
              {t('count', { active, total: links.length })}
            </span>
          )}
          <Button variant="secondary" size="sm" onClick={() => void copyAll()} disabled={!links?.length} data-testid="links-copy-all">
            {t('copyAll')}
          </Button>
          <Button variant="primary" size="sm" onClick={() => window.print()} disabled={!links?.length} data-testid="links-print">
            {t('print')}
          </Button>
        </div>
      </div>

      {/* Only on paper: what the sheet is and how to use a card. */}
      <header className="hidden print:mb-[6mm] print:block print:border-b print:border-black print:pb-[3mm] print:text-black">
        <p className="text-[9pt] tracking-[0.12em] uppercase">{t('printKicker')}</p>
        <h1 className="text-[16pt] leading-tight font-bold">{title}</h1>
        {event && (
          <p className="text-[10pt]" data-testid="links-print-start">
            {t('printStart', {
              when: formatZonedDateTime(Date.parse(event.plannedStart), event.timeZone, locale),
              zone: mskLabel(event.timeZone, Date.parse(event.plannedStart), locale),
            })}
          </p>
        )}
        <p className="mt-[2mm] text-[9.5pt]">{t('printHowTo')}</p>
      </header>

      {feedback && (
        <Notice tone={feedback.tone} className="print:hidden" data-testid="links-feedback">
          {feedback.text}
        </Notice>
      )}

      {!links ? (
        <p className="text-ink-muted print:hidden" aria-busy="true">
          {t('loading')}
        </p>
      ) : links.length === 0 ? (
        <p className="rounded-xl border border-dashed border-line p-8 text-center text-ink-muted">{t('empty')}</p>
      ) : (
        <ol className="grid gap-3 md:grid-cols-2 2xl:grid-cols-3 print:grid-cols-2 print:gap-0" aria-label={t('listLabel')}>
          {links.map((link, i) => (
            <LinkCard
              key={link.entryId}
              link={link}
              entry={entries?.[link.entryId]}
              position={i + 1}
              plannedStartAt={plannedStarts.get(link.entryId) ?? null}
              eventTimeZone={event?.timeZone ?? 'Europe/Moscow'}
              busy={busyId === link.entryId}
              onRegenerate={(l) => void change(l, true)}
              onRevoke={(l) => void change(l, false)}
            />
          ))}
        </ol>
      )}
    </div>
  );
}
