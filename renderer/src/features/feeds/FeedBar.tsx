import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCIES, AGENCY_OF_DOMAIN, DOMAINS, type Domain } from '@shared/domain/agencies';
import type { FeedHealth } from '@shared/protocol/workstation';
import { useMemoT } from '../../i18n/memo';
import { useLiveSelect } from '../../live/useLive';
import { dismissToastByKey, pushToast } from '../notify/toasts';
import { useNow } from '../shell/useNow';
import { createFeedAnnouncer } from './feedAnnouncer';
import './feeds.css';

/** Feed emit → hub persist beyond this is worth a glance (amber). */
const LAG_WARN_MS = 2000;

function useFeedName(): (f: FeedHealth) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  return (f) => ((DOMAINS as readonly string[]).includes(f.feed) ? AGENCIES[AGENCY_OF_DOMAIN[f.feed as Domain]].short[lang] : f.name[lang]);
}

/** Announces a feed going down once (a toast that stays until it is back), and its recovery. */
function useFeedAnnouncements(sources: readonly FeedHealth[]): void {
  const { t } = useTranslation();
  const name = useFeedName();
  const [announcer] = useState(() => createFeedAnnouncer());
  useEffect(() => {
    const { down, recovered } = announcer.update(sources, Date.now());
    for (const f of down) {
      pushToast({ kind: 'error', title: t('feeds.announce.down', { name: name(f) }), detail: t('feeds.announce.downDetail'), key: `feed:${f.feed}`, sticky: true });
    }
    for (const f of recovered) {
      dismissToastByKey(`feed:${f.feed}`);
      pushToast({ kind: 'success', title: t('feeds.announce.recovered', { name: name(f) }), key: `feed:${f.feed}` });
    }
    // Only new health reports matter; the language changing must not re-announce.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sources, announcer]);
}

/**
 * One feed. Memoised on its report and the heartbeat's age in whole seconds
 * (the hub reports every 2 s, the age ticks each second): it used to render,
 * with its eight strings, on every publish of the store.
 */
const FeedChip = memo(function FeedChip({ feed, heartbeat }: { feed: FeedHealth; heartbeat: number | undefined }): React.JSX.Element {
  const t = useMemoT();
  const name = useFeedName();
  // The tooltip's sentences are made when the pointer comes, not on every render.
  const title = (): string => [
    `${name(feed)} · ${t(`feeds.status.${feed.status}`)}`,
    heartbeat !== undefined ? t('feeds.title.heartbeat', { seconds: heartbeat }) : t('feeds.title.noHeartbeat'),
    t('feeds.title.rate', { count: feed.perMinute }),
    feed.lagMs !== undefined ? t('feeds.title.lag', { ms: Math.round(feed.lagMs) }) : '',
    t('feeds.title.seq', { seq: feed.lastSeq }),
    t('feeds.title.quarantined', { count: feed.quarantined }),
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <li
      className={`feed feed-${feed.status}`}
      data-testid="feed"
      data-feed={feed.feed}
      data-status={feed.status}
      onPointerEnter={(e) => {
        e.currentTarget.title = title();
      }}
    >
      <span className="feed-dot" aria-hidden />
      <span className="feed-name">{name(feed)}</span>
      {feed.status !== 'connected' && <span className="feed-state">{t(`feeds.status.${feed.status}`)}</span>}
      <span className="feed-metric lw-num">{heartbeat !== undefined ? t('feeds.metric.heartbeat', { seconds: heartbeat }) : '—'}</span>
      <span className="feed-metric lw-num">{t('feeds.metric.rate', { count: feed.perMinute })}</span>
      {feed.lagMs !== undefined && (
        <span className={`feed-metric feed-lag lw-num ${feed.lagMs >= LAG_WARN_MS ? 'is-slow' : ''}`}>
          {feed.lagMs >= 1000 ? t('feeds.metric.lagSeconds', { s: (feed.lagMs / 1000).toFixed(1) }) : t('feeds.metric.lag', { ms: Math.round(feed.lagMs) })}
        </span>
      )}
      {feed.quarantined > 0 && <span className="feed-quarantined lw-num">{t('feeds.metric.quarantined', { count: feed.quarantined })}</span>}
    </li>
  );
});

/** The replica's position; the one part of the bar that follows every update. */
function SyncInfo(): React.JSX.Element | null {
  const { t } = useTranslation();
  const signedIn = useLiveSelect((s) => s.user !== null);
  const connection = useLiveSelect((s) => s.connection);
  if (!signedIn) return null;
  return (
    <span
      className="sync-info lw-num"
      data-testid="sync-info"
      data-status={connection.status}
      data-replica-seq={connection.replicaSeq}
      data-hub-seq={connection.hubSeq}
      data-fetched-since-load={connection.fetchedSinceLoad}
      title={t('feeds.sync.title', { replica: connection.replicaSeq, hub: connection.hubSeq, fetched: connection.fetchedSinceLoad })}
    >
      {t('feeds.sync.label', { seq: connection.replicaSeq.toLocaleString() })}
      {connection.unreadable && (
        <span
          className="sync-unreadable"
          role="status"
          data-testid="sync-unreadable"
          data-count={connection.unreadable.count}
          title={t('feeds.sync.unreadableTitle', {
            count: connection.unreadable.count,
            first: connection.unreadable.firstSeq !== undefined ? `#${connection.unreadable.firstSeq}` : '—',
            problem: connection.unreadable.problem,
          })}
        >
          {t('feeds.sync.unreadable', { count: connection.unreadable.count })}
        </span>
      )}
    </span>
  );
}

/**
 * Feed health in the status bar: each agency feed's state (在线 / 延迟 /
 * 中断), last heartbeat, alerts per minute, lag, quarantined messages; and
 * the replica's position. The `sync-info` element carries the connection's
 * counters as data attributes for tests (`data-replica-seq`,
 * `data-hub-seq`, `data-fetched-since-load`).
 */
export function FeedBar(): React.JSX.Element {
  const { t } = useTranslation();
  const sources = useLiveSelect((s) => s.sources);
  const now = useNow().getTime();
  useFeedAnnouncements(sources);
  const down = sources.filter((f) => f.status === 'down').length;
  return (
    <div className={`feedbar ${down > 0 ? 'has-down' : ''}`} data-testid="feed-bar" data-down={down}>
      <span className="feedbar-label">{t('status.feeds')}</span>
      {sources.length === 0 ? (
        <span className="muted">{t('status.noFeeds')}</span>
      ) : (
        <ul className="feeds">
          {sources.map((f) => (
            <FeedChip key={f.feed} feed={f} heartbeat={f.lastHeartbeat !== undefined ? Math.max(0, Math.round((now - f.lastHeartbeat) / 1000)) : undefined} />
          ))}
        </ul>
      )}
      <SyncInfo />
    </div>
  );
}
