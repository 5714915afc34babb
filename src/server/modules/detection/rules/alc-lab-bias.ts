// ALC_LAB_BIAS 鉴定机构系统性偏低: a lab whose blood values, set against the breath values of the same cases,
// run lower than the other labs' that month. Blood and breath disagree case by case for honest reasons
// (time to the draw, elimination, the devices); only a lab that is low across many cases is a finding.
// The yardstick is the other labs pooled, so the lab does not dilute its own test, and the test is a rank
// test (Mann–Whitney, see stats.ts): ratios are skewed, and a single wild value must not decide it.
import type { Finding, Rule } from '../rule.ts';
import { mannWhitneyLess, median } from '../stats.ts';
import { pValueZh, round, uniqueIds } from './common.ts';

export type LabBiasParams = {
  minCases: number;
  alpha: number;
};

/** one case of the month at one lab: the lab's blood value and the case's breath value, mg/100mL */
export interface LabBiasPair {
  caseNo: string;
  breath: number;
  blood: number;
  /** the lab report and the breath test behind the pair */
  eventIds: string[];
}

/**
 * ALC_LAB_BIAS, scheduled monthly for the local (Asia/Shanghai) calendar month. How the engine builds it:
 * every `alcohol.lab_report` whose occurredAt falls in the month, grouped by its labId; each report paired
 * with its case's breath value (the case fold's `breath`: the first breath test with a value). Cases whose
 * breath test was refused, is missing or reads 0 are left out (a ratio needs a breath value above 0), and
 * so are reports without a value. One pair per case and lab: a case's first report from that lab in the
 * month (a recheck at another lab counts for that lab). `labs` lists every lab with a pair, whatever its
 * registry status; `name` and `unit` come from its ref.lab row (null / the province when it is unknown).
 */
export interface LabBiasInput {
  /** `2026-11` */
  month: string;
  labs: Array<{
    labId: string;
    name: string | null;
    /** where the alert goes: the unit of the lab's ref.lab event (the registry's keeper, the province) */
    unit: string;
    pairs: LabBiasPair[];
  }>;
}

const CODE = 'ALC_LAB_BIAS';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const pairKey = (p: LabBiasPair): string => JSON.stringify([p.caseNo, p.blood, p.breath, [...p.eventIds].sort()]);

export const alcLabBias: Rule<LabBiasInput, LabBiasParams> = {
  code: CODE,
  name: '鉴定机构系统性偏低',
  subjectKind: 'lab',
  trigger: 'scheduled',
  schedule: 'monthly',
  defaults: { minCases: 30, alpha: 0.01 },
  paramLabels: {
    minCases: '该机构当月检验案件数达到',
    alpha: '显著性水平（单侧Mann-Whitney检验p值低于）',
  },
  evaluate(input, params) {
    // one entry per lab (the engine sends one; merging keeps a duplicate from splitting a lab in two)
    const labs = new Map<string, { labId: string; name: string | null; unit: string; pairs: LabBiasPair[] }>();
    for (const lab of [...input.labs].sort((a, b) => cmp(a.labId, b.labId) || cmp(JSON.stringify([a.name, a.unit]), JSON.stringify([b.name, b.unit])))) {
      const known = labs.get(lab.labId);
      if (known) known.pairs.push(...lab.pairs);
      else labs.set(lab.labId, { ...lab, pairs: [...lab.pairs] });
    }
    const groups = [...labs.values()].map((lab) => {
      // a ratio needs a breath value above 0; one pair per case, the same one whatever the order given
      const byCase = new Map<string, LabBiasPair>();
      for (const p of lab.pairs) {
        if (!(Number.isFinite(p.breath) && p.breath > 0 && Number.isFinite(p.blood) && p.blood >= 0)) continue;
        const kept = byCase.get(p.caseNo);
        if (!kept || pairKey(p) < pairKey(kept)) byCase.set(p.caseNo, p);
      }
      const pairs = [...byCase.values()].sort((a, b) => cmp(a.caseNo, b.caseNo));
      return { ...lab, pairs, ratios: pairs.map((p) => p.blood / p.breath).sort((a, b) => a - b) };
    });

    const out: Finding[] = [];
    for (const lab of groups) {
      const cases = lab.pairs.length;
      if (cases < params.minCases) continue;
      const others = groups.filter((g) => g.labId !== lab.labId);
      const pooled = others.flatMap((g) => g.ratios).sort((a, b) => a - b);
      // no other lab, no yardstick: the test's p is NaN and never below alpha
      const { u, z, pValue } = mannWhitneyLess(lab.ratios, pooled);
      if (!(pValue < params.alpha)) continue;
      const labMedian = median(lab.ratios);
      const othersMedian = median(pooled);
      const name = lab.name ?? lab.labId;
      out.push({
        rule: CODE,
        subject: { kind: 'lab', id: lab.labId },
        level: 'orange',
        unit: lab.unit,
        title: `${name}${input.month}血检/呼气比值中位数${labMedian.toFixed(2)}（${cases}例），显著低于其他鉴定机构的${othersMedian.toFixed(2)}（${pooled.length}例，${pValueZh(pValue)}）`,
        figures: {
          month: input.month,
          labName: lab.name,
          cases,
          medianRatio: round(labMedian, 3),
          othersMedianRatio: round(othersMedian, 3),
          othersCases: pooled.length,
          othersLabs: others.filter((g) => g.ratios.length > 0).length,
          u,
          z: round(z, 3),
          pValue,
          alpha: params.alpha,
          minCases: params.minCases,
        },
        eventIds: uniqueIds(lab.pairs.flatMap((p) => p.eventIds)),
      });
    }
    return out;
  },
};
