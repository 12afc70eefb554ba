/** Moves keyboard focus into the detail panel (Enter on the board). */
export function focusDetail(): void {
  document.getElementById('detail-panel')?.focus({ preventScroll: true });
}
