// The planted anomalies: a few cases of every kind the rules in rules.md look for, each a small story set
// on a day chosen so that all of it (and any deadline it breaks) falls inside the window. A story that
// cannot fit — a short window — is left out rather than half told, and only told stories are listed.
import { openCase, roomSlot, roomVisit } from './demo-alcohol.ts';
import { HOUR, MINUTE, distanceKm, pad, query } from './demo-common.ts';
import { type Ctx, type PlantedAnomaly, type RuleCode, type SubjectKind, nextNo, record } from './demo-core.ts';
import { makeIdNo } from './demo-identity.ts';
import { BIASED_LAB, CONDUCT_ITEMS, VIOLATION_CODES } from './demo-names.ts';
import {
  driverBusiness, exam, examDayFactor, examTime, inspection, newPlate, vehicleBusiness,
} from './demo-offices.ts';
import { Rng } from './demo-rng.ts';
import { at, compactDate, localDay, weekday } from './demo-time.ts';
import { pass, processViolation, recordViolation } from './demo-traffic.ts';
import { PLATE_COLORS, ROOT_CODE, type WCity, type WCounty, type WPerson, type World } from './demo-world.ts';

interface Story {
  day: number;
  run: (ctx: Ctx) => void;
}

export interface Plan {
  stories: Story[];
  /** statistical stories: a little every day */
  daily: Array<(ctx: Ctx) => void>;
  /** conditions that can only be judged once the whole window exists */
  finish: Array<(ctx: Ctx) => void>;
  reservedDevices: Set<string>;
  reservedPeople: Set<string>;
}

const codeIdx = (code: string): number => VIOLATION_CODES.findIndex((v) => v.code === code);

export function planAnomalies(world: World, seed: number, firstDay: number, days: number): Plan {
  const prng = new Rng(seed, 'plants');
  const plan: Plan = { stories: [], daily: [], finish: [], reservedDevices: new Set(), reservedPeople: new Set() };
  const { cities, counties, pools } = world;
  const city = (code4: string): WCity => cities.find((c) => c.code4 === code4)!;
  const county = (code6: string): WCounty => counties.find((c) => c.code6 === code6)!;
  const hhht = city('1501');
  const baotou = city('1502');
  const wuhai = city('1503');
  const chifeng = city('1504');
  const tongliao = city('1505');
  const ordos = city('1506');

  /**
   * A complete local day for a story starting there and needing `tail` more days. Full days of the window
   * are firstDay+1 … firstDay+days−1 (the first and last calendar days are cut by the window's edges).
   */
  const storyDay = (lead: number, tail: number): number | null => {
    const lo = Math.max(1, lead);
    const hi = days - 1 - tail;
    if (hi < lo) return null;
    return firstDay + prng.int(lo, hi);
  };
  const story = (lead: number, tail: number, run: (ctx: Ctx, day: number) => void): void => {
    const day = storyDay(lead, tail);
    if (day !== null) plan.stories.push({ day, run: (ctx) => run(ctx, day) });
  };
  const mark = (
    ctx: Ctx, rule: RuleCode, kind: SubjectKind, id: string, unit: string, t: number, note: string,
    origin: PlantedAnomaly['origin'] = 'planted',
  ): void => record(ctx, { rule, subject: { kind, id }, unit, at: t, origin, note });

  // vehicles and citizens kept out of normal traffic, so each story owns its subjects outright
  let nextReserved = pools.normalVehicles;
  const reservedVehicle = (): number => {
    // two reserved vehicles can share an owner; stories that count persons need distinct ones
    const v = nextReserved++;
    if (pools.owner[v] !== v) return reservedVehicle();
    return v;
  };
  const fresh = (area: string): string => makeIdNo(prng, area, world.endYear - 55, world.endYear - 22);

  const roomCounties = (hours: string): WCounty[] => counties.filter((c) => c.room.openHours === hours);
  const lateRoom = roomCounties('07:30-22:00');
  const dayRoom = roomCounties('08:00-18:00');
  // the seeds' swapped-sample story needs a room that is open in the evening; make sure one exists
  if (lateRoom.length === 0) {
    const r = counties[4].room;
    r.openHours = '07:30-22:00';
    r.openMin = 450;
    r.closeMin = 1320;
    lateRoom.push(counties[4]);
  }

  // ── Alcohol cases ────────────────────────────────────────────────────────────────────────────────────
  {
    // 辅警夜入物证室调换血样: breath 196, blood 62, and an auxiliary in the room at night in between
    const cty = prng.pick(lateRoom);
    const aux = cty.aux[0];
    story(2, 4, (ctx, day) => {
      const r = openCase(ctx, {
        county: cty, unitCode: cty.code, t0: at(day, 17, 50), breath: 196, blood: 62, drawDelayMin: 84,
        storeAt: at(day, 20, 20), retrieveAt: at(day + 1, 8, 5), origin: 'planted', note: '疑似调换血样',
      });
      const tIn = at(day, 23, 42);
      ctx.sink.emit(tIn, 'alcohol.room_access', r.room.unitCode, aux.no, undefined, { roomId: r.room.roomId, action: 'enter' });
      ctx.sink.emit(at(day, 23, 51), 'alcohol.room_access', r.room.unitCode, aux.no, undefined, { roomId: r.room.roomId, action: 'exit' });
      mark(ctx, 'ALC_ROOM_ACCESS', 'staff', aux.no, r.room.unitCode, tIn, `辅警${aux.name}于23:42（开放时间${r.room.openHours}以外）进入物证室，非保管员；同晚存有案件${r.caseNo}血样`);
    });
  }
  const somewhere = (): WCounty => counties[prng.weighted(world.countyCum)];
  const caseStory = (lead: number, tail: number, hh: number, mm: number, opts: Omit<Parameters<typeof openCase>[1], 'county' | 't0'>, cty = somewhere()) =>
    story(lead, tail, (ctx, day) => void openCase(ctx, { county: cty, t0: at(day, hh, mm), origin: 'planted', ...opts }));

  caseStory(1, 5, 22, 10, { breath: 65, blood: 12, drawDelayMin: 45, note: '呼气65，血检12' });
  caseStory(1, 5, 1, 30, { breath: 42, blood: 96, drawDelayMin: 40, note: '血检值远高于呼气值' });
  for (const [blood, hh] of [[78.6, 23], [86.1, 21], [20.9, 20], [19.2, 0]] as const) {
    // breath back-solved from the target so that only the threshold rule speaks
    caseStory(1, 5, hh, 15, { breath: Math.round(blood + 12), blood, drawDelayMin: 50 });
  }
  caseStory(1, 5, 2, 40, { refused: true });
  caseStory(1, 5, 23, 5, { refused: true, tags: ['suspected_business_owner'] });
  caseStory(1, 5, 22, 45, { tags: ['suspected_official'], breath: 91, blood: 79.1, drawDelayMin: 50, note: '疑似公职人员，血检值略低于80' });
  caseStory(1, 5, 21, 30, { manual: true, breath: 134 });
  caseStory(1, 5, 20, 5, { drawDelayMin: 160, note: '超时抽血' });
  caseStory(1, 4, 0, 50, { neverStored: true, note: '血样去向不明' });
  caseStory(1, 4, 23, 20, { sendDelayH: 50, note: '超时送检' });
  caseStory(1, 7, 22, 0, { noReport: true, note: '送检后无鉴定结果' });
  caseStory(1, 5, 19, 40, { drawWithoutLocation: true });
  caseStory(1, 5, 22, 30, { lab: world.labById.get('LAB-NM-08')!, note: '送检黑名单机构' }, county('150203'));
  caseStory(1, 5, 21, 50, { lab: world.labById.get('LAB-NM-07')!, note: '送检暂停委托机构' }, county('150502'));

  {
    // a custodian alone in the room at two in the morning
    const cty = prng.pick(dayRoom);
    const who = cty.custodians[1];
    story(1, 1, (ctx, day) => {
      const t = at(day, 2, 10);
      ctx.sink.emit(t, 'alcohol.room_access', cty.room.unitCode, who.no, undefined, { roomId: cty.room.roomId, action: 'enter' });
      ctx.sink.emit(at(day, 2, 18), 'alcohol.room_access', cty.room.unitCode, who.no, undefined, { roomId: cty.room.roomId, action: 'exit' });
      mark(ctx, 'ALC_ROOM_ACCESS', 'staff', who.no, cty.room.unitCode, t, `保管员${who.name}于02:10（开放时间${cty.room.openHours}以外）进入物证室`);
    });
  }
  {
    // an officer who is not a custodian walks in during opening hours
    const cty = somewhere();
    const who = cty.police[2];
    story(1, 1, (ctx, day) => {
      const t = at(day, 10, 30);
      roomVisit(ctx, cty.room, who, t, 600);
      mark(ctx, 'ALC_ROOM_ACCESS', 'staff', who.no, cty.room.unitCode, t - 4 * MINUTE, `民警${who.name}非物证室保管员，进入物证室`);
    });
  }
  {
    // a sample taken out "for recheck" after the report, and never sent anywhere
    const cty = somewhere();
    story(1, 9, (ctx, day) => {
      const r = openCase(ctx, { county: cty, t0: at(day, 21, 10), origin: 'planted' });
      if (r.reportT === undefined) return;
      const who = cty.room.custodians[0];
      const t = roomSlot(ctx.rng, cty.room, r.reportT + 26 * HOUR, 0, 30);
      roomVisit(ctx, cty.room, who, t);
      const kept = ctx.sink.emit(t, 'alcohol.sample_retrieved', cty.room.unitCode, who.no, { lat: cty.room.lat, lng: cty.room.lng }, {
        sampleNo: r.sampleNo, roomId: cty.room.roomId, purpose: 'recheck',
      });
      if (kept && t + 24 * HOUR <= ctx.sink.endMs) {
        mark(ctx, 'ALC_ROOM_ACCESS', 'staff', who.no, cty.room.unitCode, t, `保管员${who.name}以复检为由取出血样${r.sampleNo}，24小时内未送检`);
      }
    });
  }
  plan.finish.push((ctx) => {
    // the rule is monthly over ≥ 30 cases; ask for twice that in one calendar month so the test has power
    const n = Math.max(0, ...ctx.state.labReports.values());
    if (n >= 60) {
      mark(ctx, 'ALC_LAB_BIAS', 'lab', BIASED_LAB, ROOT_CODE, ctx.sink.endMs, `${world.labById.get(BIASED_LAB)!.name}：${n}份报告（单月最多）的血/呼比值系统性偏低约10%`);
    }
  });

  // ── Devices ──────────────────────────────────────────────────────────────────────────────────────────
  {
    const roomCam = county('150102').room.camera;
    const ckCam = prng.pick(county('150402').checkpoints).camera;
    const siteCam = ordos.examSites[0].devices.find((d) => d.kind === 'camera')!;
    const breathalyzer = county('150203').breathalyzers[1];
    for (const d of [roomCam, ckCam, siteCam, breathalyzer]) plan.reservedDevices.add(d.deviceId);
    const outage = (dev: typeof roomCam, status: 'offline' | 'abnormal_image', from: [number, number], to: [number, number] | null, note: string) =>
      story(1, 1, (ctx, day) => {
        const t = at(day, from[0], from[1]);
        ctx.sink.emit(t, 'device.status', dev.unitCode, undefined, undefined, { deviceId: dev.deviceId, status });
        if (to) ctx.sink.emit(at(day, to[0], to[1]), 'device.status', dev.unitCode, undefined, undefined, { deviceId: dev.deviceId, status: 'online' });
        mark(ctx, 'DEV_OFFLINE', 'device', dev.deviceId, dev.unitCode, t, note);
      });
    outage(roomCam, 'offline', [1, 20], [4, 5], '物证室监控离线2小时45分');
    outage(ckCam, 'offline', [14, 0], [14, 42], '卡口摄像机离线42分钟');
    outage(siteCam, 'abnormal_image', [9, 10], [9, 36], '考场摄像机画面异常26分钟');
    outage(breathalyzer, 'offline', [16, 0], null, '酒精测试仪离线后未恢复');
  }

  // ── Licensing business and violations ────────────────────────────────────────────────────────────────
  const clerkOf = (c: WCity, i = 0): WPerson => c.clerkPolice[i % c.clerkPolice.length];
  const morning = (ctx: Ctx, day: number): number => at(day, 9, 0) + ctx.rng.int(0, 150) * MINUTE;

  {
    // 买分卖分: one licence takes the points of four strangers' cars
    const broker = fresh(baotou.counties[1].code6);
    const cars = [reservedVehicle(), reservedVehicle(), reservedVehicle(), reservedVehicle()];
    const codes = ['1352', '1240', '1303', '1357'];
    story(1, 6, (ctx, day) => {
      const clerk = clerkOf(baotou, 2);
      let last = 0;
      cars.forEach((v, i) => {
        const { violationNo } = recordViolation(ctx, { vehicle: v, codeIdx: codeIdx(codes[i]), t: at(day + i, 8 + 2 * i, 17) });
        last = at(day + 5, 10, 5 + 12 * i);
        processViolation(ctx, { t: last, violationNo, vehicle: v, licenseIdNo: broker, pointsApplied: VIOLATION_CODES[codeIdx(codes[i])].points, clerk });
      });
      mark(ctx, 'BIZ_ONE_LICENSE_MANY_VEHICLES', 'citizen', broker, clerk.unitCode, last, '同一驾驶证为4辆他人车辆处理违法、记分10分');
    });
  }
  {
    // a broker at the window with four different licence holders in one morning
    const agent = fresh(hhht.counties[0].code6);
    const cars = [reservedVehicle(), reservedVehicle(), reservedVehicle(), reservedVehicle()];
    story(1, 3, (ctx, day) => {
      const clerk = clerkOf(hhht, 1);
      let last = 0;
      cars.forEach((v, i) => {
        const { violationNo } = recordViolation(ctx, { vehicle: v, codeIdx: codeIdx('1625'), t: at(day, 7 + i, 40) });
        last = at(day + 2, 9, 20 + 25 * i);
        processViolation(ctx, {
          t: last, violationNo, vehicle: v, licenseIdNo: pools.citizenIdNo[pools.owner[v]], pointsApplied: 6, clerk, agentIdNo: agent,
        });
      });
      mark(ctx, 'BIZ_AGENT_MANY_PERSONS', 'citizen', agent, clerk.unitCode, last, '同一代办人一日内为4名驾驶人处理违法');
    });
  }
  {
    // seven renewals in one day through the same agent: twice the daily threshold
    const agent = fresh(chifeng.counties[0].code6);
    const cty = chifeng.counties[0];
    story(1, 1, (ctx, day) => {
      let last = 0;
      for (let i = 0; i < 7; i++) {
        last = at(day, 9, 5) + i * 37 * MINUTE;
        const c = ctx.rng.int(pools.plate.length, pools.citizenIdNo.length - 1);
        driverBusiness(ctx, { t: last, clerk: i % 2 ? cty.clerkPolice : cty.clerkAux, bizType: 'renewal', idNo: pools.citizenIdNo[c], agentIdNo: agent });
      }
      mark(ctx, 'BIZ_AGENT_MANY_PERSONS', 'citizen', agent, cty.code, last, '同一代办人一日内代办7人驾驶证业务');
    });
  }
  {
    // the slow broker: one person every few days, seven in three weeks
    const agent = fresh(ordos.counties[0].code6);
    const cars = Array.from({ length: 7 }, () => reservedVehicle());
    story(1, 19, (ctx, day) => {
      cars.forEach((v, i) => {
        const t = at(day + 3 * i, 10, 15);
        vehicleBusiness(ctx, {
          t, clerk: clerkOf(ordos, i), bizType: 'other', plate: pools.plate[v], vin: pools.vin[v],
          ownerIdNo: pools.citizenIdNo[pools.owner[v]], agentIdNo: agent,
        });
        if (i === 5) mark(ctx, 'BIZ_AGENT_MANY_PERSONS', 'citizen', agent, ordos.code, t, '同一代办人30日内代办6人以上车辆业务');
      });
    });
  }
  for (const [code, applied] of [['1625', 0], ['1352', 1], ['1636', 3]] as const) {
    const v = reservedVehicle();
    const c = prng.pick(cities);
    story(1, 2, (ctx, day) => {
      const { violationNo } = recordViolation(ctx, { vehicle: v, codeIdx: codeIdx(code), t: at(day, 8, 30) + ctx.rng.int(0, 600) * MINUTE });
      const clerk = clerkOf(c, 3);
      const t = morning(ctx, day + 1);
      processViolation(ctx, { t, violationNo, vehicle: v, licenseIdNo: pools.citizenIdNo[pools.owner[v]], pointsApplied: applied, clerk });
      const points = VIOLATION_CODES[codeIdx(code)].points;
      mark(ctx, 'BIZ_POINTS_NOT_APPLIED', 'violation', violationNo, clerk.unitCode, t, `违法代码${code}应记${points}分，实记${applied}分`);
    });
  }
  {
    // the newer of two 6-point violations processed first: together they would reach 12
    const v = reservedVehicle();
    story(1, 3, (ctx, day) => {
      recordViolation(ctx, { vehicle: v, codeIdx: codeIdx('1625'), t: at(day, 8, 40) });
      const b = recordViolation(ctx, { vehicle: v, codeIdx: codeIdx('1636'), t: at(day + 1, 19, 20) });
      const clerk = clerkOf(tongliao, 1);
      const t = at(day + 3, 10, 15);
      processViolation(ctx, { t, violationNo: b.violationNo, vehicle: v, licenseIdNo: pools.citizenIdNo[pools.owner[v]], pointsApplied: 6, clerk });
      mark(ctx, 'BIZ_OUT_OF_ORDER', 'violation', b.violationNo, clerk.unitCode, t, '先处理新违法（6分），较早的6分违法未处理，合计将满12分');
    });
  }
  {
    const v = reservedVehicle();
    story(1, 6, (ctx, day) => {
      const owner = pools.citizenIdNo[pools.owner[v]];
      vehicleBusiness(ctx, { t: morning(ctx, day), clerk: clerkOf(chifeng, 1), bizType: 'plate_reissue', plate: pools.plate[v], vin: pools.vin[v], ownerIdNo: owner });
      const t = morning(ctx, day + 6);
      vehicleBusiness(ctx, { t, clerk: chifeng.clerkAux[0], bizType: 'certificate_reissue', plate: pools.plate[v], vin: pools.vin[v], ownerIdNo: owner });
      mark(ctx, 'BIZ_ONE_VEHICLE_MANY_CERTS', 'vin', pools.vin[v], chifeng.code, t, '同一车辆一年内补领号牌、行驶证2次');
    });
  }
  {
    const v = reservedVehicle();
    story(1, 2, (ctx, day) => {
      const owner = pools.citizenIdNo[pools.owner[v]];
      vehicleBusiness(ctx, { t: morning(ctx, day), clerk: clerkOf(baotou, 0), bizType: 'transfer', plate: pools.plate[v], vin: pools.vin[v], ownerIdNo: owner });
      const t = morning(ctx, day + 2);
      const plate = newPlate(ctx, baotou.plate);
      vehicleBusiness(ctx, { t, clerk: clerkOf(baotou, 1), bizType: 'register', plate, vin: pools.vin[v], ownerIdNo: owner });
      mark(ctx, 'BIZ_ONE_VEHICLE_MANY_CERTS', 'vin', pools.vin[v], baotou.code, t, `同一车架号同时登记${pools.plate[v]}、${plate}两副号牌`);
    });
  }
  {
    const cty = county('150203');
    const v = reservedVehicle();
    story(1, 1, (ctx, day) => {
      const t = at(day, 21, 35);
      vehicleBusiness(ctx, { t, clerk: cty.clerkPolice, bizType: 'other', plate: pools.plate[v], vin: pools.vin[v], ownerIdNo: pools.citizenIdNo[pools.owner[v]] });
      mark(ctx, 'BIZ_OFF_HOURS', 'staff', cty.clerkPolice.no, cty.code, t, '21:35办理机动车业务');
    });
    const clerk = tongliao.clerkPolice[2];
    story(1, 1, (ctx, day) => {
      const t = at(day, 6, 20);
      driverBusiness(ctx, { t, clerk, bizType: 'renewal', idNo: pools.citizenIdNo[ctx.rng.int(0, pools.normalVehicles - 1)] });
      mark(ctx, 'BIZ_OFF_HOURS', 'staff', clerk.no, clerk.unitCode, t, '06:20办理驾驶证业务');
    });
  }
  {
    const aux = hhht.clerkAux[0];
    const v1 = reservedVehicle();
    story(1, 1, (ctx, day) => {
      const v = v1;
      const t = at(day, 10, 20);
      vehicleBusiness(ctx, { t, clerk: aux, bizType: 'archive_correction', plate: pools.plate[v], vin: pools.vin[v], ownerIdNo: pools.citizenIdNo[pools.owner[v]] });
      mark(ctx, 'BIZ_AUXILIARY_ACTING', 'staff', aux.no, aux.unitCode, t, '辅警办理档案更正');
    });
    const contractor = ordos.contractors[0];
    const v2 = reservedVehicle();
    story(1, 1, (ctx, day) => {
      const v = v2;
      const t = at(day, 15, 10);
      vehicleBusiness(ctx, { t, clerk: contractor, bizType: 'deregister', plate: pools.plate[v], vin: pools.vin[v], ownerIdNo: pools.citizenIdNo[pools.owner[v]] });
      mark(ctx, 'BIZ_AUXILIARY_ACTING', 'staff', contractor.no, contractor.unitCode, t, '技术人员办理注销登记');
    });
    const aux2 = county('150402').clerkAux;
    const v3 = reservedVehicle();
    story(1, 2, (ctx, day) => {
      const v = v3;
      const { violationNo } = recordViolation(ctx, { vehicle: v, codeIdx: codeIdx('1208'), t: at(day, 12, 5) });
      const t = at(day + 1, 14, 40);
      processViolation(ctx, { t, violationNo, vehicle: v, licenseIdNo: pools.citizenIdNo[pools.owner[v]], pointsApplied: 1, clerk: aux2 });
      mark(ctx, 'BIZ_AUXILIARY_ACTING', 'staff', aux2.no, aux2.unitCode, t, '辅警处理交通违法');
    });
  }
  {
    // fourteen archive corrections in three days by one clerk, inside one Monday–Sunday week
    const clerk = ordos.clerkPolice[1];
    let monday = -1;
    for (let d = firstDay + 1; d + 4 <= firstDay + days - 1; d++) {
      if (weekday(d) === 0) {
        monday = d;
        break;
      }
    }
    if (monday >= 0) {
      plan.stories.push({
        day: monday + 1,
        run: (ctx) => {
          let last = 0;
          for (let i = 0; i < 14; i++) {
            const day = monday + 1 + Math.floor(i / 5);
            last = at(day, 9, 0) + (i % 5) * 70 * MINUTE + ctx.rng.int(0, 30) * MINUTE;
            const v = ordos.vehicles[ctx.rng.int(0, ordos.vehicles.length - 1)];
            vehicleBusiness(ctx, { t: last, clerk, bizType: 'archive_correction', plate: pools.plate[v], vin: pools.vin[v], ownerIdNo: pools.citizenIdNo[pools.owner[v]] });
          }
          mark(ctx, 'BIZ_CORRECTION_SPIKE', 'staff', clerk.no, clerk.unitCode, last, '一周内档案更正14笔');
        },
      });
    }
  }

  // ── Exams, inspections, audio/video ──────────────────────────────────────────────────────────────────
  {
    // one examiner passes nearly everyone in subject 2, and one school's candidates keep landing with him
    const site = hhht.examSites[0];
    const examiner = site.examiners[0];
    const school = hhht.schools[0];
    const perDay = new Map<number, number>();
    plan.daily.push((ctx) => {
      const n = Math.round(12 * examDayFactor(ctx.day));
      for (let i = 0; i < n; i++) {
        const t = examTime(ctx);
        if (Number.isNaN(t)) continue;
        exam(ctx, {
          t, site, examiner, school: ctx.rng.chance(0.85) ? school : ctx.rng.pick(hhht.schools), subject: 2,
          passed: ctx.rng.chance(0.97),
        });
        perDay.set(ctx.day, (perDay.get(ctx.day) ?? 0) + 1);
      }
    });
    plan.finish.push((ctx) => {
      let best = 0;
      for (const d of perDay.keys()) {
        let sum = 0;
        for (let k = 0; k < 7; k++) sum += perDay.get(d + k) ?? 0;
        best = Math.max(best, sum);
      }
      if (best >= 60) {
        const t = ctx.sink.endMs;
        mark(ctx, 'EXAM_PASS_RATE_OUTLIER', 'staff', examiner.no, hhht.code, t, `考试员${examiner.name}科目二合格率约97%（全区约62%），一周${best}场`);
        mark(ctx, 'EXAM_PASS_RATE_OUTLIER', 'exam_site', site.siteId, hhht.code, t, `${site.name}科目二合格率显著偏高（因考试员${examiner.name}）`);
        mark(ctx, 'EXAM_ASSIGNMENT_SKEW', 'staff', examiner.no, hhht.code, t, `${school}的科目二考试约85%由考试员${examiner.name}考核`);
      }
    });
  }
  {
    // a small city's station that passes every heavy truck, most of them from elsewhere
    const station = wuhai.stations[0];
    const trucks = cities.filter((c) => c !== wuhai).flatMap((c) => Array.from(c.heavyVehicles).filter((v) => pools.vclass[v] === 1));
    const localTrucks = Array.from(wuhai.heavyVehicles).filter((v) => pools.vclass[v] === 1);
    const perMonth = new Map<string, number>();
    plan.daily.push((ctx) => {
      for (let i = 0; i < 12; i++) {
        const t = examTime(ctx) + HOUR;
        if (Number.isNaN(t) || t > ctx.hi) continue;
        const list = ctx.rng.chance(0.9) || localTrucks.length === 0 ? trucks : localTrucks;
        inspection(ctx, { t, station, vehicle: list[ctx.rng.int(0, list.length - 1)], firstPassed: ctx.rng.chance(0.99) });
        const month = compactDate(localDay(t)).slice(0, 6);
        perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
      }
    });
    plan.finish.push((ctx) => {
      const best = Math.max(0, ...perMonth.values());
      if (best >= 100) {
        mark(ctx, 'INSP_PASS_RATE_OUTLIER', 'station', station.stationId, wuhai.code, ctx.sink.endMs, `${station.name}重型货车一次检验合格率约99%，月检${best}辆`);
        mark(ctx, 'INSP_NONLOCAL_SHARE', 'station', station.stationId, wuhai.code, ctx.sink.endMs, `${station.name}检验的车辆约八成为外地车辆`);
      }
    });
  }
  {
    const site = baotou.examSites[0];
    story(1, 2, (ctx, day) => {
      const r = exam(ctx, { t: at(day, 10, 40), site, examiner: site.examiners[2], school: baotou.schools[1], subject: 3, passed: true });
      if (!r.recordId) return;
      const t = at(day + 2, 16, 5);
      ctx.sink.emit(t, 'av.deleted', baotou.code, undefined, undefined, { recordId: r.recordId });
      mark(ctx, 'AV_EARLY_DELETE', 'record', r.recordId, baotou.code, t, `科目三考试视频（${r.examNo}）录制2天后被删除，保存期3年`);
    });
    const station = chifeng.stations[1];
    story(1, 1, (ctx, day) => {
      const r = inspection(ctx, { t: at(day, 9, 50), station, vehicle: chifeng.heavyVehicles[0], firstPassed: true });
      const t = at(day + 1, 8, 45);
      ctx.sink.emit(t, 'av.deleted', chifeng.code, undefined, undefined, { recordId: r.recordId });
      mark(ctx, 'AV_EARLY_DELETE', 'record', r.recordId, chifeng.code, t, `检验视频（${r.inspectionNo}）录制次日被删除`);
    });
    const cty = county('150105');
    story(1, 9, (ctx, day) => {
      const ymd = compactDate(day);
      const recordId = `AV${ymd}${pad(nextNo(ctx.state, 'AV'), 6)}`;
      ctx.sink.emit(at(day, 23, 10), 'av.recorded', cty.code, undefined, undefined, {
        recordId, kind: 'bodycam', siteId: cty.code, durationSec: 1260, subjectRef: `JC${cty.code6}${ymd}0999`,
        storageRef: `nvr://${cty.code}/${ymd}/${recordId}.mp4`,
      });
      const t = at(day + 9, 11, 30);
      ctx.sink.emit(t, 'av.deleted', cty.code, undefined, undefined, { recordId });
      mark(ctx, 'AV_EARLY_DELETE', 'record', recordId, cty.code, t, '执法记录仪视频录制9天后被删除，保存期3个月');
    });
  }

  // ── Information security ─────────────────────────────────────────────────────────────────────────────
  {
    const heavy = clerkOf(baotou, 1);
    const dayOf = storyDay(Math.min(8, days - 2), 1) ?? storyDay(1, 1);
    if (dayOf !== null) {
      plan.stories.push({
        day: dayOf,
        run: (ctx) => {
          const u6 = heavy.unitCode.slice(0, 6);
          const t0 = at(dayOf, 8, 40);
          const n = 640;
          for (let i = 0; i < n; i++) {
            const t = t0 + Math.floor((i * 8.6 * HOUR) / n) + ctx.rng.int(0, 20) * 1000;
            const v = ctx.rng.int(0, pools.normalVehicles - 1);
            const linked = `CX${u6}${compactDate(dayOf)}${pad(i + 1, 4)}`;
            if (i % 3 === 0) query(ctx, t, heavy, 'person', pools.citizenIdNo[pools.owner[v]], linked);
            else query(ctx, t, heavy, 'vehicle', pools.plate[v], linked);
          }
          mark(ctx, 'SEC_QUERY_VOLUME', 'staff', heavy.no, heavy.unitCode, t0 + 8 * HOUR, `${heavy.name}单日查询${n}次，远超本人日常水平`);
        },
      });
    }
  }
  {
    const officer = county('150402').police[3];
    story(1, 2, (ctx, day) => {
      const n = 26;
      for (let i = 0; i < n; i++) {
        const t = at(day, 22, 35) + Math.floor((i * 215 * MINUTE) / n);
        const v = ctx.rng.int(0, pools.normalVehicles - 1);
        query(ctx, t, officer, i % 2 ? 'person' : 'vehicle', i % 2 ? pools.citizenIdNo[pools.owner[v]] : pools.plate[v], `JC150402${compactDate(day)}${pad(900 + i, 4)}`);
      }
      mark(ctx, 'SEC_QUERY_OFF_HOURS', 'staff', officer.no, officer.unitCode, at(day, 22, 35), `${officer.name}夜间22:35至次日02:10查询${n}次`);
    });
  }
  {
    const clerk = tongliao.clerkPolice[0];
    story(1, 1, (ctx, day) => {
      const n = 38;
      for (let i = 0; i < n; i++) {
        const t = at(day, 9, 0) + Math.floor((i * 7.5 * HOUR) / n);
        const c = ctx.rng.int(0, pools.citizenIdNo.length - 1);
        query(ctx, t, clerk, 'person', pools.citizenIdNo[c], undefined);
      }
      mark(ctx, 'SEC_QUERY_NO_BUSINESS', 'staff', clerk.no, clerk.unitCode, at(day, 16, 30), `${clerk.name}单日无业务关联查询${n}次`);
    });
  }
  {
    const nosy = county('150102').aux[1];
    const clerk = clerkOf(ordos, 2);
    const [vip1, vip2, vipPlate] = world.sensitive;
    story(1, 1, (ctx, day) => {
      const t = at(day, 15, 22);
      query(ctx, t, nosy, 'person', vip1.subject, undefined);
      mark(ctx, 'SEC_SENSITIVE_SUBJECT', 'staff', nosy.no, nosy.unitCode, t, '查询敏感对象（身份证号）');
    });
    story(1, 1, (ctx, day) => {
      const t = at(day, 10, 5);
      query(ctx, t, clerk, 'vehicle', vipPlate.subject, `CL${clerk.unitCode.slice(0, 6)}${compactDate(day)}0988`);
      query(ctx, t + 2 * MINUTE, clerk, 'person', vip2.subject, undefined);
      mark(ctx, 'SEC_SENSITIVE_SUBJECT', 'staff', clerk.no, clerk.unitCode, t, '查询敏感对象（号牌、身份证号）');
    });
  }
  {
    const aux = county('150102').aux[2];
    const unsigned = county('150402').police[5];
    unsigned.signed = false;
    plan.reservedPeople.add(unsigned.no);
    const contractor = world.province.contractor;
    const grant = (granter: WPerson, grantee: WPerson, role: string, unit: string, note: string) =>
      story(1, 1, (ctx, day) => {
        const t = morning(ctx, day);
        ctx.sink.emit(t, 'system.grant', unit, granter.no, undefined, { userNo: grantee.no, role, granted: true });
        mark(ctx, 'SEC_PRIVILEGE_GRANT', 'staff', grantee.no, unit, t, `${granter.name}（${granter.no}）${note}`);
      });
    grant(hhht.sysadmin, aux, 'sysadmin', hhht.code, `将系统管理员角色授予辅警${aux.name}`);
    grant(chifeng.sysadmin, unsigned, 'reviewer', chifeng.code, `向未签订保密协议的${unsigned.name}授予审核角色`);
    grant(world.province.sysadmin, contractor, 'approver', ROOT_CODE, `将审批角色授予技术人员${contractor.name}`);
  }

  // ── Checkpoints ──────────────────────────────────────────────────────────────────────────────────────
  for (const w of world.watchlist) {
    const cty = prng.pick(w.city.counties);
    const ck = prng.pick(cty.checkpoints);
    const hh = prng.int(7, 21);
    const mm = prng.int(0, 59);
    story(1, 1, (ctx, day) => {
      const t = at(day, hh, mm);
      const kept = pass(ctx, t, ck, w.plate, w.color);
      if (kept && w.active) mark(ctx, 'CKPT_WATCHLIST_HIT', 'plate', w.plate, ck.unitCode, t, `布控车辆（${w.reason}）经过${ck.name}`);
    });
  }
  {
    const pairs: Array<[WCity, WCity]> = [[chifeng, hhht], [ordos, baotou]];
    for (const [home, far] of pairs) {
      const v = reservedVehicle();
      const a = prng.pick(prng.pick(home.counties).checkpoints);
      const b = prng.pick(prng.pick(far.counties).checkpoints);
      const km = distanceKm(a, b);
      // minutes apart: well under what even a straight 200 km/h run would need
      const gap = Math.max(4, Math.floor((km / 200) * 60 * 0.4));
      story(1, 1, (ctx, day) => {
        const t = at(day, 10, 12);
        const color = PLATE_COLORS[pools.color[v]];
        pass(ctx, t, a, pools.plate[v], color);
        pass(ctx, t + gap * MINUTE, b, pools.plate[v], color);
        mark(ctx, 'CKPT_CLONED_PLATE', 'plate', pools.plate[v], b.unitCode, t + gap * MINUTE, `${gap}分钟内先后出现在相距${Math.round(km)}公里的${a.name}与${b.name}`);
      });
    }
  }

  // ── Conduct points ───────────────────────────────────────────────────────────────────────────────────
  {
    const item = (code: string) => CONDUCT_ITEMS.find((i) => i.itemCode === code)!;
    const a = county('150105').police[1];
    const b = county('150203').aux[0];
    plan.reservedPeople.add(a.no);
    plan.reservedPeople.add(b.no);
    const series: Array<[WPerson, WCity, Array<[number, string, number]>, string]> = [
      [a, hhht, [[0, 'C09-03', 3], [3, 'C07-01', 2], [6, 'C02-01', 2]], '12个月累计扣7分，达蓝色预警'],
      [b, baotou, [[0, 'C11-02', 4], [2, 'C12-01', 4], [5, 'C09-03', 3], [9, 'C07-01', 2]], '12个月累计扣13分，达黄色预警'],
    ];
    for (const [who, c, steps, note] of series) {
      story(1, 9, (ctx, day) => {
        let last = 0;
        for (const [offset, code, points] of steps) {
          last = morning(ctx, day + offset);
          ctx.sink.emit(last, 'conduct.deduction', who.unitCode, c.supervisor.no, undefined, {
            personNo: who.no, itemCode: code, points, note: item(code).note,
          });
          ctx.state.conductPoints.set(who.no, (ctx.state.conductPoints.get(who.no) ?? 0) + points);
        }
        mark(ctx, 'CONDUCT_LEVEL', 'staff', who.no, who.unitCode, last, note);
      });
    }
    plan.finish.push((ctx) => {
      // a unit whose deductions per head reach 2 warns too; find any the data happens to produce
      const heads = new Map<string, number>();
      for (const p of world.persons) heads.set(p.unitCode, (heads.get(p.unitCode) ?? 0) + 1);
      const sums = new Map<string, number>();
      for (const [no, pts] of ctx.state.conductPoints) {
        const u = world.personByNo.get(no)!.unitCode;
        sums.set(u, (sums.get(u) ?? 0) + pts);
      }
      for (const [u, s] of sums) {
        const per = s / (heads.get(u) ?? 1);
        if (per >= 2) mark(ctx, 'CONDUCT_LEVEL', 'unit', u, u, ctx.sink.endMs, `人均扣分${per.toFixed(1)}`, 'natural');
      }
    });
  }

  plan.stories.sort((x, y) => x.day - y.day);
  return plan;
}
