// The overlay's URL parameters, read once: which layout, which language, how big, how far from the
// frame's edges. Anything unknown or out of range falls back to the default instead of failing on air.
import { isLocale, type AppLocale } from '@/i18n/config';

export const OVERLAY_LAYOUTS = ['lower-third', 'corner-timer', 'next-up'] as const;
export type OverlayLayout = (typeof OVERLAY_LAYOUTS)[number];

export interface OverlayOptions {
  layout: OverlayLayout;
  /** null: the page's language (the cookie, Russian by default). */
  lang: AppLocale | null;
  /** Multiplies every size (0.5–3). */
  scale: number;
  /** Margin from each edge, in % of the frame's height (0–20): the broadcast safe area. */
  safe: number;
}

const number = (raw: string | null, min: number, max: number, fallback: number) => {
  const value = raw === null || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
};

export function overlayOptions(search: string): OverlayOptions {
  const query = new URLSearchParams(search);
  const layout = query.get('layout');
  const lang = query.get('lang');
  return {
    layout: (OVERLAY_LAYOUTS as readonly string[]).includes(layout ?? '') ? (layout as OverlayLayout) : 'lower-third',
    lang: isLocale(lang) ? lang : null,
    scale: number(query.get('scale'), 0.5, 3, 1),
    safe: number(query.get('safe'), 0, 20, 5),
  };
}
