/**
 * The replay slider: an event histogram stacked by domain (uPlot bars on a
 * canvas), incident milestones as marks, the playhead, and a range input
 * over the plot area that seeks. The histogram is built once per replay by
 * scanning the replica in chunks (with progress; the whole log in a worker,
 * `timeline.worker.ts`), then extended as live ingest appends events.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { beijingDateTime, beijingDay, beijingHm, beijingTime } from '../board/format';
import { CENTER_TIME_ZONE } from '../shell/clockFormat';
import type { ReplayStatus, ReplayStore } from './replayStore';
import { scanTimelineOffThread } from './scanOffThread';
import { extendTimeline, scanTimeline, TIMELINE_STACKS, type Milestone, type TimelineScan, type TimelineStack } from './timeline';

/** The same hues as the agency tags on the board (board.css), incident work in the accent blue. */
export const STACK_COLORS: Record<TimelineStack, string> = {
  traffic: '#4cc3ff',
  safety: '#ff9f43',
  market: '#a78bfa',
  security: '#5b8cff',
  ecology: '#34d399',
  incident: '#f2b705',
};

const CHART_HEIGHT = 76;

/**
 * The milestone marks: hundreds to thousands of buttons, drawn again only
 * when the milestones, the plot or its box change — not with every status
 * change (a playback tick, a seek), where their titles cost a second of
 * formatting per ten seconds of playback at 3600×.
 */
const Marks = memo(function Marks({ markers, plot, box, store }: { markers: readonly Milestone[]; plot: uPlot; box: PlotBox; store: ReplayStore }): React.JSX.Element {
  const { t } = useTranslation();
  // `box` is in the props so a resize moves the marks.
  void box;
  return (
    <>
      {markers.map((m) => (
        <button
          key={`${m.seq}-${m.kind}`}
          type="button"
          className={`replay-mark replay-mark-${m.kind}`}
          style={{ left: plot.valToPos(m.time / 1000, 'x') }}
          title={`${beijingDateTime(m.time)} · ${t(`replay.milestone.${m.kind}`)} · ${store.getSnapshot().incidents.get(m.incidentId)?.title ?? m.incidentId}`}
          aria-label={t(`replay.milestone.${m.kind}`)}
          data-testid="replay-mark"
          data-kind={m.kind}
          data-seq={m.seq}
          onClick={() => void store.seekSeq(m.seq)}
        />
      ))}
    </>
  );
});

/** Cumulative series, tallest first: drawn in order, each band shows its own colour. */
function chartData(scan: TimelineScan): uPlot.AlignedData {
  const { from, binMs, counts } = scan.histogram;
  const n = counts.traffic.length;
  const xs = Array.from({ length: n }, (_, i) => (from + (i + 0.5) * binMs) / 1000);
  const series: number[][] = [];
  let below = new Array<number>(n).fill(0);
  for (let s = TIMELINE_STACKS.length - 1; s >= 0; s--) {
    const own = counts[TIMELINE_STACKS[s]!];
    below = below.map((v, i) => v + own[i]!);
    series.unshift(below);
  }
  return [xs, ...series];
}

/**
 * The y range: the 95th percentile of the busiest bins with some room, so one
 * burst (a backlog fetched at start) does not flatten every other bar; taller
 * bars are clipped at the top.
 */
function yMaxOf(data: uPlot.AlignedData): number {
  const totals = [...(data[1] ?? [])].map((v) => v ?? 0).sort((a, b) => a - b);
  const p95 = totals[Math.floor(totals.length * 0.95)] ?? 0;
  return Math.max(1, Math.min(totals.at(-1) ?? 1, p95 * 1.6) * 1.05);
}

/**
 * Tick labels of the time axis in Beijing time, 24-hour, whatever uPlot's
 * defaults would pick (`:30` for a half minute, `9:42pm` for a minute): the
 * hour and minute always, seconds when the ticks are seconds apart, the day
 * when they are days apart.
 */
export function axisLabels(splits: readonly number[], incrSeconds: number): string[] {
  return splits.map((s) => {
    const ms = s * 1000;
    if (incrSeconds >= 86_400) return beijingDay(ms).slice(5);
    return incrSeconds < 60 ? beijingTime(ms) : beijingHm(ms);
  });
}

function chartOptions(width: number): uPlot.Options {
  const bars = uPlot.paths.bars!({ size: [0.92, Infinity], gap: 0 });
  const axisFont = '11px "Noto Sans SC", sans-serif';
  return {
    width,
    height: CHART_HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), CENTER_TIME_ZONE),
    padding: [4, 12, 0, 12],
    scales: { x: { time: true }, y: { range: (u) => [0, yMaxOf(u.data)] } },
    axes: [
      {
        stroke: '#8a9dbb',
        font: axisFont,
        size: 22,
        gap: 2,
        grid: { stroke: '#1e2e4b', width: 1 },
        ticks: { stroke: '#2a4168', width: 1, size: 4 },
        // Room for `21:42:30` between ticks.
        space: 80,
        values: (_u, splits, _axis, _space, incr) => axisLabels(splits, incr),
      },
      { show: false },
    ],
    series: [{}, ...TIMELINE_STACKS.map((s) => ({ label: s, fill: STACK_COLORS[s], stroke: STACK_COLORS[s], width: 0, paths: bars, points: { show: false } }))],
  };
}

interface PlotBox {
  left: number;
  width: number;
}

export function Timeline({ store, status }: { store: ReplayStore; status: ReplayStatus }): React.JSX.Element {
  const { t } = useTranslation();
  const chartRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const [scan, setScan] = useState<TimelineScan | null>(null);
  const [scanned, setScanned] = useState(0);
  const [progress, setProgress] = useState<number | null>(null);
  const [box, setBox] = useState<PlotBox>({ left: 0, width: 0 });
  const [, setVersion] = useState(0);
  const { range, focus } = status;
  const focusId = focus?.incidentId;
  const rangeKnown = range !== null;

  // Scan once the range is known; the live tail is added below.
  useEffect(() => {
    const r = store.status.get().range;
    if (!r) return;
    const signal = { aborted: false };
    setProgress(0);
    const onProgress = (done: number, total: number): void => setProgress(done / Math.max(1, total));
    const onThread = (): Promise<TimelineScan> => scanTimeline(store.replica, r, { ...(focusId ? { incidentId: focusId } : {}), signal, onProgress });
    // The whole log is scanned in a worker when the replica can be opened there; an incident's events are few.
    void (focusId ? onThread() : store.replicaName().then((name) => (name ? scanTimelineOffThread(name, r, { signal, onProgress }).catch(onThread) : onThread()))).then((s) => {
      if (signal.aborted) return;
      setScan(s);
      setScanned(r.lastSeq);
      setProgress(null);
    });
    return () => {
      signal.aborted = true;
    };
  }, [store, focusId, rangeKnown]);

  const lastSeq = range?.lastSeq ?? 0;
  useEffect(() => {
    if (!scan || lastSeq <= scanned) return;
    void extendTimeline(store.replica, scan, scanned, lastSeq, focusId).then(() => {
      setScanned(lastSeq);
      setVersion((v) => v + 1);
    });
  }, [store, scan, scanned, lastSeq, focusId]);

  // The chart: created with the first scan, data replaced when it grows, resized with its box.
  useEffect(() => {
    const el = chartRef.current;
    if (!el || !scan) return;
    const u = new uPlot(chartOptions(el.clientWidth), chartData(scan), el);
    plotRef.current = u;
    const measure = (): void => setBox({ left: u.over.offsetLeft, width: u.over.clientWidth });
    measure();
    const observer = new ResizeObserver(() => {
      u.setSize({ width: el.clientWidth, height: CHART_HEIGHT });
      measure();
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      u.destroy();
      plotRef.current = null;
    };
  }, [scan]);

  useEffect(() => {
    if (scan && plotRef.current) plotRef.current.setData(chartData(scan));
  }, [scan, scanned]);

  const u = plotRef.current;
  const xOf = (time: number): number => (u ? u.valToPos(time / 1000, 'x') : 0);
  const firstSeq = range?.firstSeq;
  // The scan's milestones grow in place as live ingest extends it: their count is part of the key.
  const milestoneCount = scan?.milestones.length ?? 0;
  const markers: readonly Milestone[] = useMemo(
    () => (scan ? scan.milestones.slice(0, milestoneCount).filter((m) => firstSeq === undefined || (m.seq >= firstSeq && m.seq <= lastSeq)) : []),
    [scan, milestoneCount, firstSeq, lastSeq],
  );

  return (
    <div className="replay-timeline" data-testid="replay-timeline">
      <div className="replay-chart" ref={chartRef} role="img" aria-label={t('replay.timeline')} data-bins={scan?.histogram.counts.traffic.length ?? 0} />
      {range && u && (
        <div className="replay-track" style={{ left: box.left, width: box.width }}>
          {/* The marks in a box of their own, and the playhead moved by a transform on its own layer: a
              playback tick or a seek moves the playhead, and with it beside thousands of positioned marks
              the browser laid out and painted the track with all of them again. */}
          <div className="replay-marks">
            <Marks markers={markers} plot={u} box={box} store={store} />
          </div>
          <div className="replay-playhead" style={{ transform: `translateX(${xOf(status.at)}px)` }} aria-hidden />
          <input
            type="range"
            className="replay-slider"
            aria-label={t('replay.slider')}
            data-testid="replay-slider"
            min={range.from}
            max={Math.max(range.to, range.from + 1)}
            step={1000}
            value={Math.min(Math.max(status.at, range.from), range.to)}
            onChange={(e) => void store.seekTime(Number(e.currentTarget.value))}
          />
        </div>
      )}
      {progress !== null && (
        <div className="replay-scan-progress" role="status">
          {t('replay.scanning', { percent: Math.round(progress * 100) })}
        </div>
      )}
    </div>
  );
}
