// ALC_CHAIN_GAP 证据链缺失: the custody chain of a case has a step missing, late, out of order or without
// its location. A late step is judged on its own time; a step that has not happened is judged on `now`,
// and only once its deadline has passed, so the rule is evaluated again as time goes by (trigger 'time').
// Findings about a missing step name its deadline rather than the time elapsed so far, so that evaluating
// again later gives the same finding until something changes (a step arrives, or 72 h pass).
import type { Figure, Rule } from '../rule.ts';
import {
  type AlcoholCaseInput,
  caseFinding,
  DAY_MS,
  foldCase,
  HOUR_MS,
  idsOf,
  listParam,
  round1,
  shanghaiIso,
  type Step,
} from './alcohol-case.ts';

export type ChainGapParams = {
  drawWithinHours: number;
  storeWithinHours: number;
  sendWithinHours: number;
  reportWithinDays: number;
  /** a sample still not stored, or not sent, this long after the draw (or stored/sent later than that) is orange */
  severeAfterHours: number;
  /** comma-separated event types that must carry a location */
  locatedSteps: string;
};

const CODE = 'ALC_CHAIN_GAP';

export const stepNames: Record<string, string> = {
  'alcohol.case_opened': '立案',
  'alcohol.breath_test': '呼气检测',
  'alcohol.scene_evidence': '现场取证',
  'alcohol.blood_drawn': '抽血',
  'alcohol.sample_stored': '血样入库',
  'alcohol.sample_retrieved': '血样出库',
  'alcohol.sample_sent': '送检',
  'alcohol.lab_report': '检验报告',
  'alcohol.case_closed': '结案',
};

interface Gap {
  code: string;
  text: string;
  severe: boolean;
  steps: (Step | null)[];
  figures: Record<string, Figure>;
}

/** 5日1小时: a delay in days is read wrongly when rounded to whole days right at the deadline */
function daysAndHours(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const hours = round1((ms - days * DAY_MS) / HOUR_MS);
  return `${days}日${hours > 0 ? `${hours}小时` : ''}`;
}

export const alcChainGap: Rule<AlcoholCaseInput, ChainGapParams> = {
  code: CODE,
  name: '证据链缺失',
  subjectKind: 'case',
  trigger: 'time',
  defaults: {
    drawWithinHours: 2,
    storeWithinHours: 24,
    sendWithinHours: 24,
    reportWithinDays: 5,
    severeAfterHours: 72,
    // the roadside steps, where a location proves the officer was there; the evidence room and the lab
    // are fixed places known from reference data
    locatedSteps: 'alcohol.case_opened,alcohol.breath_test,alcohol.scene_evidence,alcohol.blood_drawn',
  },
  paramLabels: {
    drawWithinHours: '呼气检测（或拒绝检测）后应在多少小时内抽血',
    storeWithinHours: '抽血后应在多少小时内入物证室',
    sendWithinHours: '抽血后应在多少小时内送检',
    reportWithinDays: '送检后应在多少日内出具检验报告',
    severeAfterHours: '抽血后超过多少小时仍未入库或未送检（或更晚才完成）为橙色',
    locatedSteps: '须上传位置信息的环节（事件类型，逗号分隔）',
  },
  evaluate(input, p, now) {
    const view = foldCase(input);
    const nowMs = now.getTime();
    const gaps: Gap[] = [];
    const order: { text: string; steps: Step[] }[] = [];

    // the chain starts at the first breath test, refused or not; a case with none (a driver taken to
    // hospital unconscious) starts at its opening
    const start: Step | null = view.breathTests[0] ?? view.opened;
    const startName = view.breathTests[0] ? (view.breathTests[0].refused ? '拒绝呼气检测' : '呼气检测') : '立案';
    const { draw, stored, sent, report } = view;

    // a step due `limit` hours after `from`: late if it happened after that, missing once the deadline passed
    const deadline = (
      key: string,
      from: Step,
      to: Step | null,
      limitHours: number,
      names: { from: string; to: string },
      severeHours: number | null,
      inDays = false,
    ): void => {
      const limitMs = limitHours * HOUR_MS;
      const limitText = inDays ? `${round1(limitHours / 24)}日` : `${limitHours}小时`;
      if (to !== null) {
        const delay = to.at - from.at;
        if (delay <= limitMs) return;
        gaps.push({
          code: `${key}_late`,
          text: `${names.from}后${inDays ? daysAndHours(delay) : `${round1(delay / HOUR_MS)}小时`}才${names.to}（应在${limitText}内）`,
          severe: severeHours !== null && delay > severeHours * HOUR_MS,
          steps: [from, to],
          figures: { [`${key}Hours`]: round1(delay / HOUR_MS) },
        });
        return;
      }
      if (nowMs - from.at <= limitMs) return;
      const severe = severeHours !== null && nowMs - from.at > severeHours * HOUR_MS;
      gaps.push({
        code: `${key}_missing`,
        text: `${names.from}后超过${severe ? `${severeHours}小时` : limitText}未${names.to}`,
        severe,
        steps: [from],
        figures: { [`${key}Missing`]: true, [`${key}DueAt`]: shanghaiIso(from.at + limitMs) },
      });
    };

    if (start !== null) {
      deadline('draw', start, draw, p.drawWithinHours, { from: startName, to: '抽血' }, null);
      if (draw !== null && draw.at < start.at) order.push({ text: `抽血早于${startName}`, steps: [start, draw] });
    }
    if (draw !== null) {
      deadline('store', draw, stored, p.storeWithinHours, { from: '抽血', to: '入库' }, p.severeAfterHours);
      deadline('send', draw, sent, p.sendWithinHours, { from: '抽血', to: '送检' }, p.severeAfterHours);
      if (stored !== null && stored.at < draw.at) order.push({ text: '入库早于抽血', steps: [draw, stored] });
      if (sent !== null && sent.at < draw.at) order.push({ text: '送检早于抽血', steps: [draw, sent] });
      if (sent !== null && stored !== null && sent.at < stored.at) order.push({ text: '送检早于入库', steps: [stored, sent] });
    }
    if (sent !== null) {
      deadline('report', sent, report, p.reportWithinDays * 24, { from: '送检', to: '出具检验报告' }, null, true);
      if (report !== null && report.at < sent.at) order.push({ text: '检验报告早于送检', steps: [sent, report] });
    }
    if (order.length > 0) {
      gaps.push({
        code: 'out_of_order',
        text: `环节顺序异常：${order.map((o) => o.text).join('、')}`,
        severe: false,
        steps: order.flatMap((o) => o.steps),
        figures: { outOfOrder: order.map((o) => o.text).join('、') },
      });
    }

    const required = new Set(listParam(p.locatedSteps));
    const unlocated = view.events.filter((e) => required.has(e.type) && e.location === null);
    if (unlocated.length > 0) {
      const types = [...new Set(unlocated.map((e) => e.type))];
      gaps.push({
        code: 'unlocated',
        text: `${types.map((t) => stepNames[t] ?? t).join('、')}环节未上传位置信息`,
        severe: false,
        steps: unlocated.map((e) => ({ eventId: e.id, type: e.type, at: e.at, unit: e.unit, actor: e.actor, located: false })),
        figures: { unlocatedSteps: types.join(',') },
      });
    }

    if (gaps.length === 0) return [];
    return [
      caseFinding(CODE, view, {
        level: gaps.some((g) => g.severe) ? 'orange' : 'yellow',
        title: gaps.map((g) => g.text).join('；'),
        figures: Object.assign({ gaps: gaps.map((g) => g.code).join(',') }, ...gaps.map((g) => g.figures)),
        eventIds: idsOf(...gaps.flatMap((g) => g.steps)),
      }),
    ];
  },
};
