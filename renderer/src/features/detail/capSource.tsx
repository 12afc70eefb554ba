/**
 * The CAP 1.2 source of an alert received as XML. It is not in the folded
 * state: it lives in the body of the `alert.received` event
 * (`content.capXml`, event `alert.receivedSeq`) in the replica, which the
 * ingest worker owns. The panel reads it through the live store's
 * `replica.eventAt(seq)` (answered by this window's worker, writer or not);
 * a test or another host can give its own loader through `CapSourceContext`.
 * The XML is feed text: shown as text in a <pre>, never parsed into the page.
 */
import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveStore } from '../../live/types';
import { LiveStoreContext } from '../../live/useLive';

/** Resolves the CAP XML carried by the event with this seq, or null when it has none. */
export type CapSourceLoader = (seq: number) => Promise<string | null>;

export const CapSourceContext = createContext<CapSourceLoader | null>(null);

/** The loader backed by the live store's replica: the `alert.received` (or `alert.updated`) event's `content.capXml`. */
export function replicaCapLoader(store: LiveStore): CapSourceLoader {
  return async (seq) => {
    const event = await store.replica.eventAt(seq);
    if (event?.type === 'alert.received' || event?.type === 'alert.updated') return event.body.content.capXml ?? null;
    return null;
  };
}

export function CapSourceSection({ seq }: { seq: number }): React.JSX.Element | null {
  const { t } = useTranslation();
  const given = useContext(CapSourceContext);
  const store = useContext(LiveStoreContext);
  const load = useMemo(() => given ?? (store ? replicaCapLoader(store) : null), [given, store]);
  const [open, setOpen] = useState(false);
  const [xml, setXml] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    setXml(undefined);
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
    <details className="detail-section cap-source" data-testid="cap-source" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('detail.cap.title')}</summary>
      {xml === undefined ? (
        <p className="muted">{t('detail.cap.loading')}</p>
      ) : xml === null ? (
        <p className="muted">{t('detail.cap.missing')}</p>
      ) : (
        // Selectable text: copied with the mouse or Ctrl+C like any text.
        <pre className="cap-xml" data-testid="cap-xml">
          {xml}
        </pre>
      )}
    </details>
  );
}
