// People who can log in to the demo: a supervisor and a handler at each level of one chain of units
// (province → 呼和浩特 → two of its districts) and at a county of another city, so the unit-scoped views can
// be shown side by side, plus the province's administrator.
export interface DemoUser {
  username: string;
  displayName: string;
  unitCode: string;
  roles: string[];
}

const PROVINCE = '150000000000';
const HOHHOT = '150100000000';
const XINCHENG = '150102000000';
const SAIHAN = '150105000000';
const HONGSHAN = '150402000000';

export function demoUsers(): DemoUser[] {
  return [
    { username: 'prov_admin', displayName: '赵立新（自治区交管局系统管理员）', unitCode: PROVINCE, roles: ['admin', 'supervisor'] },
    { username: 'nm_supervisor', displayName: '高志远（自治区监管中心）', unitCode: PROVINCE, roles: ['supervisor'] },
    { username: 'nm_handler', displayName: '乌日娜（自治区监管中心）', unitCode: PROVINCE, roles: ['handler'] },
    { username: 'nm_reviewer', displayName: '孙晓东（自治区抽查员）', unitCode: PROVINCE, roles: ['reviewer'] },
    { username: 'nm_approver', displayName: '白建华（自治区审批人）', unitCode: PROVINCE, roles: ['approver'] },
    { username: 'hhht_supervisor', displayName: '刘海波（呼和浩特支队监管中心）', unitCode: HOHHOT, roles: ['supervisor'] },
    { username: 'hhht_handler', displayName: '王静（呼和浩特支队）', unitCode: HOHHOT, roles: ['handler'] },
    { username: 'xincheng_supervisor', displayName: '张明（新城区大队）', unitCode: XINCHENG, roles: ['supervisor'] },
    { username: 'xincheng_handler', displayName: '巴特尔（新城区大队）', unitCode: XINCHENG, roles: ['handler'] },
    { username: 'saihan_supervisor', displayName: '陈晓丽（赛罕区大队）', unitCode: SAIHAN, roles: ['supervisor'] },
    { username: 'saihan_handler', displayName: '李强（赛罕区大队）', unitCode: SAIHAN, roles: ['handler'] },
    { username: 'hongshan_supervisor', displayName: '于春雷（赤峰市红山区大队）', unitCode: HONGSHAN, roles: ['supervisor'] },
    { username: 'hongshan_handler', displayName: '萨仁（赤峰市红山区大队）', unitCode: HONGSHAN, roles: ['handler'] },
  ];
}
