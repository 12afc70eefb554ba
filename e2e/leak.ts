/**
 * The Harbin chemical-leak scenario's joint incident, found the same way in
 * every spec. Its first report is safety's 苯储罐 leak. The incident's title is
 * whichever linked report opened it (a routine background alert near the
 * plant can open it first), and the leak report itself is updated 10 s later
 * at the e2e speed ("【续报】滨东精细化工苯泄漏扩大…"), so no spec may look for
 * 苯储罐 in a title or a headline. They follow the leak report, by what all its
 * revisions say, to the incident it is linked to.
 */
import { expect, type Page } from '@playwright/test';
import type { DomainEvent } from '../shared/domain/events';
import { fold } from '../shared/domain/reduce';

/** Every revision of the leak report names the plant and benzene; the demo's background alerts at the plant never say 苯. */
const PLANT = '滨东精细化工';
export const LEAK_REPORT = /滨东精细化工.*苯/;
const SAFETY = 'hlj-safety';

/** On a signed-in workstation: the incident the leak report is linked to, found as a user would, by searching the board. */
export async function leakIncidentId(page: Page, timeout = 240_000): Promise<string> {
  const search = page.getByTestId('board-search');
  await search.fill(PLANT);
  const linked = page.locator(`[data-testid="board-row"][data-kind="alert"][data-agency="${SAFETY}"]`, { hasText: LEAK_REPORT }).locator('.brow-incident').first();
  await expect(linked).toBeVisible({ timeout });
  const no = /\d+/.exec(await linked.innerText())?.[0];
  await search.fill('');
  const incident = page.locator('[data-testid="board-row"][data-kind="incident"]', { hasText: new RegExp(`#${no}(?!\\d)`) });
  await expect(incident).toHaveCount(1);
  return (await incident.getAttribute('data-id'))!;
}

/** In a log read from the hub: the leak's incident id, once the leak report is linked to one. */
export function leakIncidentIn(events: readonly DomainEvent[]): string | undefined {
  for (const alert of fold(events).alerts.values()) if (alert.agency === SAFETY && LEAK_REPORT.test(alert.headline) && alert.incidentId) return alert.incidentId;
  return undefined;
}
