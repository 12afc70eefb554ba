/** Simplified Chinese, the default UI language. `en.ts` must have the same keys (checked by its type). */
export const zhCN = {
  app: {
    name: '龙江联合指挥中心',
    nameEn: 'Longwatch',
    subtitle: '黑龙江省跨部门联合指挥',
  },
  clock: {
    zone: '北京时间',
  },
  connection: {
    label: '枢纽',
    unconfigured: '未连接枢纽',
    connecting: '正在连接…',
    online: '已连接',
    offline: '连接中断',
  },
  user: {
    signedOut: '未登录',
  },
  role: {
    operator: '值班员',
    dutyOfficer: '部门值班长',
    commander: '指挥长',
    analyst: '分析员',
    admin: '管理员',
  },
  language: {
    label: '语言',
    'zh-CN': '中文',
    en: 'EN',
  },
  pane: {
    map: '态势地图',
    board: '预警与事件',
    detail: '详情',
  },
  empty: {
    map: '等待枢纽连接后显示全省态势',
    board: '暂无预警',
    detail: '在列表或地图上选择一条预警或事件，在此查看详情',
  },
  level: {
    legend: '预警级别',
    red: '红色',
    orange: '橙色',
    yellow: '黄色',
    blue: '蓝色',
    unknown: '未定级',
  },
  domain: {
    traffic: '交通运输',
    safety: '安全生产',
    market: '市场监管',
    security: '公安应急',
    ecology: '生态环境',
  },
  status: {
    shell: {
      electron: '桌面版',
      web: '网页版',
    },
    version: '版本 {{version}}',
    feeds: '数据源',
    noFeeds: '尚无数据源',
  },
} as const;

/** Same shape as zhCN with string leaves, so a missing English key fails to compile. */
export type Messages = { [K in keyof typeof zhCN]: Shape<(typeof zhCN)[K]> };
type Shape<T> = T extends string ? string : { [K in keyof T]: Shape<T[K]> };
