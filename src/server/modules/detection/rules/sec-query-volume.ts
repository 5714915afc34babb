// SEC_QUERY_VOLUME 查询量异常: a user's queries in one local day exceed the highest of three bars: a fixed
// floor, a multiple of the user's own median day, and the 99.5th percentile of peers in the same role
// that day. Scheduled daily over the finished day, since the peer bar needs everyone's full day.
//
// Peers are the other users sharing a role (the user is not part of his own yardstick). A user with
// several roles is held to the highest of their peer bars: a person doing two jobs may be as busy as the
// busiest of either. Users without any role are one peer group of their own.
import type { Finding, Rule } from '../rule.ts';
import { median, percentile } from '../stats.ts';
import { personZh, round } from './common.ts';
import type { QueryDayInput, QueryUserDay } from './inputs.ts';

export type SecQueryVolumeParams = {
  floor: number;
  medianFactor: number;
  peerPercentile: number;
};

const NO_ROLE = '';

export const secQueryVolume: Rule<QueryDayInput, SecQueryVolumeParams> = {
  code: 'SEC_QUERY_VOLUME',
  name: '查询量异常',
  subjectKind: 'staff',
  trigger: 'scheduled',
  schedule: 'daily',
  defaults: { floor: 200, medianFactor: 5, peerPercentile: 99.5 },
  paramLabels: {
    floor: '单日查询量下限（次）',
    medianFactor: '本人30日中位数的倍数',
    peerPercentile: '同岗位人员百分位',
  },
  evaluate(input, params) {
    const roleKeys = (u: QueryUserDay) => (u.roles.length > 0 ? [...new Set(u.roles)].sort() : [NO_ROLE]);
    const byRole = new Map<string, QueryUserDay[]>();
    for (const u of input.users) {
      for (const r of roleKeys(u)) {
        let list = byRole.get(r);
        if (!list) byRole.set(r, (list = []));
        list.push(u);
      }
    }

    const out: Finding[] = [];
    for (const u of [...input.users].sort((a, b) => (a.userNo < b.userNo ? -1 : a.userNo > b.userNo ? 1 : 0))) {
      const own = u.history.length > 0 ? median(u.history) : NaN;
      const ownBar = Number.isFinite(own) ? params.medianFactor * own : -Infinity;
      // the peer bar is the costly one: only worth computing for a day already past the other two
      if (!(u.count > params.floor && u.count > ownBar)) continue;
      let peerBar = -Infinity;
      let peerRole: string | null = null;
      let peers = 0;
      for (const r of roleKeys(u)) {
        const others = byRole.get(r)!.filter((o) => o !== u).map((o) => o.count);
        const bar = percentile(others, params.peerPercentile);
        if (Number.isFinite(bar) && bar > peerBar) {
          peerBar = bar;
          peerRole = r;
          peers = others.length;
        }
      }
      const threshold = Math.max(params.floor, ownBar, peerBar);
      if (!(u.count > threshold)) continue;
      const bars = [
        `下限${params.floor}`,
        Number.isFinite(own) ? `本人30日中位数${round(own, 1)}的${params.medianFactor}倍` : null,
        peerRole !== null ? `同岗位（${peerRole || '无角色'}）${peers}人的${params.peerPercentile}分位数${round(peerBar, 1)}` : null,
      ].filter((s): s is string => s !== null);
      out.push({
        rule: 'SEC_QUERY_VOLUME',
        subject: { kind: 'staff', id: u.userNo },
        level: 'orange',
        unit: u.unit,
        title: `${personZh(u.userNo, u.name === null ? null : { name: u.name })}${input.day}查询${u.count}次，超过阈值${round(threshold, 1)}（${bars.join('、')}中的最高者）`,
        figures: {
          day: input.day,
          queries: u.count,
          threshold: round(threshold, 2),
          floor: params.floor,
          ownMedian: Number.isFinite(own) ? round(own, 2) : null,
          ownBar: Number.isFinite(ownBar) ? round(ownBar, 2) : null,
          peerBar: Number.isFinite(peerBar) ? round(peerBar, 2) : null,
          peerRole,
          peers,
          historyDays: u.history.length,
        },
        eventIds: [...u.eventIds].sort(),
      });
    }
    return out;
  },
};
