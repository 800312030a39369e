'use client';
import { usePathname } from 'next/navigation';
import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/**
 * The path segment at `index` (0 is the first after the slash) of the page's real URL. Pages are
 * built once as static files with a placeholder in the place of a join token or an event id, and the
 * server serves that one file for every value (server/static-pages.ts); so the value is read from the
 * browser's URL, and is null while the prebuilt HTML hydrates (and for a malformed segment).
 */
export function useRouteParam(index: number): string | null {
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const segment = usePathname()?.split('/')[index + 1];
  if (!hydrated || !segment) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
