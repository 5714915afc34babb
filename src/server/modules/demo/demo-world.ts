// The demo province's standing facts: units, people, labs, devices, rooms, checkpoints, and the pools of
// citizens and vehicles that transactional events draw from. Built once per run from the seed alone, so
// the reference data is the same whatever the window or scale.
import {
  CITY_LABS, CITY_SEEDS, GIVEN_CHARS, LAB_SEEDS, MONGOLIAN_NAMES, ORDINALS, OUTSIDE_PLACES, ROADS, SCHOOL_WORDS,
  SQUAD_COUNTS, SQUAD_ORDINALS, SURNAMES, VIOLATION_CODES, type LabSeed, type ViolationCodeSeed,
} from './demo-names.ts';
import { makeIdNo, makePlate, makeVin, plateColor, type PlateKind } from './demo-identity.ts';
import { Rng, cumulative } from './demo-rng.ts';
import { parseHours } from './demo-time.ts';

export const ROOT_CODE = '150000000000';
export const ROOT_NAME = '内蒙古自治区公安厅交通管理局';

export type UnitLevel = 'province' | 'city' | 'county' | 'squad';
export type PersonKind = 'police' | 'auxiliary' | 'contractor';

export interface WUnit {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  platePrefixes?: string[];
}

export interface WPerson {
  no: string;
  name: string;
  kind: PersonKind;
  unitCode: string;
  roles: string[];
  signed: boolean;
  /** the terminal this person queries from */
  ip: string;
  /** service window, for clerks */
  windowId?: string;
}

export interface WDevice {
  deviceId: string;
  kind: 'breathalyzer' | 'camera' | 'exam_terminal';
  siteId: string;
  unitCode: string;
  /** ISO date; breathalyzers only */
  calibratedUntil?: string;
  expired?: boolean;
}

export interface WRoom {
  roomId: string;
  unitCode: string;
  openHours: string;
  openMin: number;
  closeMin: number;
  custodians: WPerson[];
  camera: WDevice;
  lat: number;
  lng: number;
}

export interface WCheckpoint {
  idx: number;
  checkpointId: string;
  name: string;
  unitCode: string;
  lat: number;
  lng: number;
  highway: boolean;
  camera: WDevice;
}

export interface WSquad {
  code: string;
  name: string;
  police: WPerson[];
  aux: WPerson[];
}

export interface WCounty {
  idx: number;
  code6: string;
  code: string;
  name: string;
  lat: number;
  lng: number;
  city: WCity;
  /** share of the province's workload */
  weight: number;
  police: WPerson[];
  aux: WPerson[];
  custodians: WPerson[];
  clerkPolice: WPerson;
  clerkAux: WPerson;
  squads: WSquad[];
  room: WRoom;
  breathalyzers: WDevice[];
  checkpoints: WCheckpoint[];
  hospital: string;
  /** directions (radians) of the county's main roads out of the seat: cases happen along them */
  roadAngles: number[];
}

export interface WExamSite {
  siteId: string;
  name: string;
  city: WCity;
  examiners: WPerson[];
  devices: WDevice[];
}

export interface WStation {
  stationId: string;
  name: string;
  city: WCity;
  camera: WDevice;
}

export interface WCity {
  idx: number;
  code4: string;
  code: string;
  name: string;
  short: string;
  plate: string;
  lat: number;
  lng: number;
  weight: number;
  counties: WCounty[];
  supervisor: WPerson;
  sysadmin: WPerson;
  contractors: WPerson[];
  clerkPolice: WPerson[];
  clerkAux: WPerson[];
  reviewers: WPerson[];
  examSites: WExamSite[];
  stations: WStation[];
  schools: string[];
  labs: WLab[];
  labCum: Float64Array;
  /** normal (non-reserved) vehicles registered in the city, and the larger classes among them */
  vehicles: Int32Array;
  heavyVehicles: Int32Array;
}

export type WLab = LabSeed;

export interface WWatch {
  plate: string;
  reason: 'overdue_scrap' | 'overdue_inspection' | 'fake_plate' | 'hit_and_run' | 'other';
  active: boolean;
  color: string;
  unitCode: string;
  city: WCity;
}

export const VEHICLE_CLASSES = ['small', 'truck_heavy', 'passenger_large', 'hazmat', 'school_bus'] as const;
export type VehicleClass = (typeof VEHICLE_CLASSES)[number];
export const PLATE_COLORS = ['blue', 'yellow', 'green', 'white'] as const;

/** citizens and vehicles in flat arrays: tens of thousands of them are walked for every event */
export interface Pools {
  citizenIdNo: string[];
  citizenName: string[];
  plate: string[];
  vin: string[];
  /** index into PLATE_COLORS */
  color: Uint8Array;
  /** index into VEHICLE_CLASSES */
  vclass: Uint8Array;
  county: Uint16Array;
  owner: Int32Array;
  /** vehicles [0, normalVehicles) are used by normal traffic; the rest are kept for planted stories */
  normalVehicles: number;
  /** every plate in use, so new registrations never collide */
  plates: Set<string>;
}

export interface World {
  units: WUnit[];
  cities: WCity[];
  counties: WCounty[];
  countyCum: Float64Array;
  cityCum: Float64Array;
  province: { supervisors: WPerson[]; sysadmin: WPerson; reviewers: WPerson[]; contractor: WPerson };
  persons: WPerson[];
  personByNo: Map<string, WPerson>;
  labs: WLab[];
  labById: Map<string, WLab>;
  devices: WDevice[];
  rooms: WRoom[];
  checkpoints: WCheckpoint[];
  examSites: WExamSite[];
  stations: WStation[];
  violationCodes: readonly ViolationCodeSeed[];
  violationCum: Float64Array;
  watchlist: WWatch[];
  sensitive: { subject: string; kind: 'idNo' | 'plate' }[];
  pools: Pools;
  /** the year of the window's end, for ages */
  endYear: number;
}

const NORMAL_VEHICLES = 56_000;
const RESERVED_VEHICLES = 600;
const CITIZENS = 72_000;

export function personName(rng: Rng): string {
  if (rng.chance(0.12)) return rng.pick(MONGOLIAN_NAMES);
  const surname = SURNAMES[rng.int(0, SURNAMES.length - 1)];
  const n = rng.chance(0.7) ? 2 : 1;
  let given = '';
  for (let i = 0; i < n; i++) given += GIVEN_CHARS[rng.int(0, GIVEN_CHARS.length - 1)];
  return surname + given;
}

const cityShort = (name: string): string => name.replace(/(市|盟)$/, '');

export function buildWorld(seed: number, endMs: number): World {
  const rng = new Rng(seed, 'world');
  const end = new Date(endMs + 8 * 3_600_000);
  const endYear = end.getUTCFullYear();
  const dateAfter = (days: number): string => new Date(endMs + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

  const units: WUnit[] = [{ code: ROOT_CODE, name: ROOT_NAME, level: 'province', parentCode: null }];
  const persons: WPerson[] = [];
  const devices: WDevice[] = [];
  let ipSeq = 0;

  const person = (unit6: string, seq: number, unitCode: string, kind: PersonKind, roles: string[]): WPerson => {
    ipSeq++;
    const p: WPerson = {
      no: `P${unit6}${String(seq).padStart(3, '0')}`,
      name: personName(rng),
      kind,
      unitCode,
      roles,
      // a few auxiliaries and contractors have not signed: SEC_PRIVILEGE_GRANT watches grants to them
      signed: kind === 'police' ? true : !rng.chance(0.03),
      ip: `10.15.${Math.floor(ipSeq / 250)}.${(ipSeq % 250) + 2}`,
    };
    persons.push(p);
    return p;
  };
  const device = (d: WDevice): WDevice => {
    devices.push(d);
    return d;
  };

  const labById = new Map(LAB_SEEDS.map((l) => [l.labId, l]));
  const totalPop = CITY_SEEDS.reduce((s, c) => s + c.pop, 0);

  const province = {
    supervisors: [person('150000', 1, ROOT_CODE, 'police', ['supervisor']), person('150000', 2, ROOT_CODE, 'police', ['supervisor'])],
    sysadmin: person('150000', 3, ROOT_CODE, 'police', ['sysadmin']),
    reviewers: [person('150000', 4, ROOT_CODE, 'police', ['reviewer']), person('150000', 5, ROOT_CODE, 'police', ['reviewer'])],
    contractor: person('150000', 6, ROOT_CODE, 'contractor', []),
  };
  province.contractor.signed = true;

  const cities: WCity[] = [];
  const counties: WCounty[] = [];
  const rooms: WRoom[] = [];
  const checkpoints: WCheckpoint[] = [];
  const examSites: WExamSite[] = [];
  const stations: WStation[] = [];

  CITY_SEEDS.forEach((cs, cityIdx) => {
    const code = `${cs.code4}00000000`;
    const code6 = `${cs.code4}00`;
    const plate = `蒙${cs.plateLetter}`;
    units.push({ code, name: cs.unitName, level: 'city', parentCode: ROOT_CODE, platePrefixes: [plate] });
    let seq = 0;
    const big = cs.pop >= 2;
    const city: WCity = {
      idx: cityIdx, code4: cs.code4, code, name: cs.name, short: cityShort(cs.name), plate, lat: cs.lat, lng: cs.lng,
      weight: cs.pop / totalPop, counties: [],
      supervisor: person(code6, ++seq, code, 'police', ['supervisor']),
      sysadmin: person(code6, ++seq, code, 'police', ['sysadmin']),
      contractors: [],
      clerkPolice: [], clerkAux: [], reviewers: [], examSites: [], stations: [], schools: [],
      labs: [], labCum: new Float64Array(0), vehicles: new Int32Array(0), heavyVehicles: new Int32Array(0),
    };
    for (let i = 0; i < (big ? 2 : 1); i++) city.contractors.push(person(code6, ++seq, code, 'contractor', []));
    for (let i = 0; i < (big ? 5 : 3); i++) city.clerkPolice.push(person(code6, ++seq, code, 'police', ['window_clerk']));
    for (let i = 0; i < (big ? 3 : 2); i++) city.clerkAux.push(person(code6, ++seq, code, 'auxiliary', ['window_clerk']));
    [...city.clerkPolice, ...city.clerkAux].forEach((p, i) => (p.windowId = `${code6}-W${String(i + 1).padStart(2, '0')}`));
    for (let i = 0; i < 2; i++) city.reviewers.push(person(code6, ++seq, code, 'police', ['reviewer']));
    for (let s = 0; s < cs.examSites; s++) {
      const siteId = `KC${cs.code4}0${s + 1}`;
      const site: WExamSite = {
        siteId, name: `${city.short}第${ORDINALS[s]}机动车驾驶人考试中心`, city, examiners: [], devices: [],
      };
      for (let i = 0; i < 4; i++) site.examiners.push(person(code6, ++seq, code, 'police', ['examiner']));
      site.devices.push(device({ deviceId: `ZD-${siteId}-01`, kind: 'exam_terminal', siteId, unitCode: code }));
      site.devices.push(device({ deviceId: `ZD-${siteId}-02`, kind: 'exam_terminal', siteId, unitCode: code }));
      site.devices.push(device({ deviceId: `SXT-${siteId}-01`, kind: 'camera', siteId, unitCode: code }));
      city.examSites.push(site);
      examSites.push(site);
    }
    const words = [...SCHOOL_WORDS];
    for (let i = 0; i < (big ? 7 : 4); i++) city.schools.push(`${city.short}${words.splice(rng.int(0, words.length - 1), 1)[0]}驾校`);
    for (let s = 0; s < 2; s++) {
      const stationId = `JCZ${cs.code4}0${s + 1}`;
      const camera = device({ deviceId: `SXT-${stationId}`, kind: 'camera', siteId: stationId, unitCode: code });
      const st: WStation = { stationId, name: `${city.short}第${ORDINALS[s]}机动车安全技术检验站`, city, camera };
      city.stations.push(st);
      stations.push(st);
    }
    const labShares = CITY_LABS[cs.code4];
    city.labs = labShares.map(([id]) => labById.get(id)!);
    city.labCum = cumulative(labShares.map(([, w]) => w));
    cities.push(city);

    const cityCountyWeight = cs.pop / totalPop / cs.counties.length;
    for (const cty of cs.counties) {
      const countyCode = `${cty.code6}000000`;
      const unitName = `${cty.name}交警大队`;
      units.push({ code: countyCode, name: unitName, level: 'county', parentCode: code });
      let n = 0;
      const police: WPerson[] = [];
      for (let i = 0; i < 6; i++) police.push(person(cty.code6, ++n, countyCode, 'police', []));
      const custodians = [person(cty.code6, ++n, countyCode, 'police', ['custodian']), person(cty.code6, ++n, countyCode, 'police', ['custodian'])];
      const aux: WPerson[] = [];
      for (let i = 0; i < 3; i++) aux.push(person(cty.code6, ++n, countyCode, 'auxiliary', []));
      const clerkPolice = person(cty.code6, ++n, countyCode, 'police', ['window_clerk']);
      const clerkAux = person(cty.code6, ++n, countyCode, 'auxiliary', ['window_clerk']);
      clerkPolice.windowId = `${cty.code6}-W01`;
      clerkAux.windowId = `${cty.code6}-W02`;

      const squads: WSquad[] = [];
      for (let s = 1; s <= (SQUAD_COUNTS[cty.code6] ?? 0); s++) {
        const sq = `${cty.code6}${String(s).padStart(2, '0')}0000`;
        const sqName = `${unitName}${SQUAD_ORDINALS[s - 1]}中队`;
        units.push({ code: sq, name: sqName, level: 'squad', parentCode: countyCode });
        const sqPolice = [1, 2, 3].map((i) => person(cty.code6, s * 100 + i, sq, 'police', []));
        const sqAux = [4, 5].map((i) => person(cty.code6, s * 100 + i, sq, 'auxiliary', []));
        squads.push({ code: sq, name: sqName, police: sqPolice, aux: sqAux });
      }

      const roomId = `WZS${cty.code6}`;
      const openHours = rng.chance(0.3) ? '07:30-22:00' : '08:00-18:00';
      const [openMin, closeMin] = parseHours(openHours);
      const room: WRoom = {
        roomId, unitCode: countyCode, openHours, openMin, closeMin, custodians,
        camera: device({ deviceId: `SXT-${roomId}`, kind: 'camera', siteId: roomId, unitCode: countyCode }),
        lat: round4(cty.lat + rng.range(-0.01, 0.01)), lng: round4(cty.lng + rng.range(-0.01, 0.01)),
      };
      rooms.push(room);

      const breathalyzers: WDevice[] = [];
      const nb = rng.int(2, 3);
      for (let i = 1; i <= nb; i++) {
        breathalyzers.push(device({
          deviceId: `HQ${cty.code6}${String(i).padStart(2, '0')}`, kind: 'breathalyzer', siteId: countyCode,
          unitCode: countyCode, calibratedUntil: dateAfter(rng.int(35, 330)),
        }));
      }

      const county: WCounty = {
        idx: counties.length, code6: cty.code6, code: countyCode, name: cty.name, lat: cty.lat, lng: cty.lng, city,
        weight: cityCountyWeight * (cty.name.endsWith('区') ? 1.6 : 1), police, aux, custodians, clerkPolice, clerkAux,
        squads, room, breathalyzers, checkpoints: [],
        hospital: cty.name.endsWith('区') ? `${city.short}${cty.name}医院` : `${cty.name}人民医院`,
        roadAngles: [rng.range(0, Math.PI * 2), rng.range(0, Math.PI * 2), rng.range(0, Math.PI * 2)],
      };
      const roads = [...ROADS];
      for (let k = 1; k <= 3; k++) {
        const road = roads.splice(rng.int(0, roads.length - 1), 1)[0];
        const ang = county.roadAngles[k - 1];
        const km = rng.range(3, 24);
        const checkpointId = `KK${cty.code6}${String(k).padStart(2, '0')}`;
        const ck: WCheckpoint = {
          idx: checkpoints.length, checkpointId, name: `${road}${cty.name}段卡口`, unitCode: countyCode,
          lat: round4(cty.lat + (Math.sin(ang) * km) / 111),
          lng: round4(cty.lng + (Math.cos(ang) * km) / (111 * Math.cos((cty.lat * Math.PI) / 180))),
          highway: road.includes('高速'),
          camera: device({ deviceId: `SXT-${checkpointId}`, kind: 'camera', siteId: checkpointId, unitCode: countyCode }),
        };
        county.checkpoints.push(ck);
        checkpoints.push(ck);
      }
      city.counties.push(county);
      counties.push(county);
    }
  });

  // three breathalyzers have run past calibration and are still in use: every reading from them is suspect
  const expiredPicks = [counties[1], counties[10], counties[21]];
  for (const cty of expiredPicks) {
    const d = cty.breathalyzers[0];
    d.calibratedUntil = dateAfter(-rng.int(45, 120));
    d.expired = true;
  }

  const countyCum = cumulative(counties.map((c) => c.weight));
  const cityCum = cumulative(cities.map((c) => c.weight));
  const violationCum = cumulative(VIOLATION_CODES.map((v) => v.weight));

  const pools = buildPools(rng, counties, countyCum, cities, endYear);

  const watchPlate = (prefix: string, kind: PlateKind): string => {
    for (;;) {
      const p = makePlate(rng, prefix, kind);
      if (!pools.plates.has(p)) {
        pools.plates.add(p);
        return p;
      }
    }
  };
  const watch = (city: WCity, reason: WWatch['reason'], active: boolean, large = false): WWatch => ({
    plate: watchPlate(city.plate, 'ordinary'), reason, active, color: large ? 'yellow' : 'blue', unitCode: city.code, city,
  });
  const watchlist: WWatch[] = [
    watch(cities[1], 'overdue_scrap', true, true),
    watch(cities[3], 'overdue_inspection', true),
    watch(cities[0], 'fake_plate', true),
    watch(cities[5], 'hit_and_run', true),
    watch(cities[4], 'other', true),
    watch(cities[6], 'hit_and_run', false),
  ];

  const sensitive: World['sensitive'] = [
    { subject: makeIdNo(rng, '150102', 1968, 1975), kind: 'idNo' },
    { subject: makeIdNo(rng, '150602', 1979, 1985), kind: 'idNo' },
    { subject: watchPlate('蒙A', 'ordinary'), kind: 'plate' },
  ];

  return {
    units, cities, counties, countyCum, cityCum, province, persons,
    personByNo: new Map(persons.map((p) => [p.no, p])),
    labs: [...LAB_SEEDS], labById, devices, rooms, checkpoints, examSites, stations,
    violationCodes: VIOLATION_CODES, violationCum, watchlist, sensitive, pools, endYear,
  };
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

function buildPools(rng: Rng, counties: WCounty[], countyCum: Float64Array, cities: WCity[], endYear: number): Pools {
  const nv = NORMAL_VEHICLES + RESERVED_VEHICLES;
  const plate: string[] = new Array(nv);
  const vin: string[] = new Array(nv);
  const color = new Uint8Array(nv);
  const vclass = new Uint8Array(nv);
  const county = new Uint16Array(nv);
  const owner = new Int32Array(nv);
  const plates = new Set<string>();
  const outside = new Int8Array(nv).fill(-1);

  for (let i = 0; i < nv; i++) {
    const ci = rng.weighted(countyCum);
    county[i] = ci;
    const r = rng.float();
    let cls = 0;
    let kind: PlateKind = 'ordinary';
    if (r < 0.08) cls = 1;
    else if (r < 0.102) cls = 2;
    else if (r < 0.114) cls = 3;
    else if (r < 0.118) cls = 4;
    else if (r < 0.2) kind = 'ne_small';
    else if (r < 0.205) kind = 'coach';
    else if (r < 0.207) kind = 'police';
    if (cls === 1 && rng.chance(0.15)) kind = 'trailer';
    if (cls === 2 && rng.chance(0.1)) kind = 'ne_large';
    let prefix = counties[ci].city.plate;
    // out-of-province vehicles living in the region keep their home plates
    if (kind === 'ordinary' && rng.chance(0.05)) {
      const o = rng.int(0, OUTSIDE_PLACES.length - 1);
      outside[i] = o;
      prefix = OUTSIDE_PLACES[o].plate;
    }
    let p: string;
    do p = makePlate(rng, prefix, kind);
    while (plates.has(p));
    plates.add(p);
    plate[i] = p;
    vclass[i] = cls;
    color[i] = PLATE_COLORS.indexOf(plateColor(kind, cls !== 0));
    vin[i] = makeVin(rng, i);
    // some owners keep two cars: vehicle i then belongs to the owner of vehicle i − 1
    owner[i] = i % 2 === 1 && owner[i - 1] === i - 1 && rng.chance(0.08) ? i - 1 : i;
  }

  const citizenIdNo: string[] = new Array(CITIZENS);
  const citizenName: string[] = new Array(CITIZENS);
  for (let c = 0; c < CITIZENS; c++) {
    let area: string;
    const home = c < nv ? counties[county[c]] : counties[rng.weighted(countyCum)];
    const r = rng.float();
    if (c < nv && outside[c] >= 0) area = OUTSIDE_PLACES[outside[c]].code6;
    else if (r < 0.75) area = home.code6;
    else if (r < 0.93) area = counties[rng.int(0, counties.length - 1)].code6;
    else area = OUTSIDE_PLACES[rng.int(0, OUTSIDE_PLACES.length - 1)].code6;
    citizenIdNo[c] = makeIdNo(rng, area, endYear - 70, endYear - 19);
    citizenName[c] = personName(rng);
  }

  const byCity: number[][] = cities.map(() => []);
  const heavyByCity: number[][] = cities.map(() => []);
  for (let i = 0; i < NORMAL_VEHICLES; i++) {
    const ci = counties[county[i]].city.idx;
    if (!plate[i].startsWith('蒙')) continue;
    byCity[ci].push(i);
    if (vclass[i] !== 0) heavyByCity[ci].push(i);
  }
  cities.forEach((c, i) => {
    c.vehicles = Int32Array.from(byCity[i]);
    c.heavyVehicles = Int32Array.from(heavyByCity[i]);
  });

  return {
    citizenIdNo, citizenName, plate, vin, color, vclass, county, owner, normalVehicles: NORMAL_VEHICLES, plates,
  };
}

/** a citizen's relative: the person who drives their car now and then or runs errands for them */
export const relativeOf = (citizen: number): number => citizen ^ 1;
