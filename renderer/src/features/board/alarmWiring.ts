/**
 * Connects the alarm watcher (features/notify) to the board: one watcher per
 * live store, ringing unless the board's speaker toggle is off. Rows read
 * the alarmed set to keep new 红/橙 alerts pulsing until acknowledged.
 * Incident notices (escalations, reminders, @mentions) ring the same tone.
 */
import i18next from 'i18next';
import { useSyncExternalStore } from 'react';
import { AGENCIES } from '@shared/domain/agencies';
import type { LiveStore } from '../../live/types';
import { watchAlarms, type AlarmWatcher } from '../notify/alarms';
import { overdueAgenciesOf, watchIncidentNotices } from '../notify/incidentNotices';
import { dismissToastByKey, pushToast } from '../notify/toasts';
import { prepareAlarmSound, ringAlarm } from '../notify/sound';
import { isEvaluationRoute, leaveEvaluation } from '../evaluation/route';
import { incidentHash, parseIncidentHash } from '../incident/route';
import { select, selectionStore } from '../workspace/selection';
import { soundMutedStore } from './boardPrefs';
import { actorName, peopleOf, type Translate } from './commandText';

type Source = Pick<LiveStore, 'onDidApplyDelta' | 'subscribe' | 'getSnapshot'>;
const watchers = new WeakMap<Source, AlarmWatcher>();

export function alarmWatcherFor(store: Source): AlarmWatcher {
  let watcher = watchers.get(store);
  if (!watcher) {
    watcher = watchAlarms(store, () => {
      if (!soundMutedStore.get()) ringAlarm();
    });
    watchers.set(store, watcher);
    if (!soundMutedStore.get()) prepareAlarmSound();
  }
  return watcher;
}

export function useAlarmed(store: Source): ReadonlySet<string> {
  const watcher = alarmWatcherFor(store);
  return useSyncExternalStore(watcher.subscribe, watcher.getAlarmed, watcher.getAlarmed);
}

const noticeWatchers = new WeakSet<Source>();

/** Shows an incident wherever the desk is: in the workspace, or as the whole desk when that is the route. */
function openIncident(id: string): void {
  select({ kind: 'incident', id });
  const hash = window.location.hash;
  if (parseIncidentHash(hash) !== null) window.location.hash = incidentHash(id);
  else if (isEvaluationRoute(hash)) leaveEvaluation();
}

/** The toast keys of an incident's notices on this desk. */
const noticeKeys = (incidentId: string): string[] => [`escalated:${incidentId}`, `reminder:${incidentId}`, `mention:${incidentId}`];

/**
 * Incident notices (features/notify/incidentNotices): a toast on this desk
 * and the alarm tone (unless muted) when the hub escalates to the commander,
 * reminds this agency, or a note mentions this desk's agency. One card per
 * incident and kind: a second escalation of the same incident replaces the
 * first and names every agency overdue on it. Each card opens its incident;
 * opening the incident any other way closes its cards, since they have done
 * their job. Started once per live store, for the life of the page.
 */
export function startIncidentNotices(store: Source): void {
  if (noticeWatchers.has(store)) return;
  noticeWatchers.add(store);
  let selected = selectionStore.get();
  selectionStore.subscribe(() => {
    const next = selectionStore.get();
    if (next?.kind === 'incident' && (selected?.kind !== 'incident' || selected.id !== next.id)) for (const key of noticeKeys(next.id)) dismissToastByKey(key);
    selected = next;
  });
  watchIncidentNotices(store, (notices, snapshot) => {
    const t: Translate = (key, values) => i18next.t(key, values ?? {});
    const lang = i18next.language === 'en' ? 'en' : 'zh';
    const names = (agencies: readonly (keyof typeof AGENCIES)[]): string => agencies.map((a) => AGENCIES[a].short[lang]).join(lang === 'en' ? ', ' : '、');
    for (const n of notices) {
      const { no, id } = n.incident;
      const action = { label: t('incident.notice.open'), run: () => openIncident(id) };
      if (n.kind === 'escalated') {
        const overdue = overdueAgenciesOf(n.incident);
        pushToast({
          kind: 'error',
          sticky: true,
          key: `escalated:${id}`,
          title: overdue.length > 0 ? t('incident.notice.escalated', { no, agency: names(overdue) }) : t('incident.notice.escalatedResolve', { no }),
          detail: n.incident.title,
          action,
        });
      } else if (n.kind === 'reminder') {
        pushToast({ kind: 'warning', sticky: true, key: `reminder:${id}`, title: t('incident.notice.reminder', { no }), detail: n.incident.title, action });
      } else {
        const who = actorName(n.by, peopleOf(snapshot), t);
        pushToast({ kind: 'info', key: `mention:${id}`, title: t('incident.notice.mention', { who, no, agency: AGENCIES[n.agency].short[lang] }), detail: n.text, action });
      }
    }
    if (!soundMutedStore.get()) ringAlarm();
  });
}
