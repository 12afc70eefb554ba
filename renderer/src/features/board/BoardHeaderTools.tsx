import { useTranslation } from 'react-i18next';
import { helpOpenStore } from '../shortcuts/helpStore';
import { useSmallStore } from '../workspace/smallStore';
import { soundMutedStore } from './boardPrefs';
import { SpeakerIcon } from './icons';
import { OutboxIndicator } from './OutboxIndicator';

/** Tools in the board pane's header: alarm sound on/off, the outbox, the shortcut help. */
export function BoardHeaderTools(): React.JSX.Element {
  const { t } = useTranslation();
  const muted = useSmallStore(soundMutedStore);
  return (
    <div className="board-tools">
      <OutboxIndicator />
      <button
        type="button"
        className={`lw-tool-button ${muted ? 'is-muted' : ''}`}
        aria-pressed={!muted}
        title={muted ? t('board.sound.off') : t('board.sound.on')}
        aria-label={muted ? t('board.sound.off') : t('board.sound.on')}
        onClick={() => soundMutedStore.set(!muted)}
        data-testid="sound-toggle"
      >
        <SpeakerIcon muted={muted} />
      </button>
      <button type="button" className="lw-tool-button" title={t('shortcuts.open')} aria-label={t('shortcuts.open')} onClick={() => helpOpenStore.set(true)} data-testid="help-button">
        <span className="lw-tool-key">?</span>
      </button>
    </div>
  );
}
