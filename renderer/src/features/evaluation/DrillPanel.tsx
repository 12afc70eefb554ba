/**
 * The alerts or incidents behind one number. Opening one selects it in the
 * workspace (board, map and detail panel follow the selection) and leaves
 * the dashboard.
 */
import { useTranslation } from 'react-i18next';
import { AGENCIES } from '@shared/domain/agencies';
import { prefectureOf } from '@shared/domain/regions';
import type { DrillRequest, DrillResult } from '@shared/evaluation';
import { useLive } from '../../live/useLive';
import { beijingDateTime } from '../board/format';
import { useLang } from '../board/badges';

/** More than this many are listed as a count with the first ones shown. */
const LIST_LIMIT = 500;

export function DrillPanel(props: { request: DrillRequest; result: DrillResult; onOpen(kind: 'alert' | 'incident', id: string): void; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const live = useLive();
  const { request, result } = props;
  const group =
    request.dimension === 'all' ? t('evaluation.drill.all')
    : request.dimension === 'agency' ? AGENCIES[request.key].short[lang]
    : request.dimension === 'prefecture' ? (prefectureOf(request.key)?.name[lang] ?? request.key)
    : request.dimension === 'domain' ? t(`domain.${request.key}`)
    : request.key;
  const shown = result.ids.slice(0, LIST_LIMIT);
  return (
    <aside className="eval-drill-panel" data-testid="eval-drill" data-kind={result.kind} data-count={result.ids.length} aria-labelledby="eval-drill-title">
      <header>
        <h3 id="eval-drill-title">
          {group} · {t(`evaluation.measure.${request.measure}`)} · {t('evaluation.drill.count', { count: result.ids.length })}
        </h3>
        <button type="button" className="eval-button" onClick={props.onClose} data-testid="eval-drill-close">
          {t('evaluation.drill.close')}
        </button>
      </header>
      {result.ids.length === 0 && <p className="muted">{t('evaluation.drill.empty')}</p>}
      <ul>
        {shown.map((id) => {
          if (result.kind === 'alert') {
            const a = live.alerts.get(id);
            return (
              <li key={id}>
                <button type="button" data-testid="eval-drill-item" data-id={id} data-status={a?.status ?? ''} onClick={() => props.onOpen('alert', id)}>
                  <span className="eval-drill-main">{a ? a.headline : id}</span>
                  <span className="eval-drill-meta">
                    {a ? `${beijingDateTime(a.received)} · ${prefectureOf(a.region)?.name[lang] ?? ''} · ${t(`board.status.${a.status}`)}` : t('evaluation.drill.notInView')}
                  </span>
                </button>
              </li>
            );
          }
          const inc = live.incidents.get(id);
          return (
            <li key={id}>
              <button type="button" data-testid="eval-drill-item" data-id={id} data-status={inc?.status ?? ''} onClick={() => props.onOpen('incident', id)}>
                <span className="eval-drill-main">{inc ? `#${inc.no} ${inc.title}` : id}</span>
                <span className="eval-drill-meta">{inc ? `${beijingDateTime(inc.openedAt)} · ${t('evaluation.drill.level', { level: inc.level })}` : t('evaluation.drill.notInView')}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {result.ids.length > LIST_LIMIT && <p className="muted">{t('evaluation.drill.more', { count: result.ids.length - LIST_LIMIT })}</p>}
    </aside>
  );
}
