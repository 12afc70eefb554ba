/**
 * Who the signed-in user, the people present and the hub's directory are,
 * as one `PeopleContext` for naming actors (`actorName`, `refusalTitle`):
 * the same object until one of the three changes, so it can be a memo's
 * dependency.
 */
import { useMemo } from 'react';
import { useLiveSelect } from '../../live/useLive';
import type { PeopleContext } from './commandText';

export function usePeople(): PeopleContext {
  const presence = useLiveSelect((s) => s.presence);
  const self = useLiveSelect((s) => s.user);
  const directory = useLiveSelect((s) => s.directory);
  return useMemo(() => ({ presence, self, directory }), [presence, self, directory]);
}

