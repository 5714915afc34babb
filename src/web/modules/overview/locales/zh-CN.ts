// 首页: who I am, what my units are, the state of the audit log.
export const zhCN = {
  overviewTitle: '首页',
  welcome: '{name}，您好',
  myUnit: '我的单位',
  unitName: '单位名称',
  unitCode: '单位代码',
  unitLevel: '层级',
  roles: '角色',
  scopes: '权限范围',
  none: '无',
  platformWide: '全平台（根管理员）',
  subtreeTitle: '本单位及下辖单位',
  subtreeTotal: '合计',
  otherLevel: '其他',
  viewUnits: '查看单位',
  auditTitle: '审计日志',
  viewAudit: '查看审计日志',
  auditHidden: '当前账号无权查看审计日志的根哈希。',
  role_supervisor: '监管人员',
  role_handler: '处置人员',
  role_admin: '管理员',
  role_reviewer: '抽查员',
  role_approver: '审批人',
} as const;

export type OverviewMessages = Record<keyof typeof zhCN, string>;
