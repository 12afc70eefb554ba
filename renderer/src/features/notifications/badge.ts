/**
 * The tray / dock badge: unacknowledged (status new) alerts that concern the
 * signed-in user — their own domain for a duty officer, every domain for
 * operators and commanders (who watch all), none for analysts and admins.
 * Pure, from the live store's per-domain counts.
 */
import { AGENCIES, DOMAINS, type Domain } from '@shared/domain/agencies';
import type { User } from '@shared/domain/roles';

export function badgeCount(unacknowledged: Readonly<Record<Domain, number>>, user: User | null): number {
  if (!user) return 0;
  switch (user.role) {
    case 'dutyOfficer': {
      const domain = user.agency ? AGENCIES[user.agency].domain : null;
      return domain ? unacknowledged[domain] : 0;
    }
    case 'operator':
    case 'commander':
      return DOMAINS.reduce((sum, d) => sum + unacknowledged[d], 0);
    case 'analyst':
    case 'admin':
      return 0;
  }
}
