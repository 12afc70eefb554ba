/**
 * The ways into replay: `ReplayButton` in the top bar (also back to live),
 * `ReplayIncidentButton` for one incident (the incident view, and the replay
 * bar when an incident is selected).
 */
import { useTranslation } from 'react-i18next';
import { useLive, useLiveStore } from '../../live/useLive';
import { enterReplay, exitReplay, liveStoreOf, useActiveReplay } from './replayMode';

/** The top bar's button: into replay, or back to live. */
export function ReplayButton(): React.JSX.Element | null {
  const { t } = useTranslation();
  const store = useLiveStore();
  const { user } = useLive();
  const active = useActiveReplay();
  if (!user) return null;
  const replaying = !!active && active.store === store;
  return (
    <button
      type="button"
      className={`lw-btn lw-btn-sm replay-toggle${replaying ? ' is-replay' : ''}`}
      aria-pressed={replaying}
      title={replaying ? t('replay.backHint') : t('replay.enterHint')}
      onClick={() => (replaying ? exitReplay() : enterReplay(store))}
      data-testid="replay-toggle"
    >
      {replaying ? t('replay.back') : t('replay.enter')} <kbd>{replaying ? 'L' : 'R'}</kbd>
    </button>
  );
}

/** For the incident view: replay this incident alone, from its first alert to its closure. */
export function ReplayIncidentButton({ incidentId }: { incidentId: string }): React.JSX.Element {
  const { t } = useTranslation();
  const store = useLiveStore();
  return (
    <button
      type="button"
      className="lw-btn lw-btn-sm replay-incident"
      title={t('replay.focusHint')}
      onClick={() => enterReplay(liveStoreOf(store), { incidentId })}
      data-testid="replay-incident"
    >
      {t('replay.focusButton')}
    </button>
  );
}
