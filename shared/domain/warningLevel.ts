/**
 * China's four-colour warning levels (预警级别: 红/橙/黄/蓝, most to least
 * severe) and how CAP 1.2 severity maps onto them. Unknown severity has no
 * colour level and is shown in grey.
 */
export const WARNING_LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export type CapSeverity = (typeof CAP_SEVERITIES)[number];

export function warningLevelOf(severity: CapSeverity): WarningLevel | null {
  switch (severity) {
    case 'Extreme':
      return 'red';
    case 'Severe':
      return 'orange';
    case 'Moderate':
      return 'yellow';
    case 'Minor':
      return 'blue';
    case 'Unknown':
      return null;
  }
}
