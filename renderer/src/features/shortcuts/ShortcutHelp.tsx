import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { helpOpenStore, useHelpOpen } from './helpStore';
import { SHORTCUTS } from './shortcuts';
import './shortcuts.css';

/** The `?` overlay: every shortcut, grouped. Esc, `?` or a click outside closes it. */
export function ShortcutHelp(): React.JSX.Element | null {
  const { t } = useTranslation();
  const open = useHelpOpen();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => previous?.focus?.({ preventScroll: true });
  }, [open]);
  if (!open) return null;
  const close = (): void => helpOpenStore.set(false);
  return (
    <div className="help-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        ref={ref}
        className="help-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        tabIndex={-1}
        data-testid="shortcut-help"
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === '?') {
            e.preventDefault();
            e.stopPropagation();
            close();
          }
        }}
      >
        <header className="help-header">
          <h2 id="help-title">{t('shortcuts.title')}</h2>
          <button type="button" className="help-close" aria-label={t('shortcuts.close')} onClick={close}>
            ×
          </button>
        </header>
        <div className="help-groups">
          {SHORTCUTS.map((g) => (
            <section key={g.group} className="help-group">
              <h3>{t(`shortcuts.group.${g.group}`)}</h3>
              <dl>
                {g.shortcuts.map((s) => (
                  <div key={s.action} className="help-row">
                    <dt>
                      {s.keys.map((k, i) => (
                        <kbd key={i}>{k}</kbd>
                      ))}
                    </dt>
                    <dd>{t(`shortcuts.action.${s.action}`)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <footer className="help-footer muted">{t('shortcuts.footer')}</footer>
      </div>
    </div>
  );
}
