import { memo, useDeferredValue, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '@shared/domain/model';
import type { OutboxEntry } from '../../live/types';
import { useLiveSelect } from '../../live/useLive';
import { commandLabelKey, refusalTitle, type Translate } from '../board/commandText';
import { beijingTime } from '../board/format';
import { useClock, useReplayMode } from '../replay/replayMode';
import { pendingFor, refusedFor } from './incidentCommands';
import { IncidentHeader } from './IncidentHeader';
import { LifecycleControls as LifecycleControlsView } from './LifecycleControls';
import { LinkedAlerts as LinkedAlertsView } from './LinkedAlerts';
import { NotesPanel as NotesPanelView } from './NotesPanel';
import { ResponseMatrix } from './ResponseMatrix';
import { TaskList } from './TaskList';
import { Timeline as TimelineView } from './Timeline';
import { useIncidentWide } from './wide';
import './incident.css';
import { usePeople } from '../board/usePeople';

// The parts that show no running timer skip the view's once-a-second clock
// render (an incident desk shows the view all day): they re-render only when
// the incident or their commands change.
const LifecycleControls = memo(LifecycleControlsView);
const LinkedAlerts = memo(LinkedAlertsView);
const NotesPanel = memo(NotesPanelView);
const Timeline = memo(TimelineView);

/** `next`, or the previous array when it holds the same entries (keeps memoised children still). */
function useSameEntries<T>(next: readonly T[]): readonly T[] {
  const last = useRef(next);
  const prev = last.current;
  if (prev !== next && (prev.length !== next.length || prev.some((e, i) => e !== next[i]))) last.current = next;
  return last.current;
}

/** Commands for this incident still on their way, and the last ones the hub refused. */
function CommandStrip({ pending, refused }: { pending: readonly OutboxEntry[]; refused: readonly OutboxEntry[] }): React.JSX.Element | null {
  const { t } = useTranslation();
  const people = usePeople();
  const offline = useLiveSelect((s) => s.connection.status === 'offline');
  const tr: Translate = (key, values) => t(key, values ?? {});
  if (pending.length === 0 && refused.length === 0) return null;
  return (
    <div className="incident-strip">
      {pending.length > 0 && (
        <div className="incident-pending" data-testid="incident-pending" data-count={pending.length}>
          <span className="lw-spinner" aria-hidden />
          <strong>{t('incident.pending')}</strong>
          <span className="incident-strip-list">{pending.map((e) => t(commandLabelKey(e.type))).join('、')}</span>
          {offline && <span className="muted">（{t('incident.pendingHint')}）</span>}
        </div>
      )}
      {refused.length > 0 && (
        <div className="incident-refused" data-testid="incident-refused" data-count={refused.length}>
          <strong>{t('incident.refused')}</strong>
          <ul>
            {refused.map((e) => (
              <li key={e.id} data-testid="incident-refused-entry">
                <span className="lw-num muted">{beijingTime(e.createdAt)}</span> {t(commandLabelKey(e.type))}：
                {e.result && !e.result.ok ? refusalTitle(e.result, e.type, people, tr) : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/**
 * The incident view (issue 6): header with level, status, lead and running
 * timers; every lifecycle control the user's role allows; the agency
 * response matrix; tasks; notes with `@agency` mentions; linked alerts with
 * a small map; the full timeline from the local replica. In the detail pane
 * it is one column; expanded (board + detail width) it is two.
 */
export function IncidentView({ incident }: { incident: Incident }): React.JSX.Element {
  // The timers follow the clock at a lower priority than the incident itself (a replayed moment moves ten times a second at 3600×).
  const now = useDeferredValue(useClock());
  const { replaying } = useReplayMode();
  const wide = useIncidentWide();
  const outbox = useLiveSelect((s) => s.outbox);
  const pending = useSameEntries(pendingFor(outbox, incident.id));
  const refused = useSameEntries(refusedFor(outbox, incident.id));
  return (
    <article
      className={`incident-view ${wide ? 'is-wide' : ''}`}
      data-testid="incident-view"
      data-id={incident.id}
      data-status={incident.status}
      data-level={incident.level}
      data-lead={incident.lead ?? ''}
      data-overdue={incident.overdue ? '1' : '0'}
    >
      <IncidentHeader incident={incident} now={now} />
      <CommandStrip pending={pending} refused={refused} />
      {/* In replay every control is greyed out (the replay store refuses commands anyway). */}
      <fieldset className="incident-fieldset" disabled={replaying} data-replay={replaying ? '1' : '0'}>
      <LifecycleControls incident={incident} pending={pending} />
      <div className="incident-columns">
        <div className="incident-column">
          <ResponseMatrix incident={incident} now={now} pending={pending} />
          <TaskList incident={incident} now={now} pending={pending} />
          <NotesPanel incident={incident} pending={pending} />
        </div>
        <div className="incident-column">
          <LinkedAlerts incident={incident} pending={pending} />
          <Timeline incident={incident} />
        </div>
      </div>
      </fieldset>
    </article>
  );
}
