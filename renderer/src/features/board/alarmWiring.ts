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
import { watchIncidentNotices } from '../notify/incidentNotices';
import { pushToast } from '../notify/toasts';
import { ringAlarm } from '../notify/sound';
import { soundMutedStore } from './boardPrefs';
import { actorName, type Translate } from './commandText';

type Source = Pick<LiveStore, 'onDidApplyDelta' | 'subscribe' | 'getSnapshot'>;
const watchers = new WeakMap<Source, AlarmWatcher>();

export function alarmWatcherFor(store: Source): AlarmWatcher {
  let watcher = watchers.get(store);
  if (!watcher) {
    watcher = watchAlarms(store, () => {
      if (!soundMutedStore.get()) ringAlarm();
    });
    watchers.set(store, watcher);
  }
  return watcher;
}

export function useAlarmed(store: Source): ReadonlySet<string> {
  const watcher = alarmWatcherFor(store);
  return useSyncExternalStore(watcher.subscribe, watcher.getAlarmed, watcher.getAlarmed);
}

const noticeWatchers = new WeakSet<Source>();

/**
 * Incident notices (features/notify/incidentNotices): a toast on this desk
 * and the alarm tone (unless muted) when the hub escalates to the commander,
 * reminds this agency, or a note mentions this desk's agency. Started once
 * per live store, for the life of the page.
 */
export function startIncidentNotices(store: Source): void {
  if (noticeWatchers.has(store)) return;
  noticeWatchers.add(store);
  watchIncidentNotices(store, (notices, snapshot) => {
    const t: Translate = (key, values) => i18next.t(key, values ?? {});
    const lang = i18next.language === 'en' ? 'en' : 'zh';
    for (const n of notices) {
      const no = n.incident.no;
      if (n.kind === 'escalated') {
        pushToast({
          kind: 'error',
          sticky: true,
          key: `escalated:${n.incident.id}:${n.agency ?? ''}`,
          title: n.agency ? t('incident.notice.escalated', { no, agency: AGENCIES[n.agency].short[lang] }) : t('incident.notice.escalatedResolve', { no }),
          detail: n.incident.title,
        });
      } else if (n.kind === 'reminder') {
        pushToast({ kind: 'warning', sticky: true, key: `reminder:${n.incident.id}`, title: t('incident.notice.reminder', { no }), detail: n.incident.title });
      } else {
        const who = actorName(n.by, { presence: snapshot.presence, self: snapshot.user }, t);
        pushToast({ kind: 'info', key: `mention:${n.incident.id}`, title: t('incident.notice.mention', { who, no, agency: AGENCIES[n.agency].short[lang] }), detail: n.text });
      }
    }
    if (!soundMutedStore.get()) ringAlarm();
  });
}
