/**
 * Every keyboard shortcut, as the help overlay lists them. The board's key
 * handling (`board/boardKeys.ts`) implements the same table; the test beside
 * this file holds the two together.
 */
export interface Shortcut {
  keys: readonly string[];
  /** i18n key under `shortcuts.action`. */
  action: string;
}

export interface ShortcutGroup {
  /** i18n key under `shortcuts.group`. */
  group: string;
  shortcuts: readonly Shortcut[];
}

export const SHORTCUTS: readonly ShortcutGroup[] = [
  {
    group: 'navigate',
    shortcuts: [
      { keys: ['j', '↓'], action: 'next' },
      { keys: ['k', '↑'], action: 'previous' },
      { keys: ['PgDn', 'PgUp'], action: 'page' },
      { keys: ['Home', 'End'], action: 'ends' },
      { keys: ['Enter'], action: 'open' },
    ],
  },
  {
    group: 'act',
    shortcuts: [
      { keys: ['a'], action: 'acknowledge' },
      { keys: ['d'], action: 'dismiss' },
      { keys: ['1', '2', '3'], action: 'disposition' },
      { keys: ['x'], action: 'toggleSelect' },
      { keys: ['Shift', 'A'], action: 'bulkAcknowledge' },
    ],
  },
  {
    group: 'view',
    shortcuts: [
      { keys: ['/'], action: 'search' },
      { keys: ['?'], action: 'help' },
      { keys: ['Esc'], action: 'escape' },
    ],
  },
  {
    // Answered by features/replay (replayKeys.ts), not the board.
    group: 'replay',
    shortcuts: [
      { keys: ['R'], action: 'replayEnter' },
      { keys: ['L', 'Esc'], action: 'replayExit' },
      { keys: ['Space'], action: 'replayPlay' },
      { keys: [',', '.'], action: 'replayStep' },
    ],
  },
];
