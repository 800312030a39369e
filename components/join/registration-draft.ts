// The registration a city fills in through its link: the draft as typed, its checks (the same limits
// the server's schema enforces, so a refusal for length never reaches the network), and the draft
// kept in the browser so a long practice summary survives a reload or a dropped connection.
import { TEXT_MAX } from '@/lib/field-limits';
import type { Attendance, Entry } from '@/lib/model';
import type { RegistrationFields } from '@/lib/protocol';

export interface RegistrationDraft {
  representative: string;
  position: string;
  attendance: Attendance | '';
  practiceTitle: string;
  practiceSummary: string;
  contact: string;
}

export type DraftField = keyof RegistrationDraft;

/** The lengths the server's schema allows (lib/field-limits.ts), for the fields a city types. */
export const LIMITS = {
  representative: TEXT_MAX.representative,
  position: TEXT_MAX.position,
  practiceTitle: TEXT_MAX.practiceTitle,
  practiceSummary: TEXT_MAX.practiceSummary,
  contact: TEXT_MAX.contact,
} as const satisfies Partial<Record<DraftField, number>>;

export type DraftError = 'required' | 'tooLong' | 'contact';
export type DraftErrors = Partial<Record<DraftField, DraftError>>;

export function draftFromEntry(entry: Entry): RegistrationDraft {
  return {
    representative: entry.representative,
    position: entry.position,
    attendance: entry.attendance,
    practiceTitle: entry.practiceTitle,
    practiceSummary: entry.practiceSummary,
    contact: entry.contact,
  };
}

/** Length as the server counts it: after trimming. */
export function trimmedLength(value: string): number {
  return value.trim().length;
}

export function validateDraft(draft: RegistrationDraft): DraftErrors {
  const errors: DraftErrors = {};
  if (!draft.representative.trim()) errors.representative = 'required';
  if (!draft.attendance) errors.attendance = 'required';
  for (const field of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
    if (!errors[field] && trimmedLength(draft[field]) > LIMITS[field]) errors[field] = 'tooLong';
  }
  // An e-mail has an @, a phone number has digits; anything else cannot reach anybody.
  const contact = draft.contact.trim();
  if (contact && !errors.contact && !contact.includes('@') && (contact.match(/\d/g)?.length ?? 0) < 5) errors.contact = 'contact';
  return errors;
}

/** The command's fields: every value trimmed, empty ones sent too so a cleared field is cleared. */
export function toFields(draft: RegistrationDraft): RegistrationFields {
  return {
    representative: draft.representative.trim(),
    position: draft.position.trim(),
    attendance: draft.attendance || 'in_person',
    practiceTitle: draft.practiceTitle.trim(),
    practiceSummary: draft.practiceSummary.trim(),
    contact: draft.contact.trim(),
  };
}

/** Same content once trimmed: what the organisers would see is unchanged. */
export function sameDraft(a: RegistrationDraft, b: RegistrationDraft): boolean {
  return (Object.keys(a) as DraftField[]).every((k) => a[k].trim() === b[k].trim());
}

/** The field a server refusal names, e.g. "fields.contact: Too big…" → 'contact'. */
export function fieldOfServerMessage(message: string): DraftField | null {
  const match = /fields\.(representative|position|attendance|practiceTitle|practiceSummary|contact)\b/.exec(message);
  return (match?.[1] as DraftField | undefined) ?? null;
}

// ---- the unsent draft in localStorage (per entry; cleared once the server accepted it) ----------

const storageKey = (entryId: string) => `rollcall.registration.${entryId}`;

export function loadStoredDraft(entryId: string): RegistrationDraft | null {
  try {
    const raw = localStorage.getItem(storageKey(entryId));
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    // Whatever is stored (another version's draft, a damaged one) is read field by field.
    const value: Record<string, unknown> = typeof parsed === 'object' && parsed !== null ? { ...parsed } : {};
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    return {
      representative: text(value.representative),
      position: text(value.position),
      attendance: value.attendance === 'online' || value.attendance === 'in_person' ? value.attendance : '',
      practiceTitle: text(value.practiceTitle),
      practiceSummary: text(value.practiceSummary),
      contact: text(value.contact),
    };
  } catch {
    return null;
  }
}

export function storeDraft(entryId: string, draft: RegistrationDraft | null): void {
  try {
    if (draft) localStorage.setItem(storageKey(entryId), JSON.stringify(draft));
    else localStorage.removeItem(storageKey(entryId));
  } catch {
    // Private mode or full storage: the draft then lives only in the page.
  }
}
