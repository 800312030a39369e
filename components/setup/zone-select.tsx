'use client';
// A time zone chosen from a list, never typed: Russia's and Belarus's zones first, as people in
// Russia name them («МСК+6 — Якутск, Чита, Благовещенск»), then every other zone the browser knows.
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, type ComponentPropsWithRef } from 'react';
import { PLACES } from '@/lib/gazetteer';
import { RUSSIAN_ZONES, mskLabel, utcOffsetMinutes } from '@/lib/zones';
import { SelectField } from './field';
import { knownTimeZones } from './zoned-time';

interface ZoneOption {
  value: string;
  label: string;
}

/** Zones of Russia and Belarus: the eleven named ones plus the others the built-in cities use (Asia/Chita…). */
function homeZones(at: number, locale: string, label: (values: { msk: string; cities: string; zone: string }) => string): ZoneOption[] {
  const named = new Map<string, string>(RUSSIAN_ZONES.map((z) => [z.timeZone, locale === 'en' ? z.en : z.ru]));
  const byZone = new Map<string, string[]>();
  for (const p of PLACES) {
    if (p.country !== 'RU' && p.country !== 'BY') continue;
    byZone.set(p.timeZone, [...(byZone.get(p.timeZone) ?? []), locale === 'en' ? p.nameEn : p.nameRu]);
  }
  for (const zone of named.keys()) if (!byZone.has(zone)) byZone.set(zone, []);
  return [...byZone.entries()]
    .map(([zone, names]) => ({ zone, offset: utcOffsetMinutes(zone, at), names: named.get(zone) ?? names.slice(0, 3).join(', ') }))
    .sort((a, b) => a.offset - b.offset || a.zone.localeCompare(b.zone))
    .map(({ zone, names }) => ({
      value: zone,
      label: label({ msk: mskLabel(zone, at, locale), cities: names, zone }),
    }));
}

export function ZoneSelect({
  at,
  value,
  ...props
}: { at: number; value: string; label: string; error?: string | null; hint?: string; className?: string } & Omit<
  ComponentPropsWithRef<'select'>,
  'className' | 'value'
>) {
  const t = useTranslations('setup.entry');
  const locale = useLocale();
  const { home, other } = useMemo(() => {
    const home = homeZones(at, locale, (values) => t('zoneOption', values));
    const taken = new Set(home.map((o) => o.value));
    const other = knownTimeZones()
      .filter((zone) => !taken.has(zone))
      .map((zone) => ({ value: zone, label: zone }));
    return { home, other };
  }, [at, locale, t]);
  const listed = home.some((o) => o.value === value) || other.some((o) => o.value === value);
  return (
    <SelectField value={value} {...props}>
      {!listed && <option value={value}>{value || '—'}</option>}
      <optgroup label={t('russianZones')}>
        {home.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </optgroup>
      <optgroup label={t('otherZones')}>
        {other.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </optgroup>
    </SelectField>
  );
}
