/**
 * The board's own preferences (sort order, incidents section folded, sound),
 * remembered in localStorage on this workstation.
 */
import { smallStore, type SmallStore } from '../workspace/smallStore';
import { BOARD_SORTS, type BoardSort } from './boardRows';

function persisted<T>(key: string, initial: T, parse: (raw: unknown) => T | undefined): SmallStore<T> {
  let value = initial;
  try {
    const raw = localStorage.getItem(key);
    if (raw !== null) value = parse(JSON.parse(raw)) ?? initial;
  } catch {
    // No storage (private mode) or a corrupt value: the default is fine.
  }
  const store = smallStore<T>(value);
  store.subscribe(() => {
    try {
      localStorage.setItem(key, JSON.stringify(store.get()));
    } catch {
      // Storage full or unavailable: the preference lasts for this page only.
    }
  });
  return store;
}

export const sortStore = persisted<BoardSort>('longwatch.board.sort', 'level', (raw) =>
  typeof raw === 'string' && (BOARD_SORTS as readonly string[]).includes(raw) ? (raw as BoardSort) : undefined,
);

export const incidentsFoldedStore = persisted<boolean>('longwatch.board.incidentsFolded', false, (raw) => (typeof raw === 'boolean' ? raw : undefined));

/** The alarm sound for new 红/橙 alerts; the speaker toggle in the board header. */
export const soundMutedStore = persisted<boolean>('longwatch.board.soundMuted', false, (raw) => (typeof raw === 'boolean' ? raw : undefined));
