'use client';
// Screen-reader notice when the floor passes to someone else, for organisers following the report
// during the meeting. Silent on first load: only changes are news.
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useLive } from '@/components/live/live-provider';
import { useEntryName } from '@/components/live/live-text';

export function SpeakerAnnouncer({ enabled }: { enabled: boolean }) {
  const t = useTranslations('report.announce');
  const nameOf = useEntryName();
  const currentId = useLive((s) => s.view?.currentEntryId ?? null);
  const currentName = useLive((s) => {
    const id = s.view?.currentEntryId;
    const entry = id ? s.view?.entries[id] : undefined;
    return entry ? nameOf(entry) : null;
  });
  const [text, setText] = useState('');
  const previous = useRef<string | null | undefined>(undefined);

  useEffect(() => {
    if (!enabled) return;
    if (previous.current !== undefined && previous.current !== currentId) {
      setText(currentName ? t('speaking', { name: currentName }) : t('nobody'));
    }
    previous.current = currentId;
  }, [enabled, currentId, currentName, t]);

  return (
    <div aria-live="polite" role="status" className="sr-only" data-testid="report-announcer">
      {text}
    </div>
  );
}
