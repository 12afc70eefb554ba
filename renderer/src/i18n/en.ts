import type { Messages } from './zh-CN';

export const en: Messages = {
  app: {
    name: 'Longwatch Joint Command Center',
    nameEn: 'Longwatch',
    subtitle: 'Heilongjiang cross-agency joint command',
  },
  clock: {
    zone: 'Beijing time',
  },
  connection: {
    label: 'Hub',
    unconfigured: 'No hub connected',
    connecting: 'Connecting…',
    online: 'Connected',
    offline: 'Connection lost',
  },
  user: {
    signedOut: 'Not signed in',
  },
  role: {
    operator: 'Operator',
    dutyOfficer: 'Duty officer',
    commander: 'Commander',
    analyst: 'Analyst',
    admin: 'Administrator',
  },
  language: {
    label: 'Language',
    'zh-CN': '中文',
    en: 'EN',
  },
  pane: {
    map: 'Situation map',
    board: 'Alerts & incidents',
    detail: 'Detail',
  },
  empty: {
    map: 'The province appears once the hub is connected',
    board: 'No alerts',
    detail: 'Select an alert or incident on the board or map to see it here',
  },
  level: {
    legend: 'Warning level',
    red: 'Red',
    orange: 'Orange',
    yellow: 'Yellow',
    blue: 'Blue',
    unknown: 'Unrated',
  },
  domain: {
    traffic: 'Traffic',
    safety: 'Production safety',
    market: 'Market regulation',
    security: 'Public security',
    ecology: 'Ecology',
  },
  status: {
    shell: {
      electron: 'Desktop',
      web: 'Web',
    },
    version: 'Version {{version}}',
    feeds: 'Sources',
    noFeeds: 'No sources yet',
  },
};
