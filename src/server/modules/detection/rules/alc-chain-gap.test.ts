import { describe, expect, it } from 'vitest';
import { alcChainGap as rule } from './alc-chain-gap.ts';
import { buildCase, CASE_NO, checkOrderIndependence, HOUR, LATER, MINUTE, T0, UNIT, type CaseSpec } from './alcohol-case.fixtures.ts';

const BREATH_T = T0 + 4 * MINUTE;
const DRAW_T = BREATH_T + 1 * HOUR; // the default case's draw
const SENT_T = DRAW_T + 14 * HOUR; // and hand-over
const run = (spec: CaseSpec, now: Date | number = LATER, params = rule.defaults) =>
  rule.evaluate(buildCase(spec), params, typeof now === 'number' ? new Date(now) : now);
const gapsOf = (spec: CaseSpec, now: Date | number = LATER, params = rule.defaults) => {
  const [f] = run(spec, now, params);
  return f === undefined ? null : { level: f.level, gaps: f.figures.gaps };
};
/** store deadlines alone: the hand-over deadline moved out of the way */
const looseSend = { ...rule.defaults, sendWithinHours: 100 };

describe('ALC_CHAIN_GAP', () => {
  it('an honest case has no gap', () => {
    expect(run({})).toEqual([]);
  });

  it('fires yellow when the blood is drawn more than 2 h after the breath test, judged on the draw’s own time', () => {
    const input = buildCase({ drawAfterH: 2.5 });
    const [f, ...rest] = rule.evaluate(input, rule.defaults, LATER);
    expect(rest).toEqual([]);
    expect(f.rule).toBe('ALC_CHAIN_GAP');
    expect(f.subject).toEqual({ kind: 'case', id: CASE_NO });
    expect(f.level).toBe('yellow');
    expect(f.unit).toBe(UNIT);
    expect(f.title).toBe('呼气检测后2.5小时才抽血（应在2小时内）');
    expect(f.figures).toEqual({ gaps: 'draw_late', drawHours: 2.5 });
    const id = (t: string) => input.events.find((e) => e.type === t)!.id;
    expect(f.eventIds).toEqual([id('alcohol.breath_test'), id('alcohol.blood_drawn')]);
  });

  it('draw deadline edge: exactly 2 h is in time, a minute more is not', () => {
    expect(run({ drawAfterH: 2 })).toEqual([]);
    expect(gapsOf({ drawAfterH: 121 / 60 })).toEqual({ level: 'yellow', gaps: 'draw_late' });
  });

  it('a missing draw counts from now, only once the deadline has passed, and names the deadline', () => {
    expect(run({ drawAfterH: null }, BREATH_T + 2 * HOUR)).toEqual([]);
    const [f] = run({ drawAfterH: null }, BREATH_T + 2 * HOUR + 1);
    expect(f.level).toBe('yellow');
    expect(f.title).toBe('呼气检测后超过2小时未抽血');
    // 23:04 + 2 h, Hohhot time
    expect(f.figures).toEqual({ gaps: 'draw_missing', drawMissing: true, drawDueAt: '2026-11-01T01:04:00+08:00' });
    // evaluated again later, the finding is the same: no churn for the engine
    expect(run({ drawAfterH: null }, BREATH_T + 50 * HOUR)).toEqual([f]);
  });

  it('the draw deadline also runs from a refusal, and from the opening when there is no breath test', () => {
    expect(run({ breath: 'refused', drawAfterH: null }, BREATH_T + 3 * HOUR)[0].title).toBe('拒绝呼气检测后超过2小时未抽血');
    expect(run({ breath: null, drawAfterH: null }, T0 + 3 * HOUR)[0].title).toBe('立案后超过2小时未抽血');
    expect(run({ breath: null, drawAfterH: null }, T0 + 2 * HOUR)).toEqual([]);
  });

  it('storage deadline edges: 24 h in time, 24.1 h yellow, 72 h yellow, 72.1 h orange', () => {
    expect(run({ storeAfterH: 24, sendAfterH: 80 }, LATER, looseSend)).toEqual([]);
    expect(gapsOf({ storeAfterH: 24.1, sendAfterH: 80 }, LATER, looseSend)).toEqual({ level: 'yellow', gaps: 'store_late' });
    expect(gapsOf({ storeAfterH: 72, sendAfterH: 80 }, LATER, looseSend)).toEqual({ level: 'yellow', gaps: 'store_late' });
    const [f] = run({ storeAfterH: 72.1, sendAfterH: 80 }, LATER, looseSend);
    expect(f.level).toBe('orange');
    expect(f.title).toBe('抽血后72.1小时才入库（应在24小时内）');
    expect(f.figures.storeHours).toBe(72.1);
  });

  it('a sample never stored: nothing before 24 h, yellow after, orange after 72 h', () => {
    // sent on time but never booked into the evidence room
    expect(run({ storeAfterH: null }, DRAW_T + 24 * HOUR)).toEqual([]);
    const [yellow] = run({ storeAfterH: null }, DRAW_T + 24 * HOUR + 1);
    expect(yellow.level).toBe('yellow');
    expect(yellow.title).toBe('抽血后超过24小时未入库');
    expect(yellow.figures).toMatchObject({ gaps: 'store_missing', storeMissing: true });
    expect(run({ storeAfterH: null }, DRAW_T + 72 * HOUR)[0].level).toBe('yellow');
    const [orange] = run({ storeAfterH: null }, DRAW_T + 72 * HOUR + 1);
    expect(orange.level).toBe('orange');
    expect(orange.title).toBe('抽血后超过72小时未入库');
  });

  it('hand-over deadline edges: 24 h in time, 24.1 h yellow, 72.1 h orange', () => {
    expect(run({ sendAfterH: 24 })).toEqual([]);
    expect(gapsOf({ sendAfterH: 24.1 })).toEqual({ level: 'yellow', gaps: 'send_late' });
    expect(gapsOf({ sendAfterH: 72 })).toEqual({ level: 'yellow', gaps: 'send_late' });
    expect(gapsOf({ sendAfterH: 72.1 })).toEqual({ level: 'orange', gaps: 'send_late' });
  });

  it('a sample never sent: yellow after 24 h, orange after 72 h', () => {
    expect(run({ sendAfterH: null }, DRAW_T + 24 * HOUR)).toEqual([]);
    expect(gapsOf({ sendAfterH: null }, DRAW_T + 24 * HOUR + 1)).toEqual({ level: 'yellow', gaps: 'send_missing' });
    expect(gapsOf({ sendAfterH: null }, DRAW_T + 72 * HOUR + 1)).toEqual({ level: 'orange', gaps: 'send_missing' });
    // never stored nor sent: both, in one finding
    expect(gapsOf({ storeAfterH: null, sendAfterH: null }, DRAW_T + 100 * HOUR)).toEqual({ level: 'orange', gaps: 'store_missing,send_missing' });
  });

  it('report deadline edges: 5 days in time, a little more is late; a missing report counts from now', () => {
    expect(run({ reportAfterH: 120 })).toEqual([]);
    const [late] = run({ reportAfterH: 121 });
    expect(late.title).toBe('送检后5日1小时才出具检验报告（应在5日内）');
    expect(late.figures).toEqual({ gaps: 'report_late', reportHours: 121 });
    expect(run({ reportAfterH: 144 })[0].title).toBe('送检后6日才出具检验报告（应在5日内）');
    expect(run({ reportAfterH: null }, SENT_T + 120 * HOUR)).toEqual([]);
    const [missing] = run({ reportAfterH: null }, SENT_T + 120 * HOUR + 1);
    expect(missing.level).toBe('yellow');
    expect(missing.title).toBe('送检后超过5日未出具检验报告');
  });

  it('a roadside step without a location is a gap; the room and the lab are not required to send one', () => {
    const [f] = run({ unlocated: ['alcohol.blood_drawn'] });
    expect(f.level).toBe('yellow');
    expect(f.title).toBe('抽血环节未上传位置信息');
    expect(f.figures).toEqual({ gaps: 'unlocated', unlocatedSteps: 'alcohol.blood_drawn' });
    for (const t of ['alcohol.case_opened', 'alcohol.breath_test', 'alcohol.scene_evidence']) expect(run({ unlocated: [t] })).toHaveLength(1);
    expect(run({ unlocated: ['alcohol.sample_sent', 'alcohol.sample_stored', 'alcohol.lab_report'] })).toEqual([]);
    const stricter = { ...rule.defaults, locatedSteps: `${rule.defaults.locatedSteps},alcohol.sample_sent` };
    expect(run({ unlocated: ['alcohol.sample_sent'] }, LATER, stricter)[0].title).toBe('送检环节未上传位置信息');
  });

  it('steps out of order are a gap', () => {
    const [f] = run({ drawAfterH: -0.5 });
    expect(f.title).toBe('环节顺序异常：抽血早于呼气检测');
    expect(f.figures).toEqual({ gaps: 'out_of_order', outOfOrder: '抽血早于呼气检测' });
    expect(run({ reportAfterH: -1 })[0].figures.outOfOrder).toBe('检验报告早于送检');
  });

  it('lists every gap in one finding at the worst level', () => {
    const input = buildCase({ drawAfterH: 3, storeAfterH: null, unlocated: ['alcohol.blood_drawn'] });
    const breathT = BREATH_T;
    const [f, ...rest] = rule.evaluate(input, rule.defaults, new Date(breathT + 80 * HOUR));
    expect(rest).toEqual([]);
    expect(f.level).toBe('orange');
    expect(f.figures).toMatchObject({ gaps: 'draw_late,store_missing,unlocated', drawHours: 3, storeMissing: true, unlocatedSteps: 'alcohol.blood_drawn' });
    expect(f.title).toBe('呼气检测后3小时才抽血（应在2小时内）；抽血后超过72小时未入库；抽血环节未上传位置信息');
  });

  it('reads its parameters', () => {
    const approved = { ...rule.defaults, sendWithinHours: 72 };
    expect(run({ sendAfterH: 48 }, LATER, approved)).toEqual([]);
    expect(Object.keys(rule.paramLabels).sort()).toEqual(Object.keys(rule.defaults).sort());
    expect(rule.trigger).toBe('time');
  });

  it('ignores arrival order and replays, whatever now is', () => {
    expect(checkOrderIndependence(rule)).toBeGreaterThan(50);
  });
});
