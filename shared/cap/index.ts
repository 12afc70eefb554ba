/**
 * CAP (OASIS Common Alerting Protocol) codec: public API.
 * Pure TypeScript, safe in Node and in a browser Web Worker.
 */

export type {
  CapArea,
  CapCategory,
  CapCertainty,
  CapCircle,
  CapInfo,
  CapIssue,
  CapMessage,
  CapMsgType,
  CapPoint,
  CapPolygon,
  CapReference,
  CapResource,
  CapResponseType,
  CapResult,
  CapScope,
  CapSeverity,
  CapStatus,
  CapUrgency,
  CapValuePair,
  CapVersion,
} from './types';
export {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_MSG_TYPES,
  CAP_NAMESPACES,
  CAP_NAMESPACE_1_0,
  CAP_NAMESPACE_1_0_URL,
  CAP_NAMESPACE_1_1,
  CAP_NAMESPACE_1_2,
  CAP_RESPONSE_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
} from './types';
export { CAP_MAX_INPUT_CHARS, parseCap, splitCapList } from './parse';
export { serializeCap } from './serialize';
export {
  CLASSIFICATION_OF_SCOPE,
  HEILONGJIANG_BBOX,
  capDateTimeToEpochMs,
  capToAlertContent,
  decodeCapAlert,
  selectInfoIndex,
} from './toAlert';
export type { CapToAlertContext } from './toAlert';
export {
  ALERT_POINT_RADIUS_KM,
  CAP_CATEGORY_OF_DOMAIN,
  GBT2260_VALUE_NAME,
  INCIDENT_POINT_RADIUS_KM,
  SCOPE_OF_CLASSIFICATION,
  alertToCap,
  capIdentifier,
  formatCapDateTime,
  incidentToCap,
} from './fromDomain';
export type { AlertToCapOptions, IncidentToCapOptions } from './fromDomain';
