import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DomainEvent } from '@shared/domain/events';
import type { Incident } from '@shared/domain/model';
import { useLiveSelect, useLiveStore } from '../../live/useLive';
import { useLang } from '../board/badges';
import type { Translate } from '../board/commandText';
import { beijingDateTime } from '../board/format';
import { timelineRows } from './timelineText';
import { usePeople } from '../board/usePeople';

/** Events read per incident; a joint incident has tens to a few hundred. */
const MAX_EVENTS = 5000;

/**
 * Every event of the incident from the local replica (the log itself, so
 * SLA reminders and escalations from `system:sla` are there too), newest
 * first, with actor and time. Re-read whenever the folded incident changes
 * (any event about it produces a new incident object).
 */
export function Timeline({ incident }: { incident: Incident }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const store = useLiveStore();
  const people = usePeople();
  // The same maps in every snapshot (as before: the rows are re-made when the incident, and so its events, change).
  const alerts = useLiveSelect((s) => s.alerts);
  const incidents = useLiveSelect((s) => s.incidents);
  const [events, setEvents] = useState<DomainEvent[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    // Coalesce bursts (a scenario links several alerts within a few ms).
    const timer = setTimeout(() => {
      store.replica.events({ incidentId: incident.id, limit: MAX_EVENTS }).then(
        (list) => {
          if (!live) return;
          setEvents(list);
          setFailed(false);
        },
        () => live && setFailed(true),
      );
    }, 60);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [store, incident]);

  const rows = useMemo(() => {
    if (!events) return [];
    const tr: Translate = (key, values) => t(key, values ?? {});
    return timelineRows(events, { people, lang, alerts, incidents, incident }, tr);
  }, [events, t, people, lang, alerts, incidents, incident]);

  return (
    <section className="detail-section incident-timeline" data-testid="timeline" data-count={rows.length}>
      <h4>
        {t('incident.timeline.title')} <span className="muted lw-num">{rows.length}</span>
      </h4>
      {failed ? (
        <p className="lw-text-warn">{t('incident.timeline.unavailable')}</p>
      ) : !events ? (
        <p className="muted">{t('incident.timeline.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('incident.timeline.empty')}</p>
      ) : (
        <ol className="lw-timeline incident-timeline-list">
          {rows.map((r) => (
            <li key={r.seq} className={`timeline-${r.tone}`} data-testid="timeline-row" data-type={r.type} data-seq={r.seq}>
              <span className="lw-timeline-time lw-num">
                {beijingDateTime(r.time)} · #{r.seq}
              </span>
              <span className="lw-timeline-text">{r.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
