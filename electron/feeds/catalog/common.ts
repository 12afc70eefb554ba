/**
 * What every domain's routine alerts share: the severity and classification
 * mix, and placing a point near a site.
 */
import type { Certainty, Classification, Point, Urgency } from '@shared/domain/model';
import type { Prefecture } from '@shared/domain/regions';
import type { CapSeverity } from '@shared/domain/warningLevel';
import type { AlertDraft } from '../alertBody';
import type { Site } from '../places';
import { jitter, weighted, type Rng } from '../random';

/** Builds one routine alert of a domain. */
export type Drafter = (rng: Rng) => AlertDraft;

/**
 * Routine traffic is mostly Minor/Moderate. Severe stays rare (about one in
 * 250) because each unmatched Severe alert opens an incident at the hub
 * (`resources/correlation.json` openThreshold): at the default 3 alerts/s
 * that is roughly one new incident a minute and a half.
 */
const SEVERITY_MIX: readonly (readonly [CapSeverity, number])[] = [
  ['Minor', 600],
  ['Moderate', 396],
  ['Severe', 4],
];

/** A routine alert's severity. */
export function routineSeverity(rng: Rng): CapSeverity {
  return weighted(rng, SEVERITY_MIX);
}

/** Urgency that goes with a severity. */
export function urgencyOf(severity: CapSeverity, rng: Rng): Urgency {
  if (severity === 'Severe' || severity === 'Extreme') return 'Immediate';
  return rng() < 0.5 ? 'Expected' : 'Immediate';
}

/** Certainty of a routine report: mostly observed on site. */
export function certaintyOf(rng: Rng): Certainty {
  return rng() < 0.85 ? 'Observed' : 'Likely';
}

/** Mostly internal, some public; sensitive only where the agency allows it (public security). */
export function classificationOf(rng: Rng, sensitiveShare = 0): Classification {
  const r = rng();
  if (r < sensitiveShare) return 'sensitive';
  return r < sensitiveShare + 0.2 ? 'public' : 'internal';
}

/** A point within about `km` kilometres of a site. */
export function near(rng: Rng, site: { lon: number; lat: number }, km: number): Point {
  const dLat = km / 111;
  const dLon = km / (111 * Math.cos((site.lat * Math.PI) / 180));
  return { lon: jitter(rng, site.lon, dLon), lat: jitter(rng, site.lat, dLat) };
}

/**
 * A point within about `km` of a prefecture seat. Heihe's seat sits on the
 * Amur, with Russia on the other bank: its points stay on a small patch
 * inland.
 */
export function nearSeat(rng: Rng, pref: Prefecture, km: number): Point {
  if (pref.code === '231100') return near(rng, { lon: 127.46, lat: 50.22 }, Math.min(km, 2));
  return near(rng, { lon: pref.center[0], lat: pref.center[1] }, km);
}

/** A site's own point. */
export function at(site: Site): Point {
  return { lon: site.lon, lat: site.lat };
}

/** Chinese name of a severity's warning colour (蓝/黄/橙/红), as agencies write it in headlines. */
export function colourOf(severity: CapSeverity): string {
  return { Extreme: '红色', Severe: '橙色', Moderate: '黄色', Minor: '蓝色', Unknown: '蓝色' }[severity];
}
