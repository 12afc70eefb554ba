import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPOSITIONS, type Disposition } from '@shared/domain/model';
import { DISPOSITION_KEYS } from './boardKeys';

/**
 * Dismissing asks why: relevant (handled elsewhere), duplicate, or false
 * positive. Keys 1/2/3 pick, Esc cancels; it takes focus while open.
 */
export function DispositionPicker({ count, onPick, onClose, className }: { count: number; onPick(d: Disposition): void; onClose(): void; className?: string }): React.JSX.Element {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      className={`disposition ${className ?? ''}`}
      role="dialog"
      aria-modal="false"
      aria-label={t('board.dismiss.title', { count })}
      tabIndex={-1}
      data-testid="disposition-picker"
      onKeyDown={(e) => {
        const d = DISPOSITION_KEYS[e.key as keyof typeof DISPOSITION_KEYS];
        if (d) {
          e.preventDefault();
          e.stopPropagation();
          onPick(d);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="disposition-title">{t('board.dismiss.title', { count })}</div>
      <div className="disposition-options">
        {DISPOSITIONS.map((d, i) => (
          <button key={d} type="button" className="lw-btn" data-disposition={d} onClick={() => onPick(d)}>
            <kbd>{i + 1}</kbd>
            {t(`board.disposition.${d}`)}
          </button>
        ))}
        <button type="button" className="lw-btn lw-btn-ghost" onClick={onClose}>
          <kbd>Esc</kbd>
          {t('board.dismiss.cancel')}
        </button>
      </div>
    </div>
  );
}
