// 事件接入: dead letters, the events that were rejected and kept for inspection.
export const zhCN = {
  deadLettersTitle: '死信',
  deadLettersIntro: '未通过校验而被拒收的业务事件，按原文保存以便排查。最新的在前。',
  deadLettersEmpty: '没有死信',
  deadLettersShown: '已显示 {count} 条',
  colReceivedAt: '接收时间',
  colSource: '来源',
  colSourceUnit: '来源单位',
  colIp: 'IP 地址',
  colBatchIndex: '批内序号',
  colEventId: '事件编号',
  colEventType: '事件类型',
  colError: '错误',
  rawTitle: '原始内容',
  rawLabel: '死信 {id} 的原始内容',
  expandRow: '展开原始内容',
  collapseRow: '收起原始内容',
} as const;

export type IngestMessages = Record<keyof typeof zhCN, string>;
