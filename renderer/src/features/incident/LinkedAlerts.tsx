import { useTranslation } from 'react-i18next';
import type { Alert, Incident } from '@shared/domain/model';
import type { OutboxEntry } from '../../live/types';
import { sameItems, useLiveSelect, useLiveStore } from '../../live/useLive';
import { AgencyTag, StatusPill } from '../board/badges';
import { levelKeyOf } from '../workspace/filters';
import { select } from '../workspace/selection';
import { may, runIncidentCommand } from './incidentCommands';
import { IncidentMap } from './IncidentMap';

/** The linked alerts (a click selects one; operators and commanders can unlink) and the incident's small map. */
export function LinkedAlerts({ incident, pending }: { incident: Incident; pending: readonly OutboxEntry[] }): React.JSX.Element {
  const { t } = useTranslation();
  const store = useLiveStore();
  const user = useLiveSelect((s) => s.user);
  // Re-renders when a linked alert changes, not on every publish.
  const linked = useLiveSelect((s) => incident.alerts.map((id) => s.alerts.get(id)).filter((a): a is Alert => !!a), sameItems);
  const unlinkOk = incident.status !== 'closed' && may(user, 'incident.unlinkAlert', incident);
  const unlinking = new Set(pending.filter((e) => e.type === 'incident.unlinkAlert').map((e) => (e.body as { alertId: string }).alertId));
  return (
    <section className="detail-section incident-alerts" data-testid="incident-alerts-section">
      <h4>
        {t('incident.alerts.title')} <span className="muted lw-num">{incident.alerts.length}</span>
      </h4>
      <div className="incident-alerts-body">
        <IncidentMap incident={incident} alerts={linked} />
        {linked.length === 0 ? (
          <p className="muted">{t('incident.alerts.none')}</p>
        ) : (
          <ul className="linked-alerts" data-testid="incident-alerts">
            {linked.map((a) => (
              <li key={a.id} className="linked-alert-item">
                <button type="button" className="linked-alert" onClick={() => select({ kind: 'alert', id: a.id })} title={a.headline}>
                  <span className={`linked-bar level-${levelKeyOf(a)}`} aria-hidden />
                  <span className="linked-headline">
                    <AgencyTag agency={a.agency} /> {a.headline}
                  </span>
                  <StatusPill status={a.status} {...(unlinking.has(a.id) ? { pending: 'pending' as const } : {})} />
                </button>
                {unlinkOk && !unlinking.has(a.id) && (
                  <button
                    type="button"
                    className="lw-btn lw-btn-xs lw-btn-ghost linked-unlink"
                    title={t('incident.controls.unlink')}
                    aria-label={`${t('incident.controls.unlink')}：${a.headline}`}
                    data-testid="incident-unlink"
                    onClick={() => void runIncidentCommand(store, 'incident.unlinkAlert', { incidentId: incident.id, alertId: a.id }, `#${incident.no}`)}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
