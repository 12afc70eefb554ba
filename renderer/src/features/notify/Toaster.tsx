import { useTranslation } from 'react-i18next';
import { dismissToast, useToasts } from './toasts';
import './notify.css';

/** The toasts, bottom right above the status bar. Errors are announced assertively, the rest politely. */
export function Toaster(): React.JSX.Element {
  const { t } = useTranslation();
  const toasts = useToasts();
  return (
    <div className="toaster" data-testid="toaster">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast" data-kind={toast.kind}>
          <span className="toast-mark" aria-hidden />
          <div className="toast-body">
            <div className="toast-title">{toast.title}</div>
            {toast.detail && <div className="toast-detail">{toast.detail}</div>}
            {toast.action && (
              <button
                type="button"
                className="lw-btn lw-btn-sm toast-action"
                data-testid="toast-action"
                onClick={() => {
                  toast.action!.run();
                  dismissToast(toast.id);
                }}
              >
                {toast.action.label}
              </button>
            )}
          </div>
          <button type="button" className="toast-close" aria-label={t('command.closeToast')} onClick={() => dismissToast(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
