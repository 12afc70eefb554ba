/**
 * 晾晒台: the evaluation dashboard (issue 8), a full-screen view in place of
 * the workspace for analysts and commanders. Range presets and a custom
 * range, the comparison period, the agency ranking with trend arrows, three
 * charts, the prefecture choropleth, drill-downs, CSV and PDF export.
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCIES } from '@shared/domain/agencies';
import {
  beijingDate,
  customRange,
  drillDown,
  presetRange,
  RANGE_PRESETS,
  rankAgencies,
  type DrillRequest,
  type RangePreset,
  type TimeRange,
} from '@shared/evaluation';
import { platform } from '../../platform';
import { useLiveStore } from '../../live/useLive';
import { beijingDateTime } from '../board/format';
import { useLang } from '../board/badges';
import { select } from '../workspace/selection';
import { AckDistributionChart, AlertsPerHourChart, SlaChart } from './Charts';
import { ChoroplethMap } from './ChoroplethMap';
import { indicatorCsv } from './csv';
import { DrillPanel } from './DrillPanel';
import { RankingTable, type TableDimension } from './RankingTable';
import { leaveEvaluation } from './route';
import { useEvaluation, useReplicaFollow } from './useEvaluation';
import './evaluation.css';

type RangeChoice = { kind: 'preset'; preset: RangePreset } | { kind: 'custom'; from: string; to: string };

function rangeOf(choice: RangeChoice, now: number): TimeRange | null {
  return choice.kind === 'preset' ? presetRange(choice.preset, now) : customRange(choice.from, choice.to);
}

export function EvaluationView(): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const store = useLiveStore();
  const [choice, setChoice] = useState<RangeChoice>({ kind: 'preset', preset: 'today' });
  const [now, setNow] = useState(() => Date.now());
  const [compare, setCompare] = useState(true);
  const [dimension, setDimension] = useState<TableDimension>('agency');
  const [drill, setDrill] = useState<DrillRequest | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const range = useMemo(() => rangeOf(choice, now), [choice, now]);
  const stableRange = useMemo(() => range ?? presetRange('today', now), [range, now]);
  const state = useEvaluation(store, stableRange, compare);
  // A range that ends now follows the log (at most every 10 s).
  useReplicaFollow(store, 10_000, () => {
    if (choice.kind === 'preset') setNow(Date.now());
  });

  const ready = state.status === 'ready' ? state : null;
  const ranked = useMemo(() => (ready ? rankAgencies(ready.current.agencies) : []), [ready]);
  const drillResult = useMemo(() => (ready && drill ? drillDown(ready.ledger, drill) : null), [ready, drill]);

  const open = useCallback((kind: 'alert' | 'incident', id: string) => {
    select({ kind, id });
    leaveEvaluation();
  }, []);

  const exportCsv = async (): Promise<void> => {
    if (!ready) return;
    const previous = ready.previous ? new Map(ready.previous.agencies.map((a) => [a.agency, a])) : null;
    const data = indicatorCsv(ranked, previous, {
      rank: t('evaluation.column.rank'),
      agencyId: t('evaluation.csv.agencyId'),
      agency: t('evaluation.dimension.agency'),
      column: (key) => t(`evaluation.column.${key}`),
      previous: t('evaluation.csv.previous'),
      agencyName: (a) => AGENCIES[a].name[lang],
    });
    const name = `${t('evaluation.fileName')}-${beijingDate(ready.range.from)}-${beijingDate(ready.range.to - 1)}.csv`;
    const r = await platform.saveFile({ suggestedName: name, data, mime: 'text/csv;charset=utf-8', filters: [{ name: 'CSV', extensions: ['csv'] }] });
    setNotice(r.ok ? (r.value.saved ? t('evaluation.export.saved', { path: r.value.path ?? name }) : null) : t('evaluation.export.failed', { message: r.error.message }));
  };

  const exportPdf = async (): Promise<void> => {
    if (!ready) return;
    const name = `${t('evaluation.fileName')}-${beijingDate(ready.range.from)}-${beijingDate(ready.range.to - 1)}.pdf`;
    const r = await platform.printToPdf({ suggestedName: name });
    setNotice(r.ok ? (r.value.saved ? t('evaluation.export.saved', { path: r.value.path ?? name }) : null) : t('evaluation.export.failed', { message: r.error.message }));
  };

  const shownRange = ready?.range ?? stableRange;
  return (
    <main className="evaluation" data-testid="evaluation" data-status={state.status} data-events={ready?.events ?? ''} data-compute-ms={ready?.computeMs ?? ''}>
      <header className="eval-header">
        <div className="eval-title">
          <h2>{t('evaluation.title')}</h2>
          <div className="eval-subtitle" data-testid="eval-range">
            {t('evaluation.rangeText', { from: beijingDateTime(shownRange.from), to: beijingDateTime(shownRange.to - 1) })}
            {ready && <> · {t('evaluation.generated', { time: beijingDateTime(Date.now()) })}</>}
          </div>
        </div>
        <div className="segmented" role="group" aria-label={t('evaluation.range.label')}>
          {RANGE_PRESETS.map((p) => (
            <button key={p} type="button" data-preset={p} aria-pressed={choice.kind === 'preset' && choice.preset === p} onClick={() => { setNow(Date.now()); setChoice({ kind: 'preset', preset: p }); }}>
              {t(`evaluation.range.${p}`)}
            </button>
          ))}
          <button
            type="button"
            data-preset="custom"
            aria-pressed={choice.kind === 'custom'}
            onClick={() => choice.kind !== 'custom' && setChoice({ kind: 'custom', from: beijingDate(stableRange.from), to: beijingDate(stableRange.to - 1) })}
          >
            {t('evaluation.range.custom')}
          </button>
        </div>
        {choice.kind === 'custom' && (
          <div className="eval-custom">
            <input type="date" aria-label={t('evaluation.range.from')} value={choice.from} onChange={(e) => setChoice({ ...choice, from: e.target.value })} data-testid="eval-from" />
            <span>—</span>
            <input type="date" aria-label={t('evaluation.range.to')} value={choice.to} onChange={(e) => setChoice({ ...choice, to: e.target.value })} data-testid="eval-to" />
            {!range && <span className="eval-invalid">{t('evaluation.range.invalid')}</span>}
          </div>
        )}
        <label className="eval-compare">
          <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} data-testid="eval-compare" />
          {t('evaluation.compare')}
        </label>
        <div className="eval-spacer" />
        {notice && (
          <span className="eval-notice" role="status">
            {notice}
          </span>
        )}
        <button type="button" className="eval-button" onClick={() => void exportCsv()} disabled={!ready} data-testid="eval-export-csv">
          {t('evaluation.export.csv')}
        </button>
        <button type="button" className="eval-button" onClick={() => void exportPdf()} disabled={!ready} data-testid="eval-export-pdf">
          {t('evaluation.export.pdf')}
        </button>
        <button type="button" className="eval-button eval-back" onClick={leaveEvaluation} data-testid="eval-back">
          {t('evaluation.back')}
        </button>
      </header>

      {state.status === 'error' && <div className="eval-error" role="alert">{t('evaluation.loadFailed', { message: state.message })}</div>}
      {state.status === 'loading' && <div className="eval-loading" role="status">{t('evaluation.loading')}</div>}
      {ready && (
        <div className="eval-body">
          <section className="eval-panel eval-ranking" aria-labelledby="eval-ranking-title">
            <header className="eval-panel-header">
              <h3 id="eval-ranking-title">{t('evaluation.ranking')}</h3>
              <div className="segmented lw-segmented-sm" role="group" aria-label={t('evaluation.dimension.label')}>
                {(['agency', 'feed', 'prefecture'] as const).map((d) => (
                  <button key={d} type="button" aria-pressed={dimension === d} onClick={() => setDimension(d)} data-dimension={d}>
                    {t(`evaluation.dimension.${d}`)}
                  </button>
                ))}
              </div>
              <span className="eval-hint">{t(ready.previous ? 'evaluation.hintCompare' : 'evaluation.hint')}</span>
            </header>
            <div className="eval-table-wrap">
              <RankingTable dimension={dimension} current={ready.current} previous={ready.previous} ranked={ranked} onDrill={setDrill} />
            </div>
          </section>
          <section className="eval-panel" aria-labelledby="eval-c1">
            <header className="eval-panel-header"><h3 id="eval-c1">{t(ready.current.series.bucketMs <= 3_600_000 ? 'evaluation.chart.alertsTitle' : 'evaluation.chart.alertsDailyTitle')}</h3></header>
            <AlertsPerHourChart indicators={ready.current} />
          </section>
          <section className="eval-panel" aria-labelledby="eval-c2">
            <header className="eval-panel-header"><h3 id="eval-c2">{t('evaluation.chart.ackTitle')}</h3></header>
            <AckDistributionChart indicators={ready.current} />
          </section>
          <section className="eval-panel" aria-labelledby="eval-c3">
            <header className="eval-panel-header"><h3 id="eval-c3">{t('evaluation.chart.slaTitle')}</h3></header>
            <SlaChart indicators={ready.current} previous={ready.previous} />
          </section>
          <section className="eval-panel" aria-labelledby="eval-c4">
            <header className="eval-panel-header"><h3 id="eval-c4">{t('evaluation.map.title')}</h3></header>
            <ChoroplethMap rows={ready.current.prefectures} onSelect={(code) => setDrill({ dimension: 'prefecture', key: code, measure: 'received' })} />
          </section>
          {drill && drillResult && <DrillPanel request={drill} result={drillResult} onOpen={open} onClose={() => setDrill(null)} />}
        </div>
      )}
    </main>
  );
}
