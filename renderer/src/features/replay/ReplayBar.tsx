/**
 * The replay bar above the workspace: the banner with the moment shown
 * (Beijing time), play / pause, speed, step, jump to a typed time, back to
 * live, the loading progress of a long seek and of the index pass, and the slider.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLive } from '../../live/useLive';
import { beijingDateTime } from '../board/format';
import { useSelection } from '../workspace/selection';
import { useSmallStore } from '../workspace/smallStore';
import { ReplayIncidentButton } from './ReplayButtons';
import { exitReplay } from './replayMode';
import { REPLAY_SPEEDS, type ReplayStore } from './replayStore';
import { parseBeijingTime } from './timeInput';
import { Timeline } from './Timeline';

function JumpTo({ store, at }: { store: ReplayStore; at: number }): React.JSX.Element {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const jump = (e: React.FormEvent): void => {
    e.preventDefault();
    const parsed = parseBeijingTime(text, at);
    if (!parsed.ok) {
      setProblem(t(`replay.badTime.${parsed.reason}`));
      return;
    }
    setProblem(null);
    void store.seekTime(parsed.time);
  };
  return (
    <form className="replay-jump" onSubmit={jump} data-testid="replay-jump">
      <label htmlFor="replay-jump-input">{t('replay.jumpLabel')}</label>
      <input
        id="replay-jump-input"
        className="lw-input replay-jump-input"
        value={text}
        placeholder={beijingDateTime(at)}
        onChange={(e) => setText(e.currentTarget.value)}
        aria-invalid={problem !== null}
        aria-describedby={problem ? 'replay-jump-problem' : undefined}
        spellCheck={false}
        autoComplete="off"
      />
      <button type="submit" className="lw-btn lw-btn-sm">
        {t('replay.jump')}
      </button>
      {problem && (
        <span id="replay-jump-problem" className="replay-problem" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}

export function ReplayBar({ store }: { store: ReplayStore }): React.JSX.Element {
  const { t } = useTranslation();
  const status = useSmallStore(store.status);
  const live = useLive();
  const { at, seq, playing, speed, loading, focus, range } = status;
  const selection = useSelection();
  const atStart = !!range && seq <= range.firstSeq;
  const atEnd = !!range && seq >= range.lastSeq;

  return (
    <section className={`replay-bar${focus ? ' is-focus' : ''}`} aria-label={t('replay.region')} data-testid="replay-bar" data-at={at} data-seq={seq} data-last-seq={range?.lastSeq ?? 0} data-seek-ms={status.lastSeekMs ?? ''} data-indexed-ms={status.indexedMs ?? ''}>
      <div className="replay-row">
        <div className="replay-banner" role="status" data-testid="replay-banner">
          <span className="replay-banner-zh">{t('replay.bannerZh')}</span>
          <span className="replay-banner-en">REPLAY</span>
          <time className="replay-banner-time lw-num" dateTime={new Date(at).toISOString()}>
            {beijingDateTime(at)}
          </time>
        </div>
        {focus && (
          <div className="replay-focus" data-testid="replay-focus" title={focus.title}>
            {t('replay.focus', { title: focus.title })}
          </div>
        )}
        {selection?.kind === 'incident' && selection.id !== focus?.incidentId && <ReplayIncidentButton incidentId={selection.id} />}
        <div className="replay-controls" role="toolbar" aria-label={t('replay.controls')}>
          <button type="button" className="lw-btn lw-btn-sm" onClick={() => void store.step(-1)} disabled={atStart} title={t('replay.stepBackHint')} data-testid="replay-step-back">
            ⇤ {t('replay.stepBack')} <kbd>,</kbd>
          </button>
          <button
            type="button"
            className="lw-btn lw-btn-sm lw-btn-primary replay-play"
            onClick={() => (playing ? store.pause() : store.play())}
            aria-pressed={playing}
            data-testid="replay-play"
          >
            {playing ? `❚❚ ${t('replay.pause')}` : `▶ ${t('replay.play')}`} <kbd>Space</kbd>
          </button>
          <button type="button" className="lw-btn lw-btn-sm" onClick={() => void store.step(1)} disabled={atEnd} title={t('replay.stepForwardHint')} data-testid="replay-step-forward">
            {t('replay.stepForward')} ⇥ <kbd>.</kbd>
          </button>
          <div className="segmented replay-speed" role="group" aria-label={t('replay.speed')}>
            {REPLAY_SPEEDS.map((s) => (
              <button key={s} type="button" aria-pressed={speed === s} onClick={() => store.setSpeed(s)} data-testid={`replay-speed-${s}`}>
                {s}×
              </button>
            ))}
          </div>
        </div>
        <JumpTo store={store} at={at} />
        <span className="topbar-spacer" />
        <span className="replay-position muted lw-num" data-testid="replay-position">
          {t('replay.position', { seq, last: range?.lastSeq ?? 0 })}
        </span>
        <span className="replay-live muted" title={t('replay.liveHint')}>
          {t('replay.liveCarriesOn', { seq: live.connection.replicaSeq })}
        </span>
        <button type="button" className="lw-btn lw-btn-sm replay-exit" onClick={exitReplay} data-testid="replay-exit">
          {t('replay.back')} <kbd>L</kbd>
        </button>
      </div>
      <Timeline store={store} status={status} />
      {loading && (
        <div className="replay-loading" role="progressbar" aria-valuemin={0} aria-valuemax={loading.total} aria-valuenow={loading.done} data-testid="replay-loading">
          <div className="replay-loading-fill" style={{ width: `${(100 * loading.done) / Math.max(1, loading.total)}%` }} />
          <span>{t('replay.loading', { done: loading.done, total: loading.total })}</span>
        </div>
      )}
      {status.indexing && !loading && (
        <div className="replay-loading is-index" role="progressbar" aria-valuemin={0} aria-valuemax={status.indexing.total} aria-valuenow={status.indexing.done} data-testid="replay-indexing">
          <div className="replay-loading-fill" style={{ width: `${(100 * status.indexing.done) / Math.max(1, status.indexing.total)}%` }} />
          <span>{t('replay.indexing', { percent: Math.round((100 * status.indexing.done) / Math.max(1, status.indexing.total)) })}</span>
        </div>
      )}
      {status.problem && (
        <div className="replay-problem" role="alert">
          {t('replay.problem', { message: status.problem })}
        </div>
      )}
    </section>
  );
}
