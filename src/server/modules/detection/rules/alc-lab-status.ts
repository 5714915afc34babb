// ALC_LAB_STATUS 送检机构异常: a sample handed to a lab that is not on the registry, is suspended or is
// blacklisted. Judged on the labs' status as known now (the input's current registry).
import { levelRank, type Level, type Rule } from '../rule.ts';
import { type AlcoholCaseInput, caseFinding, foldCase, idsOf, type Step } from './alcohol-case.ts';
import { pushTo } from './common.ts';

// rules.md gives this rule no numbers: nothing to configure
export type LabStatusParams = Record<string, never>;

const CODE = 'ALC_LAB_STATUS';

type Problem = 'blacklisted' | 'suspended' | 'not_filed';
const statusNames: Record<Problem, string> = { blacklisted: '黑名单', suspended: '暂停委托', not_filed: '未备案' };
const levelOf: Record<Problem, Level> = { blacklisted: 'red', suspended: 'orange', not_filed: 'orange' };
const severity: Record<Problem, number> = { blacklisted: 2, suspended: 1, not_filed: 0 };

export const alcLabStatus: Rule<AlcoholCaseInput, LabStatusParams> = {
  code: CODE,
  name: '送检机构异常',
  subjectKind: 'case',
  trigger: 'arrival',
  defaults: {},
  paramLabels: {},
  evaluate(input) {
    const view = foldCase(input);
    // where the samples went: every hand-over, and every report (a report from a lab proves the sample
    // reached it, even when the hand-over was never recorded)
    const byLab = new Map<string, Step[]>();
    for (const s of [...view.sendings, ...view.reports]) {
      if (s.labId === null) continue;
      pushTo(byLab, s.labId, s);
    }
    const problems: { labId: string; problem: Problem; steps: Step[] }[] = [];
    for (const [labId, steps] of byLab) {
      const status = input.labs[labId]?.status;
      // an id the registry does not know is a lab that was never filed
      const problem: Problem | null = status === undefined ? 'not_filed' : status === 'filed' ? null : status;
      if (problem) problems.push({ labId, problem, steps });
    }
    if (problems.length === 0) return [];
    // the worst lab names the finding; ties go to the lab reached first
    problems.sort((a, b) => severity[b.problem] - severity[a.problem] || a.steps[0].at - b.steps[0].at || (a.labId < b.labId ? -1 : 1));
    const worst = problems[0];
    const lab = input.labs[worst.labId];
    const level = problems.map((x) => levelOf[x.problem]).reduce((a, b) => (levelRank(b) > levelRank(a) ? b : a));
    return [
      caseFinding(CODE, view, {
        level,
        title: `血样送至${statusNames[worst.problem]}机构${lab?.name ?? worst.labId}`,
        figures: {
          labId: worst.labId,
          labName: lab?.name ?? null,
          status: worst.problem,
          internal: lab?.internal ?? null,
          labs: problems.map((x) => `${x.labId}:${x.problem}`).join(','),
        },
        eventIds: idsOf(...problems.flatMap((x) => x.steps)),
      }),
    ];
  },
};
