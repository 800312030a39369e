'use client';
// The confirmation asked through confirm-dialog.tsx. A native <dialog> gives focus trapping, Escape and
// the inert background for free; focus starts on "Cancel" so an Enter pressed out of habit never
// confirms a destructive action.
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui';
import type { ConfirmRequest } from './confirm-dialog';

export default function ConfirmModal({ request, onSettle }: { request: ConfirmRequest; onSettle: (ok: boolean) => void }) {
  const t = useTranslations('moderator.controls');
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus?.();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      data-testid="confirm-dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onCancel={(e) => {
        e.preventDefault();
        onSettle(false);
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl border border-line bg-surface p-0 text-ink shadow-2xl backdrop:bg-black/70"
    >
      <div className="flex flex-col gap-4 p-6">
        <h2 id="confirm-title" className="text-xl font-bold">
          {request.title}
        </h2>
        <div id="confirm-body" className="flex flex-col gap-3">
          {request.warning && (
            <p
              data-testid="confirm-warning"
              className="rounded-lg border border-status-warning/60 bg-status-warning/10 px-3 py-2 font-semibold text-status-warning"
            >
              {request.warning}
            </p>
          )}
          <p className="text-ink-muted">{request.body}</p>
        </div>
        <div className="mt-2 flex justify-end gap-3">
          <Button ref={cancelRef} variant="secondary" data-testid="confirm-cancel" onClick={() => onSettle(false)}>
            {t('cancel')}
          </Button>
          <Button variant={request.tone === 'danger' ? 'danger' : 'primary'} data-testid="confirm-ok" onClick={() => onSettle(true)}>
            {request.confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
