/**
 * The route and the top-bar entry of the dashboard. App mounts
 * `<EvaluationRoute workspace={…} />` where the workspace goes, and the top
 * bar mounts `<EvaluationButton />`; both show nothing for roles that may
 * not see the dashboard.
 */
import { useTranslation } from 'react-i18next';
import { useLive } from '../../live/useLive';
import { EvaluationView } from './EvaluationView';
import { enterEvaluation, EVALUATION_ROLES, leaveEvaluation, useIsEvaluationRoute } from './route';

export function EvaluationRoute({ workspace }: { workspace: React.ReactNode }): React.ReactNode {
  const { user } = useLive();
  const onRoute = useIsEvaluationRoute();
  if (onRoute && user && EVALUATION_ROLES.includes(user.role)) return <EvaluationView />;
  return workspace;
}

export function EvaluationButton(): React.JSX.Element | null {
  const { t } = useTranslation();
  const { user } = useLive();
  const onRoute = useIsEvaluationRoute();
  if (!user || !EVALUATION_ROLES.includes(user.role)) return null;
  return (
    <button
      type="button"
      className={`eval-entry ${onRoute ? 'active' : ''}`}
      aria-pressed={onRoute}
      onClick={onRoute ? leaveEvaluation : enterEvaluation}
      title={t('evaluation.entryHint')}
      data-testid="evaluation-entry"
    >
      {t('evaluation.entry')}
    </button>
  );
}
