// Pure helpers that turn the view into what the big screen shows: the in-hall/online marker, the
// place line, counts (who comes next is lib/queue.ts's lineUp). No React here, so they are cheap to call in memos.
import { countryName } from '@/lib/format';
import type { Attendance, Entry } from '@/lib/model';
import type { View } from '@/lib/protocol';
import { usedMs } from '@/lib/time';

/** The hall sees where a speaker is: checked in means in the hall, else what was planned. */
export function markerOf(entry: Pick<Entry, 'checkedIn' | 'attendance'>): Attendance {
  return entry.checkedIn ? 'in_person' : entry.attendance;
}

/** "Камчатский край", or "Гомельская область · Беларусь" for entries outside Russia. */
export function placeLine(entry: Pick<Entry, 'region' | 'country' | 'nameRu' | 'nameEn'>, locale: string): string {
  const parts: string[] = [];
  const region = entry.region.trim();
  // Moscow's region is "Москва": do not repeat the name.
  if (region && region !== entry.nameRu && region !== entry.nameEn) parts.push(region);
  if (entry.country && entry.country !== 'RU') parts.push(countryName(entry.country, locale));
  return parts.join(' · ');
}

export interface SpokeCounts {
  done: number;
  total: number;
}

/** Entries that finished speaking, of all that are expected to (absent ones are not counted). */
export function spokeCounts(view: Pick<View, 'order' | 'entries'>): SpokeCounts {
  let done = 0;
  let total = 0;
  for (const id of view.order) {
    const entry = view.entries[id];
    if (!entry || entry.status === 'absent') continue;
    total++;
    if (entry.status === 'done') done++;
  }
  return { done, total };
}

/** Entries that had the floor, in running order, with the time each used. */
export function spokenEntries(view: Pick<View, 'order' | 'entries'>, now: number): { entry: Entry; usedMs: number }[] {
  return view.order
    .map((id) => view.entries[id])
    .filter((e): e is Entry => !!e && e.turns.length > 0)
    .map((entry) => ({ entry, usedMs: usedMs(entry, now) }));
}

/** A size step for a name so long names still fit their column: the hall must read it whole. */
export function nameSize(name: string): 'xl' | 'lg' | 'md' {
  if (name.length <= 11) return 'xl';
  if (name.length <= 17) return 'lg';
  return 'md';
}
