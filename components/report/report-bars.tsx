'use client';
// The chart's recharts part, loaded lazily by report-chart.tsx: bars of time allotted and used per
// entry, a label of both at the end of each row, and a tooltip.
import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { formatDuration } from '@/lib/format';
import { COLORS, type Datum } from './report-chart';

/** Longer names are cut with an ellipsis; the full name is in the tooltip and the table. */
const NAME_CHARS = 30;

export function ReportBars({ data, ticks, title, description }: { data: Datum[]; ticks: number[]; title: string; description: string }) {
  const t = useTranslations('report.chart');
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart
        layout="vertical"
        data={data}
        margin={{ top: 4, right: 150, bottom: 4, left: 8 }}
        barCategoryGap={4}
        title={title}
        desc={description}
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
