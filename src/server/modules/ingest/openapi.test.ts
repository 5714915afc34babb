import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventTypes } from '../../../contract/events.ts';
import { testPlatform, type TestPlatform } from '../../../../test/platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await testPlatform({ withUnits: false });
});
afterAll(async () => p?.close());

it('serves an OpenAPI document with every event type and the fixed endpoints', async () => {
  const res = await p.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  expect(res.statusCode).toBe(200);
  const doc = res.json();
  expect(doc.openapi).toMatch(/^3\.1/);
  const schemas = JSON.stringify(doc.components.schemas);
  for (const t of eventTypes) expect(schemas, t).toContain(`"${t}"`);
  for (const path of ['/api/v1/events', '/api/v1/tokens', '/api/v1/tokens/{id}', '/api/v1/health', '/api/v1/audit/root', '/api/v1/session', '/api/v1/dead-letters']) {
    expect(Object.keys(doc.paths)).toContain(path);
  }
});

it('answers /health without credentials', async () => {
  const res = await p.app.inject({ method: 'GET', url: '/api/v1/health' });
  expect(res.json()).toEqual({ status: 'ok' });
});
