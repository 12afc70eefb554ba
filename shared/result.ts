/**
 * Results as values. Anything that crosses a process boundary (IPC, socket
 * acks) reports failure as data, never as a thrown error, so the receiving
 * side always has something to show the user (STYLE §12).
 */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
