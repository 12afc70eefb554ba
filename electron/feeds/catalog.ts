/**
 * The routine content of the five demo agencies: one weighted table of
 * drafters per domain (`catalog/<domain>.ts`), each building a realistic
 * Heilongjiang alert from the places in `places.ts`.
 */
import type { Domain } from '@shared/domain/agencies';
import type { AlertDraft } from './alertBody';
import type { Drafter } from './catalog/common';
import { ECOLOGY_DRAFTERS } from './catalog/ecology';
import { MARKET_DRAFTERS } from './catalog/market';
import { SAFETY_DRAFTERS } from './catalog/safety';
import { SECURITY_DRAFTERS } from './catalog/security';
import { TRAFFIC_DRAFTERS } from './catalog/traffic';
import { weighted, type Rng } from './random';

/** Weighted drafters of each domain. */
export const DRAFTERS: Readonly<Record<Domain, readonly (readonly [Drafter, number])[]>> = {
  traffic: TRAFFIC_DRAFTERS,
  safety: SAFETY_DRAFTERS,
  market: MARKET_DRAFTERS,
  security: SECURITY_DRAFTERS,
  ecology: ECOLOGY_DRAFTERS,
};

/** One routine alert of `domain`. */
export function draftAlert(domain: Domain, rng: Rng): AlertDraft {
  return weighted(rng, DRAFTERS[domain])(rng);
}
