'use client';
// What the server's documents print that the roll call cannot know: the venue, the chair and the
// secretary who sign the minutes, and for the diplomas the awarding body and up to three officers
// with their signature lines. Saved with one `event.update { documents }`.
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useLive } from '@/components/live/live-provider';
import { Button, Panel } from '@/components/ui';
import { MAX_SIGNERS, TEXT_MAX } from '@/lib/field-limits';
import { documentSettingsSchema, type DocumentSettings } from '@/lib/protocol';
import { TextField } from './field';
import { Notice } from './notice';
import { useCommand } from './use-command';
import { useFollowSource } from './use-follow-source';

const EMPTY: DocumentSettings = { venue: '', chair: '', secretary: '', diplomaIssuer: '', signers: [] };

type Draft = Omit<DocumentSettings, 'signers'> & { signers: { role: string; name: string }[] };

const draftOf = (settings: DocumentSettings | undefined): Draft => {
  const s = settings ?? EMPTY;
  return { ...s, signers: Array.from({ length: MAX_SIGNERS }, (_, i) => s.signers[i] ?? { role: '', name: '' }) };
};

export function DocumentsForm() {
  const t = useTranslations('setup.documents');
  const settings = useLive((s) => s.view?.event.documents);
  const send = useCommand();
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  // Another console (or undo) changed them: follow unless the organiser is typing.
  useFollowSource(JSON.stringify(settings ?? null), dirty, () => setDraft(draftOf(settings)));

  const edit = (change: (d: Draft) => Draft) => {
    setDraft(change);
    setDirty(true);
    setOutcome(null);
  };
  const field = (name: 'venue' | 'chair' | 'secretary' | 'diplomaIssuer') => (e: { target: { value: string } }) =>
    edit((d) => ({ ...d, [name]: e.target.value }));
  const signer = (i: number, part: 'role' | 'name') => (e: { target: { value: string } }) =>
    edit((d) => ({ ...d, signers: d.signers.map((s, j) => (j === i ? { ...s, [part]: e.target.value } : s)) }));

  async function save(e: FormEvent) {
    e.preventDefault();
    const parsed = documentSettingsSchema.safeParse({ ...draft, signers: draft.signers.filter((s) => s.role.trim() || s.name.trim()) });
    if (!parsed.success) return setOutcome({ tone: 'error', text: t('invalid') });
    setBusy(true);
    const error = await send({ type: 'event.update', fields: { documents: parsed.data } });
    setBusy(false);
    if (error) return setOutcome({ tone: 'error', text: error });
    setDirty(false);
    setOutcome({ tone: 'success', text: t('saved') });
  }

  return (
    <Panel title={t('title')} data-testid="documents-form">
      <form onSubmit={save} className="flex flex-col gap-3" noValidate>
        <p className="text-sm text-ink-muted">{t('intro')}</p>
        <div className="grid gap-3 md:grid-cols-3">
          <TextField
            label={t('venue')}
            placeholder={t('venuePlaceholder')}
            value={draft.venue}
            onChange={field('venue')}
            name="venue"
            maxLength={TEXT_MAX.venue}
          />
          <TextField
            label={t('chair')}
            placeholder={t('namePlaceholder')}
            value={draft.chair}
            onChange={field('chair')}
            name="chair"
            maxLength={TEXT_MAX.personName}
          />
          <TextField
            label={t('secretary')}
            placeholder={t('namePlaceholder')}
            value={draft.secretary}
            onChange={field('secretary')}
            name="secretary"
            maxLength={TEXT_MAX.personName}
          />
          <TextField
            label={t('issuer')}
            placeholder={t('issuerPlaceholder')}
            value={draft.diplomaIssuer}
            onChange={field('diplomaIssuer')}
            name="diplomaIssuer"
            maxLength={TEXT_MAX.diplomaIssuer}
            className="md:col-span-3"
          />
        </div>
        <fieldset className="grid gap-3 md:grid-cols-3">
          <legend className="mb-1 text-sm font-semibold text-ink-muted">{t('signers')}</legend>
          {draft.signers.map((s, i) => (
            <div key={i} className="flex flex-col gap-2 rounded-lg border border-line p-2">
              <TextField
                label={t('signerRole', { n: i + 1 })}
                placeholder={t('rolePlaceholder')}
                value={s.role}
                onChange={signer(i, 'role')}
                name={`signer-${i}-role`}
                maxLength={TEXT_MAX.signerRole}
              />
              <TextField
                label={t('signerName', { n: i + 1 })}
                placeholder={t('namePlaceholder')}
                value={s.name}
                onChange={signer(i, 'name')}
                name={`signer-${i}-name`}
                maxLength={TEXT_MAX.personName}
              />
            </div>
          ))}
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={busy || !dirty} data-testid="documents-save">
            {busy ? t('saving') : t('save')}
          </Button>
          {dirty && !outcome && <span className="text-sm text-status-warning">{t('unsaved')}</span>}
        </div>
        {outcome && (
          <Notice tone={outcome.tone} data-testid="documents-result">
            {outcome.text}
          </Notice>
        )}
      </form>
    </Panel>
  );
}
