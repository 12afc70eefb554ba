/**
 * The after-action packet of one incident (`#/report/<id>`): an A4 document
 * in the spirit of ICS 201/214, built by `afterActionRecord` (shared/report)
 * from the incident as folded, its alerts and its events in the local
 * replica. On screen it sits on a grey desk with a toolbar; printed (or
 * `printToPdf`), only the sheet remains.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DomainEvent } from '@shared/domain/events';
import type { Alert } from '@shared/domain/model';
import { afterActionRecord, type AfterActionRecord } from '@shared/report/afterAction';
import { exportFileName } from '@shared/report/cap';
import { agencyShort, beijingText, type Lang } from '@shared/report/labels';
import type { Person } from '@shared/report/timeline';
import { useLive, useLiveStore } from '../../live/useLive';
import { platform } from '../../platform';
import { exportIncidentCap, saveTimelineCsv } from './exports';
import { ExportStatus } from './ExportStatus';
import { loadIncidentEvents } from './loadIncidentEvents';
import { knownPeople } from './people';
import { ReportMap } from './ReportMap';
import { ReportSections } from './ReportSections';
import { leaveReport } from './route';
import { useExport } from './useExport';
import './report.css';

type Loaded = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; events: DomainEvent[]; people: Person[] };

export function ReportPage({ incidentId, print }: { incidentId: string; print: boolean }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const store = useLiveStore();
  const live = useLive();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const incident = live.incidents.get(incidentId);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [mapDone, setMapDone] = useState(false);
  const [state, start] = useExport();
  // The record is written once, at the time the page was opened; the live incident may move on.
  const [generatedAt] = useState(() => Date.now());
  const printed = useRef(false);
  const onMapDone = useCallback(() => setMapDone(true), []);

  // Re-read when the incident changes (a command lands while the page is open).
  const updatedAt = incident?.updatedAt;
  useEffect(() => {
    let live = true;
    Promise.all([loadIncidentEvents(store.replica, incidentId), knownPeople(store.getSnapshot())]).then(
      ([events, people]) => live && setLoaded({ kind: 'ready', events, people }),
      (e: unknown) => live && setLoaded({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [store, incidentId, updatedAt]);

  // The live snapshot changes ~10 times a second with every alert in the province; the packet follows
  // only its incident (an alert's own update reaches it through the incident's events reload).
  const alerts = useMemo(
    () => (incident ? incident.alerts.map((id) => store.getSnapshot().alerts.get(id)).filter((a): a is Alert => a !== undefined) : []),
    [incident, store],
  );
  const record: AfterActionRecord | null = useMemo(
    () => (incident && loaded.kind === 'ready' ? afterActionRecord({ incident, alerts, events: loaded.events, people: loaded.people, now: generatedAt }) : null),
    [incident, alerts, loaded, generatedAt],
  );
  const map = useMemo(() => (incident ? <ReportMap incident={incident} alerts={alerts} onDone={onMapDone} /> : null), [incident, alerts, onMapDone]);

  const title = record ? `${t('report.page.title')} · ${lang === 'zh' ? `事件 #${record.summary.no}` : `Incident #${record.summary.no}`}` : t('report.page.title');
  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);

  const printNow = useCallback(() => {
    if (!record) return;
    void start(async () => {
      const r = await platform.printToPdf({ suggestedName: exportFileName(record.summary.no, lang === 'zh' ? '事后报告' : 'after-action', Date.now(), 'pdf') });
      if (!r.ok) return { kind: 'failed', message: r.error.message };
      if (r.value.saved) return { kind: 'saved', name: 'PDF', ...(r.value.path !== undefined ? { path: r.value.path } : {}) };
      return platform.kind === 'electron' ? { kind: 'cancelled' } : null;
    });
  }, [record, lang, start]);

  // `?print` (Electron's menu item): print once the record and the map are on the page.
  useEffect(() => {
    if (print && record && mapDone && !printed.current) {
      printed.current = true;
      printNow();
    }
  }, [print, record, mapDone, printNow]);

  let body: React.ReactNode;
  if (!incident) body = <p className="report-message">{t('report.page.notFound', { id: incidentId })}</p>;
  else if (loaded.kind === 'loading') body = <p className="report-message">{t('report.page.loading')}</p>;
  else if (loaded.kind === 'failed') body = <p className="report-message">{t('report.page.loadFailed', { message: loaded.message })}</p>;
  else if (record) {
    const first = record.timeline[0]?.seq;
    const last = record.timeline.at(-1)?.seq;
    body = (
      <article className="report-sheet" data-testid="report-sheet" data-events={record.timeline.length}>
        <header className="report-head">
          <div className="report-center">{record.center[lang]}</div>
          {lang === 'zh' && <div className="report-center-en">{record.center.en}</div>}
          <div className="report-rule" />
          <h1>{t('report.page.title')}</h1>
          {lang === 'zh' && <div className="report-title-en">Incident After-Action Report</div>}
          <div className="report-incident-title">{record.summary.title}</div>
          <dl className="report-meta">
            <div>
              <dt>{t('report.page.incidentNo')}</dt>
              <dd>#{record.summary.no}（{record.summary.id}）</dd>
            </div>
            <div>
              <dt>{t('report.page.generated')}</dt>
              <dd>{beijingText(record.generatedAt)}</dd>
            </div>
            <div>
              <dt>{t('report.page.classification')}</dt>
              <dd>{t(`detail.classification.${record.summary.classification}`)}</dd>
            </div>
          </dl>
          {record.summary.exercise && <div className="report-stamp">{t('report.page.exercise')}</div>}
        </header>
        <ReportSections record={record} lang={lang} map={map} />
        <footer className="report-foot">{t('report.page.footer', { first: first ?? '—', last: last ?? '—', count: record.timeline.length })}</footer>
      </article>
    );
  }

  return (
    <div className="report-page" data-testid="report-page">
      <div className="report-toolbar" role="toolbar">
        <button type="button" className="lw-btn lw-btn-sm" onClick={leaveReport}>
          ← {t('report.page.back')}
        </button>
        <span className="report-toolbar-title">
          {incident ? `${lang === 'zh' ? `事件 #${incident.no}` : `Incident #${incident.no}`} · ${incident.title}` : ''}
          {incident?.lead !== undefined && ` · ${agencyShort(incident.lead)[lang]}`}
        </span>
        <span className="report-toolbar-spacer" />
        <ExportStatus state={state} />
        <button type="button" className="lw-btn lw-btn-sm" disabled={!record} onClick={() => record && void start(() => saveTimelineCsv(record.timeline, record.summary.no, lang))}>
          {t('report.menu.csv')}
        </button>
        <button
          type="button"
          className="lw-btn lw-btn-sm"
          disabled={!incident || incident.classification === 'sensitive'}
          title={incident?.classification === 'sensitive' ? t('report.menu.capSensitive') : undefined}
          onClick={() => incident && void start(() => exportIncidentCap(store.getSnapshot(), incident))}
        >
          {t('report.menu.cap')}
        </button>
        <button type="button" className="lw-btn lw-btn-sm lw-btn-primary" disabled={!record} onClick={printNow}>
          {t('report.page.print')}
        </button>
      </div>
      <div className="report-desk" data-testid="report-desk-scroll">{body}</div>
    </div>
  );
}
