'use client';
// Loads the list from a CSV (Excel, Russian headers welcome) or JSON file. The server checks the
// whole file and imports all or nothing; when it refuses, every problem is listed at once so the
// organiser fixes the file in one pass.
import { useTranslations } from 'next-intl';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useModeratorKey } from '@/components/moderator/access-gate';
import { useConfirm } from '@/components/moderator/confirm-dialog';
import { useLive } from '@/components/live/live-provider';
import { Button, Panel } from '@/components/ui';
import type { ImportError } from '@/lib/entry-import';
import { callApi, downloadFile } from '@/components/moderator/organiser-api';
import { importReplySchema } from '@/lib/api-schemas';
import { ColumnHelp } from './column-help';
import { ExportButtons } from './export-buttons';
import { controlClasses } from './field';
import { ImportErrors } from './import-errors';
import { Notice } from './notice';
import { useSetupErrorText } from './use-command';

type Mode = 'replace' | 'append';
type Outcome =
  | { kind: 'imported'; count: number; file: string }
  | { kind: 'rejected'; errors: ImportError[]; file: string }
  | { kind: 'failed'; text: string };

const formatOf = (name: string) => (name.toLowerCase().endsWith('.json') ? 'json' : 'csv');

export function ImportPanel() {
  const t = useTranslations('setup.import');
  const key = useModeratorKey();
  const confirm = useConfirm();
  const errorText = useSetupErrorText();
  const count = useLive((s) => s.view?.order.length ?? 0);
  const fileId = useId();
  const modeId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>('replace');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return setOutcome({ kind: 'failed', text: t('chooseFirst') });
    if (mode === 'replace' && count > 0) {
      const ok = await confirm({
        title: t('replaceTitle'),
        body: t('replaceBody', { count }),
        confirmLabel: t('replaceConfirm'),
        tone: 'danger',
      });
      if (!ok) return;
    }
    setBusy(true);
    setOutcome(null);
    // The file's own bytes: the server tells UTF-8 from Windows-1251, which file.text() cannot.
    const result = await callApi(key, `/api/events/current/import?format=${formatOf(file.name)}&mode=${mode}`, importReplySchema, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: file,
    });
    setBusy(false);
    if (result.ok) {
      setOutcome({ kind: 'imported', count: result.data.imported, file: file.name });
      setFile(null);
      if (input.current) input.current.value = '';
      return;
    }
    if (result.status === 400 && result.rowErrors) setOutcome({ kind: 'rejected', errors: result.rowErrors, file: file.name });
    else setOutcome({ kind: 'failed', text: errorText(result.error) });
  }

  const template = async () => {
    const result = await downloadFile(key, '/api/events/current/entries.csv', 'rollcall-entries.csv');
    if (!result.ok) setOutcome({ kind: 'failed', text: errorText(result.error) });
  };

  return (
    <Panel title={t('title')} data-testid="import-panel" className="h-full">
      <form onSubmit={submit} className="flex flex-col gap-3">
        <div className="grid grid-cols-[minmax(0,1fr)_12rem] gap-3">
          <div className="flex min-w-0 flex-col gap-1">
            <label htmlFor={fileId} className="text-sm font-semibold text-ink-muted">
              {t('file')}
            </label>
            <input
              ref={input}
              id={fileId}
              type="file"
              accept=".csv,.json,text/csv,application/json"
              data-testid="import-file"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setOutcome(null);
              }}
              className="w-full rounded-lg border border-dashed border-line bg-surface-2 p-1.5 text-sm text-ink-muted file:mr-3 file:h-8 file:cursor-pointer file:rounded-md file:border-0 file:bg-surface-3 file:px-3 file:font-semibold file:text-ink hover:border-ink-muted"
            />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={modeId} className="text-sm font-semibold text-ink-muted">
              {t('mode')}
            </label>
            <select
              id={modeId}
              value={mode}
              onChange={(e) => setMode(e.target.value as Mode)}
              data-testid="import-mode"
              className={controlClasses}
            >
              <option value="replace">{t('modeReplace')}</option>
              <option value="append">{t('modeAppend')}</option>
            </select>
          </div>
        </div>
        <p className="text-xs text-ink-muted">{mode === 'replace' ? t('replaceHint') : t('appendHint')}</p>
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" variant="primary" disabled={busy || !file} data-testid="import-submit">
            {busy ? t('importing') : t('submit')}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => void template()} data-testid="import-template">
            {t('template')}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            aria-expanded={helpOpen}
            onClick={() => setHelpOpen((v) => !v)}
            data-testid="import-help-toggle"
          >
            {helpOpen ? t('helpHide') : t('helpShow')}
          </Button>
        </div>
      </form>

      {outcome?.kind === 'imported' && (
        <Notice tone="success" data-testid="import-result">
          {t('imported', { count: outcome.count, file: outcome.file })}
        </Notice>
      )}
      {outcome?.kind === 'failed' && (
        <Notice tone="error" data-testid="import-failed">
          {outcome.text}
        </Notice>
      )}
      {outcome?.kind === 'rejected' && <ImportErrors errors={outcome.errors} file={outcome.file} />}
      {helpOpen && <ColumnHelp />}
      <ExportButtons />
    </Panel>
  );
}
