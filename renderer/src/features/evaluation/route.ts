/**
 * `#/evaluation`: the dashboard in place of the workspace. A hash route, so
 * the browser's back button and a reload keep the view, in Electron and in
 * web mode alike.
 */
import type { Role } from '@shared/domain/roles';
import { useHash } from '../shell/useHash';

export const EVALUATION_ROUTE = '#/evaluation';

/** Who sees the dashboard and its entry (issue 8). */
export const EVALUATION_ROLES: readonly Role[] = ['analyst', 'commander'];

export function isEvaluationRoute(hash: string): boolean {
  return hash === EVALUATION_ROUTE || hash.startsWith(`${EVALUATION_ROUTE}?`);
}

export function useIsEvaluationRoute(): boolean {
  return isEvaluationRoute(useHash());
}

export function enterEvaluation(): void {
  window.location.hash = EVALUATION_ROUTE;
}

/** Back to the workspace (drops the hash without leaving a `#` behind). */
export function leaveEvaluation(): void {
  if (!isEvaluationRoute(window.location.hash)) return;
  history.pushState(null, '', window.location.pathname + window.location.search);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
