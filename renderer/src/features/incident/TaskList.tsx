import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AgencyId } from '@shared/domain/agencies';
import type { Incident, TaskStatus } from '@shared/domain/model';
import { TASK_TRANSITIONS } from '@shared/domain/transitions';
import type { OutboxEntry } from '../../live/types';
import { useLiveSelect, useLiveStore } from '../../live/useLive';
import { AgencyTag, useLang } from '../board/badges';
import { beijingHm } from '../board/format';
import { AGENCIES } from '@shared/domain/agencies';
import { may, runIncidentCommand } from './incidentCommands';
import { REQUESTABLE } from './LifecycleControls';

const MINUTE = 60_000;

/** Tasks of the incident (what, which agency, due, status) and the form that creates one. */
export function TaskList({ incident, now, pending }: { incident: Incident; now: number; pending: readonly OutboxEntry[] }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const store = useLiveStore();
  const user = useLiveSelect((s) => s.user);
  const [title, setTitle] = useState('');
  const [agency, setAgency] = useState<AgencyId>(incident.lead ?? 'hlj-traffic');
  const [minutes, setMinutes] = useState(30);
  const open = incident.status !== 'closed';
  const createOk = open && may(user, 'incident.createTask', incident);
  const tasks = Object.values(incident.tasks).sort((a, b) => a.createdAt - b.createdAt);
  const what = `#${incident.no} ${incident.title}`;
  const creating = pending.filter((e) => e.type === 'incident.createTask');

  return (
    <section className="detail-section incident-tasks" data-testid="incident-tasks">
      <h4>
        {t('incident.tasks.title')} <span className="muted lw-num">{tasks.length}</span>
      </h4>
      {tasks.length === 0 && creating.length === 0 && <p className="muted">{t('incident.tasks.none')}</p>}
      <ul className="task-list">
        {tasks.map((task) => {
          const late = task.status !== 'done' && task.status !== 'cancelled' && task.due < now;
          const updateOk = open && may(user, 'incident.updateTask', incident, { agency: task.agency });
          const busy = pending.some((e) => e.type === 'incident.updateTask' && (e.body as { taskId?: string }).taskId === task.id);
          return (
            <li key={task.id} className={`task task-${task.status} ${late ? 'is-late' : ''}`} data-testid="task-row" data-id={task.id} data-status={task.status}>
              <span className="task-line">
                <span className="task-title">{task.title}</span>
                <span className={`task-status task-status-${task.status}`}>{t(`detail.taskStatus.${task.status}`)}</span>
              </span>
              <span className="task-line muted">
                <AgencyTag agency={task.agency} />
                <span className={`lw-num ${late ? 'lw-text-danger' : ''}`}>
                  {t('incident.tasks.dueAt', { time: beijingHm(task.due) })}
                  {late && ` · ${t('incident.tasks.overdue')}`}
                </span>
                <span className="topbar-spacer" />
                {busy && <span className="lw-spinner" aria-label={t('command.outbox.pending')} />}
                {updateOk &&
                  !busy &&
                  TASK_TRANSITIONS[task.status].map((s: TaskStatus) => (
                    <button
                      key={s}
                      type="button"
                      className="lw-btn lw-btn-xs"
                      data-testid={`task-action-${s}`}
                      onClick={() => void runIncidentCommand(store, 'incident.updateTask', { incidentId: incident.id, taskId: task.id, status: s }, what)}
                    >
                      {t(`incident.taskAction.${s}`)}
                    </button>
                  ))}
              </span>
            </li>
          );
        })}
        {creating.map((e) => (
          <li key={e.id} className="task task-pending" data-testid="task-pending">
            <span className="task-line">
              <span className="task-title">{(e.body as { title: string }).title}</span>
              <span className="lw-pill lw-pill-pending">
                <span className="lw-spinner" aria-hidden />
                {t(`command.outbox.${e.status}`)}
              </span>
            </span>
          </li>
        ))}
      </ul>
      {createOk && (
        <form
          className="task-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!title.trim() || !(minutes > 0)) return;
            void runIncidentCommand(store, 'incident.createTask', { incidentId: incident.id, title: title.trim(), agency, due: Date.now() + minutes * MINUTE }, what);
            setTitle('');
          }}
        >
          <input className="lw-input task-form-title" value={title} maxLength={200} placeholder={t('incident.tasks.what')} aria-label={t('incident.tasks.what')} onChange={(e) => setTitle(e.target.value)} data-testid="task-title-input" />
          <select className="lw-select" value={agency} aria-label={t('incident.tasks.agency')} onChange={(e) => setAgency(e.target.value as AgencyId)} data-testid="task-agency-select">
            {REQUESTABLE.map((a) => (
              <option key={a} value={a}>
                {AGENCIES[a].short[lang]}
              </option>
            ))}
          </select>
          <input
            className="lw-input task-form-due"
            type="number"
            min={1}
            max={7 * 24 * 60}
            value={minutes}
            title={t('incident.tasks.dueIn')}
            aria-label={t('incident.tasks.dueIn')}
            onChange={(e) => setMinutes(Number(e.target.value))}
            data-testid="task-due-input"
          />
          <button type="submit" className="lw-btn lw-btn-sm" disabled={!title.trim() || !(minutes > 0)} data-testid="task-create">
            {t('incident.tasks.create')}
          </button>
        </form>
      )}
    </section>
  );
}
