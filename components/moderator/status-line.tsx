'use client';
// The console's status line: refused commands (translated) and notices such as an undo, which may
// come from this tab or another moderator tab. Polite live region; fades on its own.
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { useLive } from '@/components/live/live-provider';
import { cn } from '@/components/ui';
import { useFeedback } from './command-context';

const SHOW_MS = { error: 9000, info: 5000 } as const;

export function StatusLine() {
  const t = useTranslations('moderator');
  const { feedback, say, dismiss } = useFeedback();
  const notices = useLive((s) => s.notices);

  useEffect(() => {
    for (const notice of notices) {
      if (notice.type !== 'undo') continue;
      const key = `actions.${notice.command.replace('.', '_')}`;
      const action = t.has(key as never) ? t(key as never) : t('actions.other');
      say('info', t('feedback.undone', { action }));
    }
  }, [notices, say, t]);

  useEffect(() => {
    if (!feedback) return;
    const timer = setTimeout(dismiss, SHOW_MS[feedback.tone]);
    return () => clearTimeout(timer);
  }, [feedback, dismiss]);

  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
      <div role="status" aria-live="polite" data-testid="status-line" data-tone={feedback?.tone ?? ''} className="pointer-events-auto">
        {feedback && (
          <div
            key={feedback.id}
            className={cn(
              'flex items-center gap-3 rounded-xl border-2 px-4 py-2.5 font-semibold shadow-2xl',
              feedback.tone === 'error' ? 'border-danger bg-[#2a0d10] text-danger-ink' : 'border-line bg-surface-3 text-ink',
            )}
          >
            <span aria-hidden="true">{feedback.tone === 'error' ? '⚠' : '↶'}</span>
            <span>{feedback.text}</span>
            <button
              type="button"
              onClick={dismiss}
              aria-label={t('feedback.dismiss')}
              className="ml-1 rounded px-1.5 text-ink-muted hover:text-ink"
            >
              ✕
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
