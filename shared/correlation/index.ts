/**
 * Correlation (DESIGN §3): public API. The hub calls `correlateAlert` for each
 * normalised alert, seals and folds the drafts, then `index.apply`s each
 * sealed event. See README.md for the rules.
 */
export { correlateAlert, CORRELATION_ACTOR, type Correlated, type CorrelationContext } from './correlate';
export { IncidentIndex, isOpenIncident, type NearestHit, type NearestQuery } from './incidentIndex';
export {
  atOrAbove,
  compatible,
  correlationConfigSchema,
  DEFAULT_CORRELATION_CONFIG,
  domainMatrixSchema,
  levelFor,
  levelRuleSchema,
  topicMemberSchema,
  topicSchema,
  topicsOf,
  type CorrelationConfig,
  type DomainMatrix,
  type LevelRule,
  type Topic,
  type TopicMember,
} from './config';
export { boxAround, EARTH_RADIUS_KM, haversineKm, haversineKmLonLat, minDistanceToBoxKm, type DegreeBox } from './geo';
