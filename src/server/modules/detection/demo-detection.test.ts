// The whole engine against the demo province's planted stories: a month of events through the real ingest
// path (on-arrival rules), then the replay the demo start runs (time-dependent and calendar rules). Every
// planted anomaly must be raised as an alert on its subject, routed to its unit, and nothing else may be:
// no planted story silently broken, no honest data tripping a rule by accident.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../../../test/platform.ts';
import { loadDemo } from '../../main.ts';
import { plantedAnomalies } from '../demo/index.ts';

const END = new Date('2026-11-20T12:00:00+08:00');
const SEED = 20261101;

let p: TestPlatform;
let lines: string[];
beforeAll(async () => {
  p = await testPlatform({ withUnits: false, env: { BIHUAN_DEMO_SEED: String(SEED), BIHUAN_DEMO_PASSWORD: 'demo-pass-1' } });
  p.clock.set(END);
  lines = await loadDemo(p, { end: END });
}, 900_000);
afterAll(async () => p?.close());

interface Row {
  rule: string;
  subject: { kind: string; id: string };
  unit: string;
  level: string;
}

async function allAlerts(): Promise<Row[]> {
  const out: Row[] = [];
  let cursor: string | null = null;
  do {
    const r: { json: { items: Row[]; nextCursor: string | null } } = await p.get(`/api/v1/alerts?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...r.json.items);
    cursor = r.json.nextCursor;
  } while (cursor);
  return out;
}

describe('the demo province through the engine', () => {
  it('loads with nothing rejected and reports the alerts of the replay', () => {
    expect(lines.join('\n')).toMatch(/0 rejected/);
    expect(lines.join('\n')).toMatch(/预警 alerts: \d+/);
  });

  it('raises exactly the planted alerts, each at its unit', async () => {
    const planted = plantedAnomalies({ seed: SEED, end: END, days: 30 });
    const key = (rule: string, kind: string, id: string) => `${rule}|${kind}|${id}`;
    const alerts = await allAlerts();
    const have = new Map(alerts.map((a) => [key(a.rule, a.subject.kind, a.subject.id), a]));
    const want = new Map(planted.map((a) => [key(a.rule, a.subject.kind, a.subject.id), a]));
    expect([...want.keys()].filter((k) => !have.has(k)), 'planted but not raised').toEqual([]);
    expect([...have.keys()].filter((k) => !want.has(k)), 'raised but not planted').toEqual([]);
    // every rule that events can trigger is exercised
    expect(new Set(alerts.map((a) => a.rule)).size).toBeGreaterThanOrEqual(28);
    const misrouted = [...want].filter(([k, a]) => have.get(k)!.unit !== a.unit).map(([k, a]) => `${k}: ${have.get(k)!.unit} ≠ ${a.unit}`);
    expect(misrouted).toEqual([]);
  });
});
