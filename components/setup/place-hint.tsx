'use client';
// Under the name field of the entry form: what the built-in list of cities knows about the name
// typed, so the organiser sees the zone and longitude it filled in, or picks between namesakes, or
// is told to give them by hand for a place the list lacks.
import { useLocale, useTranslations } from 'next-intl';
import { describePlace, type Place, type PlaceMatch } from '@/lib/gazetteer';
import { mskLabel } from '@/lib/zones';
import { formatLongitude } from './zoned-time';

export function PlaceHint({ match, at, onPick }: { match: PlaceMatch | null; at: number; onPick: (place: Place) => void }) {
  const t = useTranslations('setup.entry');
  const locale = useLocale();
  if (!match) return null;
  const pick = (place: Place) => (
    <button
      key={place.geonameId}
      type="button"
      onClick={() => onPick(place)}
      className="rounded font-semibold text-accent-ink underline underline-offset-2 hover:no-underline"
    >
      {t('lookupUse', { place: describePlace(place) })}
    </button>
  );
  return (
    <p
      className="col-span-2 -mt-1 flex flex-wrap gap-x-2 text-xs text-ink-muted lg:col-span-4"
      data-testid="place-hint"
      data-kind={match.kind}
      aria-live="polite"
    >
      {match.kind === 'found' &&
        t('lookupFilled', {
          place: describePlace(match.place),
          zone: mskLabel(match.place.timeZone, at, locale),
          longitude: formatLongitude(match.place.longitude, locale),
        })}
      {match.kind === 'ambiguous' && (
        <>
          {t('lookupAmbiguous')} {match.places.map(pick)}
        </>
      )}
      {match.kind === 'unknown' && match.suggestions.length > 0 && (
        <>
          {t('lookupSuggest')} {match.suggestions.map(pick)}
        </>
      )}
      {match.kind === 'unknown' && match.suggestions.length === 0 && t('lookupUnknown')}
    </p>
  );
}
