import { describe, expect, it } from 'vitest';
import { actorRules, dataSchemas, EnvelopeSchema, eventJsonSchemas, eventTypes, eventTypeTitles } from './events.ts';

type Json = Record<string, unknown>;
const bilingual = /[\u4e00-\u9fff].* \(.+\)$/s;

/** Every property of an object schema, recursively through arrays and unions, with its path. */
function properties(schema: Json, path: string): [string, Json][] {
  const out: [string, Json][] = [];
  for (const [key, prop] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
    out.push([`${path}.${key}`, prop]);
    const nested = [prop, ...((prop.anyOf ?? []) as Json[]), (prop.items ?? {}) as Json];
    for (const n of nested) if (n.type === 'object') out.push(...properties(n, `${path}.${key}`));
  }
  return out;
}

describe('the contract schemas', () => {
  it('list each type once, in the registry and in the envelope', () => {
    expect(new Set(eventTypes).size).toBe(eventTypes.length);
    expect(eventTypes.length).toBe(32);
    expect(Object.keys(dataSchemas)).toEqual([...eventTypes]);
    expect(Object.keys(actorRules).sort()).toEqual([...eventTypes].sort());
    expect((EnvelopeSchema.properties.type as unknown as Json).enum).toEqual([...eventTypes]);
  });

  it('give every type a Chinese and an English title', () => {
    for (const t of eventTypes) {
      expect(eventTypeTitles[t].zh, t).toMatch(/[\u4e00-\u9fff]/);
      expect(eventTypeTitles[t].en, t).toMatch(/^[a-z/ ]+$/);
    }
  });

  it('describe every field in Chinese and English', () => {
    for (const [t, schema] of Object.entries(eventJsonSchemas())) {
      expect(schema.title, t).toMatch(bilingual);
      for (const [path, prop] of properties(schema, t)) {
        expect(prop.description, path).toMatch(bilingual);
      }
    }
  });
});

describe('eventJsonSchemas', () => {
  it('is plain JSON, one schema per type with its type fixed', () => {
    const all = eventJsonSchemas();
    expect(Object.keys(all)).toEqual([...eventTypes]);
    for (const t of eventTypes) {
      const s = all[t];
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
      expect(Object.getOwnPropertySymbols(s)).toEqual([]);
      const props = s.properties as Record<string, Json>;
      expect(props.type.const).toBe(t);
      expect(props.data).toEqual(JSON.parse(JSON.stringify(dataSchemas[t])));
      expect(s.required).toEqual(expect.arrayContaining(['id', 'type', 'occurredAt', 'unit', 'data']));
    }
  });

  it('requires the actor where the type has one', () => {
    const all = eventJsonSchemas();
    expect(all['alcohol.breath_test'].required).toContain('actor');
    expect(all['alcohol.lab_report'].required).not.toContain('actor');
    expect(all['checkpoint.pass'].required).not.toContain('actor');
    expect(all['violation.processed'].required).not.toContain('actor');
  });

  it('returns a fresh copy each time', () => {
    const a = eventJsonSchemas();
    (a['ref.unit'].properties as Json).id = 'changed';
    expect((eventJsonSchemas()['ref.unit'].properties as Json).id).not.toBe('changed');
  });

  it('marks the identity fields with their formats', () => {
    const data = (t: (typeof eventTypes)[number]) => (eventJsonSchemas()[t].properties as Record<string, Json>).data.properties as Record<string, Json>;
    expect(data('alcohol.case_opened').driverIdNo.format).toBe('cn-resident-id');
    expect(data('alcohol.case_opened').plate.format).toBe('cn-plate');
    expect(data('vehicle.business').vin.format).toBe('vin');
    expect(data('system.query').subject.format).toBe('cn-subject');
    expect(data('alcohol.lab_report').valueMg100ml).toMatchObject({ minimum: 0, maximum: 1000 });
    expect(data('inspection.result').registeredRegion.format).toBe('cn-plate-prefix');
  });
});
