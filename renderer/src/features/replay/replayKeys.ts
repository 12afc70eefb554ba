/**
 * Replay's keys (pure), listed in the shortcut help (features/shortcuts):
 * `R` enters replay, `L` or `Esc` goes back to live, `Space` plays and
 * pauses, `,` and `.` step to the previous and next event.
 */
import type { KeyLike } from '../board/boardKeys';

export type ReplayAction = { type: 'enter' } | { type: 'exit' } | { type: 'togglePlay' } | { type: 'step'; direction: 1 | -1 };

export function replayActionForKey(e: KeyLike, replaying: boolean): ReplayAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (!replaying) return e.key === 'r' || e.key === 'R' ? { type: 'enter' } : null;
  switch (e.key) {
    case 'l':
    case 'L':
    case 'Escape':
      return { type: 'exit' };
    case ' ':
      return { type: 'togglePlay' };
    case ',':
      return { type: 'step', direction: -1 };
    case '.':
      return { type: 'step', direction: 1 };
    default:
      return null;
  }
}
