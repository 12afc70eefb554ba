/**
 * The CAP 1.2 source of an alert received as XML. It is not in the folded
 * state: it lives in the body of the `alert.received` event
 * (`content.capXml`, event `alert.receivedSeq`) in the replica, which the
 * ingest worker owns. Reading IndexedDB from here would couple the panel to
 * the replica's name and storage layout, so the panel asks a loader given
 * through this context, and shows the section only when one is given.
 *
 * TODO(lead): provide a loader backed by the live store, e.g. a
 * `LiveStore.eventAt(seq)` answered by the worker from its replica:
 * `<CapSourceContext value={(seq) => store.eventAt(seq).then(e => e?.body.content.capXml ?? null)}>`.
 */
import { createContext, useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Resolves the CAP XML carried by the event with this seq, or null when it has none. */
export type CapSourceLoader = (seq: number) => Promise<string | null>;

export const CapSourceContext = createContext<CapSourceLoader | null>(null);

export function CapSourceSection({ seq }: { seq: number }): React.JSX.Element | null {
  const { t } = useTranslation();
  const load = useContext(CapSourceContext);
  const [open, setOpen] = useState(false);
  const [xml, setXml] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (!open || !load) return;
    let live = true;
    load(seq).then(
      (x) => live && setXml(x),
      () => live && setXml(null),
    );
    return () => {
      live = false;
    };
  }, [open, load, seq]);
  if (!load) return null;
  return (
    <details className="detail-section cap-source" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('detail.cap.title')}</summary>
      {xml === undefined ? <p className="muted">{t('detail.cap.loading')}</p> : xml === null ? <p className="muted">{t('detail.cap.missing')}</p> : <pre className="cap-xml">{xml}</pre>}
    </details>
  );
}
