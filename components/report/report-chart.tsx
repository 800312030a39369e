'use client';
// Time used against time allotted, per city, in running order: a wide pale bar for the allotment
// and a narrow bar over it for the time used, green within the allotment and red over it. Drawn
// tall (one row per entry) so 37 names stay readable; the figures are in the table as well.
import { useLocale, useTranslations } from 'next-intl';
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { formatDuration } from '@/lib/format';
import type { Report } from '@/lib/report';
import { asDocLocale, placeName } from './report-format';

const ROW_PX = 28;
const CHROME_PX = 40;
/** Longer names are cut with an ellipsis; the full name is in the tooltip and the table. */
const NAME_CHARS = 30;
// The app's tokens (app/globals.css); SVG attributes cannot take Tailwind classes.
const COLORS = {
  allotted: 'rgba(245,245,244,0.14)',
  allottedSwatch: '#3a3a3d',
  within: '#22c55e',
  over: '#ef4444',
  ink: '#f5f5f4',
  muted: '#b4b4bd',
  grid: '#2a2a32',
};

interface Datum {
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
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            layout="vertical"
            data={data}
            margin={{ top: 4, right: 150, bottom: 4, left: 8 }}
            barCategoryGap={4}
            title={t('title')}
            desc={t('description', { count: data.length, over })}
          >
            <CartesianGrid horizontal={false} stroke={COLORS.grid} />
            <XAxis
              type="number"
              orientation="top"
              domain={[0, ticks[ticks.length - 1]!]}
              ticks={ticks}
              tickFormatter={(s: number) => formatDuration(s * 1000)}
              tick={{ fill: COLORS.muted, fontSize: 12 }}
              stroke={COLORS.grid}
              allowDecimals={false}
            />
            <YAxis yAxisId="plan" type="category" dataKey="name" width={230} interval={0} tick={NameTick} stroke={COLORS.grid} />
            <YAxis yAxisId="fact" type="category" dataKey="name" hide width={0} />
            <YAxis yAxisId="extent" type="category" dataKey="name" hide width={0} />
            <Tooltip content={(props) => <ChartTooltip {...props} />} cursor={{ fill: 'rgba(255,255,255,0.05)' }} />
            <Bar yAxisId="plan" dataKey="allotted" name={t('allotted')} fill={COLORS.allotted} barSize={20} isAnimationActive={false} />
            <Bar
              yAxisId="fact"
              dataKey="within"
              name={t('within')}
              stackId="used"
              fill={COLORS.within}
              barSize={10}
              isAnimationActive={false}
            />
            <Bar yAxisId="fact" dataKey="over" name={t('over')} stackId="used" fill={COLORS.over} barSize={10} isAnimationActive={false} />
            <Bar
              yAxisId="extent"
              dataKey="extent"
              fill="transparent"
              legendType="none"
              barSize={20}
              isAnimationActive={false}
              tooltipType="none"
            >
              <LabelList dataKey="label" position="right" fill={COLORS.muted} fontSize={12} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

function ChartTooltip({ active, payload }: TooltipContentProps) {
  const t = useTranslations('report.chart');
  const d = payload?.[0]?.payload as Datum | undefined;
  if (!active || !d) return null;
  const used = d.within + d.over;
  return (
    <div className="rounded-lg border border-line bg-surface-2 px-3 py-2 text-sm shadow-lg">
      <p className="font-semibold text-ink">{d.name}</p>
      {d.spoke ? (
        <>
          <p className="countdown text-ink">
            {t('usedOf', { used: formatDuration(used * 1000), allotted: formatDuration(d.allotted * 1000) })}
          </p>
          {d.overtimeMs > 0 && <p className="countdown text-status-overtime">{t('overBy', { time: formatDuration(d.overtimeMs) })}</p>}
        </>
      ) : (
        <p className="text-ink-muted">{t('notSpoken')}</p>
      )}
    </div>
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

/** One line per name (recharts would wrap long names into the next row). */
function NameTick({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value?: string | number } }) {
  const name = String(payload?.value ?? '');
  const text = name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS - 1)}…` : name;
  return (
    <text x={Number(x)} y={Number(y)} dy={4} textAnchor="end" fill={COLORS.ink} fontSize={12}>
      <title>{name}</title>
      {text}
    </text>
  );
}
