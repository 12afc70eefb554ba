/**
 * The ranking of agencies (or the alert indicators per feed / prefecture)
 * with trend arrows against the comparison period. A count that has alerts
 * or incidents behind it is a button: it opens the drill-down.
 */
import { useTranslation } from 'react-i18next';
import { AGENCIES } from '@shared/domain/agencies';
import { PREFECTURE_BY_CODE } from '@shared/domain/regions';
import { trendOf, type AgencyIndicators, type DrillRequest, type FeedIndicators, type Indicators, type PrefectureIndicators, type Trend } from '@shared/evaluation';
import { useLang } from '../board/badges';
import { COLUMNS, formatCount, formatDuration, formatRate, type Column, type Row } from './columns';

export type TableDimension = 'agency' | 'feed' | 'prefecture';

interface TableRow {
  key: string;
  name: string;
  row: Row;
  previous: Row | null;
  rank?: number;
  drill: Omit<DrillRequest, 'measure'>;
}

function TrendArrow({ trend }: { trend: Trend }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (trend === 'none') return null;
  const glyph = trend === 'better' ? '▲' : trend === 'worse' ? '▼' : '▬';
  return (
    <span className={`eval-trend eval-trend-${trend}`} title={t(`evaluation.trend.${trend}`)} aria-label={t(`evaluation.trend.${trend}`)} data-trend={trend}>
      {glyph}
    </span>
  );
}

function Cell({ column, r, onDrill }: { column: Column; r: TableRow; onDrill(request: DrillRequest): void }): React.JSX.Element {
  const { t } = useTranslation();
  const value = column.value(r.row);
  const units = { minutes: t('evaluation.unit.minutes'), hours: t('evaluation.unit.hours') };
  const text = column.kind === 'rate' ? formatRate(value) : column.kind === 'duration' ? formatDuration(value, units) : formatCount(value);
  const prev = r.previous ? column.value(r.previous) : null;
  // Rates move by at least half a point, durations by 6 s, before an arrow shows a change.
  const tolerance = column.kind === 'rate' ? 0.005 : column.kind === 'duration' ? 6000 : 0;
  // Nothing then and nothing now is not worth an arrow.
  const quiet = !value && !prev;
  const trend = column.higherIsBetter === undefined || !r.previous || quiet ? 'none' : trendOf(value, prev, column.higherIsBetter, tolerance);
  const testId = `cell-${r.key}-${column.key}`;
  const drillable = column.drill && (column.kind !== 'count' || (value ?? 0) > 0) && value !== null;
  return (
    <td className={`eval-num eval-${column.kind}`} data-testid={testId} data-value={value ?? ''}>
      {drillable ? (
        <button type="button" className="eval-drill" onClick={() => onDrill({ ...r.drill, measure: column.drill! } as DrillRequest)} title={t('evaluation.drill.open')}>
          {text}
        </button>
      ) : (
        <span>{text}</span>
      )}
      <TrendArrow trend={trend} />
    </td>
  );
}

function rowsOf(dimension: TableDimension, current: Indicators, previous: Indicators | null, ranked: readonly AgencyIndicators[], lang: 'zh' | 'en'): TableRow[] {
  if (dimension === 'agency') {
    const prev = new Map(previous?.agencies.map((a) => [a.agency, a]));
    return ranked.map((a, i) => ({ key: a.agency, name: AGENCIES[a.agency].short[lang], row: a, previous: prev.get(a.agency) ?? null, rank: i + 1, drill: { dimension: 'agency', key: a.agency } }));
  }
  if (dimension === 'feed') {
    const prev = new Map(previous?.feeds.map((f) => [f.feed, f]));
    return current.feeds.map((f: FeedIndicators) => ({ key: f.feed, name: f.feed, row: f, previous: prev.get(f.feed) ?? null, drill: { dimension: 'feed', key: f.feed } }));
  }
  const prev = new Map(previous?.prefectures.map((p) => [p.code, p]));
  return [...current.prefectures]
    .sort((a, b) => b.received - a.received)
    .map((p: PrefectureIndicators) => ({
      key: p.code,
      name: PREFECTURE_BY_CODE.get(p.code)?.name[lang] ?? p.code,
      row: p,
      previous: prev.get(p.code) ?? null,
      drill: { dimension: 'prefecture', key: p.code },
    }));
}

export function RankingTable(props: {
  dimension: TableDimension;
  current: Indicators;
  previous: Indicators | null;
  ranked: readonly AgencyIndicators[];
  onDrill(request: DrillRequest): void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const columns = props.dimension === 'agency' ? COLUMNS : COLUMNS.filter((c) => !c.agencyOnly);
  const rows = rowsOf(props.dimension, props.current, props.previous, props.ranked, lang);
  return (
    <table className="eval-table" data-testid="eval-table" data-dimension={props.dimension}>
      <thead>
        <tr>
          {props.dimension === 'agency' && <th scope="col">{t('evaluation.column.rank')}</th>}
          <th scope="col" className="eval-name">{t(`evaluation.dimension.${props.dimension}`)}</th>
          {columns.map((c) => (
            <th key={c.key} scope="col" title={t(`evaluation.columnHelp.${c.key}`)}>
              {t(`evaluation.column.${c.key}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-testid="eval-row" data-key={r.key} data-rank={r.rank ?? ''}>
            {r.rank !== undefined && <td className="eval-rank">{r.rank}</td>}
            <th scope="row" className="eval-name">
              {r.name}
            </th>
            {columns.map((c) => (
              <Cell key={c.key} column={c} r={r} onDrill={props.onDrill} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
