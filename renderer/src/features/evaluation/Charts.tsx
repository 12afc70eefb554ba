/**
 * The dashboard's three charts (uPlot): alerts per hour stacked by domain,
 * the time-to-acknowledge distribution per agency, SLA compliance over
 * time (with the comparison period dashed).
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import uPlotLib from 'uplot';
import { AGENCIES, AGENCY_IDS, DOMAINS } from '@shared/domain/agencies';
import { ACK_BIN_EDGES_MS, type Indicators } from '@shared/evaluation';
import { CENTER_TIME_ZONE } from '../shell/clockFormat';
import { useLang } from '../board/badges';
import { UPlotChart } from './UPlotChart';

/** Same hues as the board's domain tags (board.css). */
export const DOMAIN_COLORS = { traffic: '#4cc3ff', safety: '#ff9f43', market: '#a78bfa', security: '#5b8cff', ecology: '#34d399' } as const;
const COMMAND_COLOR = '#e2e8f0';
const AXIS = { stroke: '#8a9dbb', grid: { stroke: 'rgba(138,157,187,0.15)', width: 1 }, ticks: { stroke: 'rgba(138,157,187,0.3)', width: 1 }, font: '12px "Noto Sans SC", sans-serif' };
const tzDate = (ts: number): Date => uPlotLib.tzDate(new Date(ts * 1000), CENTER_TIME_ZONE);

function agencyColor(agency: (typeof AGENCY_IDS)[number]): string {
  const d = AGENCIES[agency].domain;
  return d ? DOMAIN_COLORS[d] : COMMAND_COLOR;
}

export function AlertsPerHourChart({ indicators }: { indicators: Indicators }): React.JSX.Element {
  const { t } = useTranslation();
  const s = indicators.series;
  // Stacked: each series is the running total up to its domain, drawn top (all domains) first.
  const { data, raw } = useMemo(() => {
    const x = s.starts.map((ms) => ms / 1000);
    const stacks: number[][] = [];
    let acc = new Array<number>(x.length).fill(0);
    for (const d of DOMAINS) {
      acc = acc.map((v, i) => v + s.alertsByDomain[d][i]!);
      stacks.push(acc);
    }
    return { data: [x, ...stacks.reverse()] as uPlot.AlignedData, raw: [...DOMAINS].reverse().map((d) => s.alertsByDomain[d]) };
  }, [s]);
  const hourly = s.bucketMs <= 3_600_000;
  const range = useMemo(() => ({ from: indicators.from, to: s.starts[s.starts.length - 1]! + s.bucketMs }), [indicators.from, s]);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      tzDate,
      legend: { live: true },
      cursor: { points: { show: false } },
      // The whole range on the x axis, so the last bucket's bar is not cut at the edge.
      scales: { x: { time: true, range: () => [range.from / 1000, range.to / 1000] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [{ ...AXIS }, { ...AXIS, size: 44 }],
      series: [
        { label: t('evaluation.chart.time'), value: (_u, v) => (v == null ? '' : new Date(v * 1000).toLocaleString('zh-CN', { timeZone: CENTER_TIME_ZONE, hour12: false }).slice(0, hourly ? -3 : -9)) },
        ...[...DOMAINS].reverse().map((d, k) => ({
          label: t(`domain.${d}`),
          stroke: DOMAIN_COLORS[d],
          fill: DOMAIN_COLORS[d] + 'cc',
          width: 0,
          paths: uPlotLib.paths.bars!({ size: [0.85, 60], align: 1 }),
          points: { show: false },
          value: (_u: uPlot, _v: number | null, _si: number, idx: number | null) => (idx == null ? '' : String(raw[k]![idx] ?? 0)),
        })),
      ],
    }),
    [t, raw, hourly, range],
  );
  const legend = DOMAINS.map((d) => ({ label: t(`domain.${d}`), color: DOMAIN_COLORS[d] }));
  return <UPlotChart options={options} data={data} legend={legend} testId="chart-alerts" label={t('evaluation.chart.alertsTitle')} />;
}

const EDGE_MINUTES = ACK_BIN_EDGES_MS.map((ms) => ms / 60_000);
/** `<1`, `1–2` … `≥60` (minutes): the bins of `ackHistogram`. */
const BIN_LABELS = [`<${EDGE_MINUTES[0]}`, ...EDGE_MINUTES.slice(1).map((m, i) => `${EDGE_MINUTES[i]}–${m}`), `≥${EDGE_MINUTES[EDGE_MINUTES.length - 1]}`];
const DOMAIN_AGENCIES = AGENCY_IDS.filter((a) => AGENCIES[a].domain !== null);

export function AckDistributionChart({ indicators }: { indicators: Indicators }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const agencies = DOMAIN_AGENCIES;
  const data = useMemo(() => {
    const x = BIN_LABELS.map((_, i) => i);
    const shares = agencies.map((a) => {
      const counts = indicators.ackHistogram[a];
      const total = counts.reduce((s, c) => s + c, 0);
      return counts.map((c) => (total > 0 ? (100 * c) / total : null));
    });
    return [x, ...shares] as uPlot.AlignedData;
  }, [indicators, agencies]);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      legend: { live: true },
      scales: { x: { time: false, range: [-0.3, BIN_LABELS.length - 0.7] }, y: { range: [0, 100] } },
      axes: [
        { ...AXIS, splits: () => BIN_LABELS.map((_, i) => i), values: (_u, splits) => splits.map((i) => BIN_LABELS[i] ?? ''), label: t('evaluation.chart.minutes'), labelSize: 18, labelFont: AXIS.font },
        { ...AXIS, size: 44, values: (_u, splits) => splits.map((v) => `${v}%`) },
      ],
      series: [
        { label: t('evaluation.chart.bin'), value: (_u, v) => (v == null ? '' : `${BIN_LABELS[v] ?? ''}`) },
        ...agencies.map((a) => ({
          label: AGENCIES[a].short[lang],
          stroke: agencyColor(a),
          width: 2,
          points: { show: true, size: 6, fill: agencyColor(a) },
          value: (_u: uPlot, v: number | null) => (v == null ? '—' : `${v.toFixed(0)}%`),
        })),
      ],
    }),
    [t, lang, agencies],
  );
  const legend = agencies.map((a) => ({ label: AGENCIES[a].short[lang], color: agencyColor(a) }));
  return <UPlotChart options={options} data={data} legend={legend} testId="chart-ack" label={t('evaluation.chart.ackTitle')} />;
}

export function SlaChart({ indicators, previous }: { indicators: Indicators; previous: Indicators | null }): React.JSX.Element {
  const { t } = useTranslation();
  const data = useMemo(() => {
    const s = indicators.series;
    const pct = (due: number[], met: number[]) => due.map((d, i) => (d > 0 ? (100 * met[i]!) / d : null));
    const rows: (number | null)[][] = [s.starts.map((ms) => ms / 1000), pct(s.slaDue, s.slaMet)];
    if (previous) {
      // The comparison period, bucket by bucket, on the current period's time axis.
      const p = pct(previous.series.slaDue, previous.series.slaMet);
      rows.push(s.starts.map((_, i) => p[i] ?? null));
    }
    return rows as uPlot.AlignedData;
  }, [indicators, previous]);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      tzDate,
      legend: { live: true },
      scales: { x: { time: true }, y: { range: [0, 100] } },
      axes: [{ ...AXIS }, { ...AXIS, size: 44, values: (_u, splits) => splits.map((v) => `${v}%`) }],
      series: [
        { label: t('evaluation.chart.time') },
        { label: t('evaluation.chart.current'), stroke: '#3fa9ff', width: 2, fill: 'rgba(63,169,255,0.12)', spanGaps: true, points: { show: true, size: 5 }, value: (_u, v) => (v == null ? '—' : `${v.toFixed(1)}%`) },
        ...(previous
          ? [{ label: t('evaluation.chart.previous'), stroke: '#8a9dbb', width: 1.5, dash: [6, 4], spanGaps: true, points: { show: false }, value: (_u: uPlot, v: number | null) => (v == null ? '—' : `${v.toFixed(1)}%`) }]
          : []),
      ],
    }),
    [t, previous],
  );
  const legend = [{ label: t('evaluation.chart.current'), color: '#3fa9ff' }, ...(previous ? [{ label: t('evaluation.chart.previous'), color: '#8a9dbb', dashed: true }] : [])];
  return <UPlotChart options={options} data={data} legend={legend} testId="chart-sla" label={t('evaluation.chart.slaTitle')} />;
}
