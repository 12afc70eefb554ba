/**
 * The URL's hash, following `hashchange`: the one subscription behind the
 * hash routes (`#/evaluation`, `#/report/<id>`, `#/incident/<id>`).
 */
import { useSyncExternalStore } from 'react';

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}
const hash = (): string => window.location.hash;

export function useHash(): string {
  return useSyncExternalStore(subscribe, hash, hash);
}
