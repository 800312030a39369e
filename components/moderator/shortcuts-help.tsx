'use client';
// The "?" overlay listing the keyboard shortcuts.
import { useTranslations } from 'next-intl';
import { Fragment, useEffect, useRef } from 'react';
import { Button, Kbd } from '@/components/ui';

const ROWS = [
  { keys: [['N'], ['→']], label: 'next' },
  { keys: [['Space']], label: 'pause' },
  { keys: [['E']], label: 'extend30' },
  { keys: [['Shift', 'E']], label: 'extend60' },
  {
    keys: [
      ['Ctrl', 'Z'],
      ['⌘', 'Z'],
    ],
    label: 'undo',
  },
  {
    keys: [
      ['Alt', '↑'],
      ['Alt', '↓'],
    ],
    label: 'move',
  },
  { keys: [['?']], label: 'help' },
] as const;

export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations('moderator.shortcuts');
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      data-testid="shortcuts-help"
      aria-labelledby="shortcuts-title"
      onClose={onClose}
      onKeyDown={(e) => {
        if (e.key === '?') {
          e.preventDefault();
          onClose();
        }
      }}
      onClick={(e) => e.target === e.currentTarget && onClose()}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-2xl border border-line bg-surface p-0 text-ink shadow-2xl backdrop:bg-black/70"
    >
      <div className="flex flex-col gap-4 p-6">
        <h2 id="shortcuts-title" className="text-xl font-bold">
          {t('title')}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] items-center gap-x-6 gap-y-2.5">
          {ROWS.map((row) => (
            <Fragment key={row.label}>
              <dt className="flex flex-wrap items-center gap-1 whitespace-nowrap">
                {row.keys.map((combo, i) => (
                  <Fragment key={i}>
                    {i > 0 && <span className="px-1 text-sm text-ink-muted">{t('or')}</span>}
                    {combo.map((key, j) => (
                      <Fragment key={key}>
                        {j > 0 && <span className="text-ink-muted">+</span>}
                        <Kbd>{key}</Kbd>
                      </Fragment>
                    ))}
                  </Fragment>
                ))}
              </dt>
              <dd>{t(row.label)}</dd>
            </Fragment>
          ))}
        </dl>
        <p className="text-sm text-ink-muted">{t('note')}</p>
        <Button variant="secondary" className="self-end" autoFocus onClick={onClose} data-testid="shortcuts-close">
          {t('close')}
        </Button>
      </div>
    </dialog>
  );
}
