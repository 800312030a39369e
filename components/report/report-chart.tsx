'use client';
// Time used against time allotted, per city, in running order: a wide pale bar for the allotment
// and a narrow bar over it for the time used, green within the allotment and red over it. Drawn
// tall (one row per entry) so 37 names stay readable; the figures are in the table as well.
import { useLocale, useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useId } from 'react';
import { formatDuration } from '@/lib/format';
import type { Report } from '@/lib/report';
import { asDocLocale, placeName } from './report-format';

// recharts (with its redux store) is most of the report's script: it loads after the page, into a box
// already of the chart's height, so nothing below it moves.
const ReportBars = dynamic(() => import('./report-bars').then((m) => m.ReportBars), { ssr: false });

const ROW_PX = 28;
const CHROME_PX = 40;

// The app's tokens (app/globals.css); SVG attributes cannot take Tailwind classes.
export const COLORS = {
  allotted: 'rgba(245,245,244,0.14)',
  allottedSwatch: '#3a3a3d',
  within: '#22c55e',
  over: '#ef4444',
  ink: '#f5f5f4',
  muted: '#b4b4bd',
  grid: '#2a2a32',
};

export interface Datum {
  name: string;
  allotted: number;
  within: number;
  over: number;
  extent: number;
  overtimeMs: number;
  label: string;
  spoke: boolean;
}

/** Whole-minute ticks, at most about eight of them, up to the longest bar. */
function minuteTicks(maxSeconds: number): number[] {
  const step = [30, 60, 120, 300, 600, 900, 1800].find((s) => maxSeconds / s <= 8) ?? 3600;
  const end = Math.ceil(maxSeconds / step) * step;
  return Array.from({ length: end / step + 1 }, (_, i) => i * step);
}

/** Why an entry has no bar: absent, still waiting for its turn, or it did not speak. */
function silence(e: Report['entries'][number], phase: Report['phase']): 'absent' | 'waiting' | 'notSpoken' {
  if (e.status === 'absent') return 'absent';
  if (phase !== 'finished' && (e.status === 'waiting' || e.status === 'deferred')) return 'waiting';
  return 'notSpoken';
}

export function ReportChart({ report }: { report: Report }) {
  const t = useTranslations('report.chart');
  const locale = useLocale();
  const descId = useId();
  const data: Datum[] = report.entries.map((e) => {
    const used = Math.floor(e.usedMs / 1000);
    const allotted = Math.floor(e.allottedMs / 1000);
    const isOver = e.overtimeMs > 0;
    return {
      name: placeName(e, asDocLocale(locale)),
      allotted,
      within: isOver ? 0 : used,
      over: isOver ? used : 0,
      extent: Math.max(used, allotted),
      overtimeMs: e.overtimeMs,
      label: e.turns > 0 ? `${formatDuration(e.usedMs)} / ${formatDuration(e.allottedMs)}` : t(silence(e, report.phase)),
      spoke: e.turns > 0,
    };
  });
  const height = data.length * ROW_PX + CHROME_PX;
  const ticks = minuteTicks(Math.max(60, ...data.map((d) => d.extent)));
  const over = report.entries.filter((e) => e.overtimeMs > 0).length;

  return (
    <figure
      className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-5"
      data-testid="report-chart"
      aria-describedby={descId}
    >
      <figcaption className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-bold">{t('title')}</h2>
        <p id={descId} className="text-sm text-ink-muted">
          {t('description', { count: data.length, over })}
        </p>
      </figcaption>
      <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-ink-muted" aria-hidden="true">
        <LegendItem color={COLORS.allottedSwatch} label={t('allotted')} />
        <LegendItem color={COLORS.within} label={t('within')} />
        <LegendItem color={COLORS.over} label={t('over')} />
      </ul>
      <div style={{ height }} className="w-full">
        <ReportBars data={data} ticks={ticks} title={t('title')} description={t('description', { count: data.length, over })} />
      </div>
    </figure>
  );
}

function LegendItem({ color, label }: { color: string; label: string }) {
  return (
    <li className="flex items-center gap-2">
      <span className="inline-block h-3 w-5 rounded-sm" style={{ background: color }} />
      {label}
    </li>
  );
}
