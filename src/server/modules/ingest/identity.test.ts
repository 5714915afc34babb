import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkAlcoholValue,
  checkIsoDate,
  checkPlate,
  checkPlatePrefix,
  checkResidentId,
  checkSubject,
  checkUnitCode,
  checkVin,
  isCalendarDate,
  normalizePlate,
  normalizeResidentId,
  normalizeSubject,
  normalizeVin,
  residentIdCheckChar,
  vinCheckDigit,
} from './identity.ts';

// 2026-11-01 12:00 in China
const now = Date.parse('2026-11-01T12:00:00+08:00');

describe('checkResidentId', () => {
  it.each([
    '11010519491231002X', // the classic example of GB 11643
    '150102198002291233', // born on a leap day
    '440308200001010012',
    '650101190012314561', // 31 December 1900
    '911101199001010015', // 2023 foreign permanent residence card, issued in Beijing
    '830000198506150024', // Taiwan resident's residence permit
    '150102202611010010', // born today
  ])('accepts %s', (id) => {
    expect(checkResidentId(id, now)).toBeNull();
  });

  it('accepts a lower-case x and normalises it', () => {
    expect(checkResidentId('11010519491231002x', now)).toBeNull();
    expect(normalizeResidentId('11010519491231002x')).toBe('11010519491231002X');
    expect(normalizeResidentId('440308200001010012')).toBe('440308200001010012');
  });

  it('names the check character it expected', () => {
    expect(checkResidentId('110105194912310021', now)).toBe('校验位错误 (check character should be X)');
    expect(checkResidentId('11010519491231002X'.slice(0, 17) + '0', now)).toMatch(/should be X/);
    expect(checkResidentId('440308200001010013', now)).toBe('校验位错误 (check character should be 2)');
  });

  it('rejects 30 February and other impossible dates', () => {
    const body = '15010219900230123';
    expect(checkResidentId(body + residentIdCheckChar(body), now)).toMatch(/^出生日期无效 .*19900230 is not a calendar date/);
    const feb29 = '15010219000229123'; // 1900 is not a leap year
    expect(checkResidentId(feb29 + residentIdCheckChar(feb29), now)).toMatch(/not a calendar date/);
    const month13 = '15010219901301123';
    expect(checkResidentId(month13 + residentIdCheckChar(month13), now)).toMatch(/not a calendar date/);
  });

  it('rejects a birth date in the future, judged by the date in China', () => {
    expect(checkResidentId('150102202611020016', now)).toMatch(/^出生日期晚于当前日期 .*in the future/);
    // 2026-11-01T17:00Z is already 2 November in China
    expect(checkResidentId('150102202611020016', Date.parse('2026-11-01T17:00:00Z'))).toBeNull();
  });

  it('rejects a birth date before 1900', () => {
    const body = '11010518991231002';
    expect(checkResidentId(body + residentIdCheckChar(body), now)).toMatch(/before 1900/);
  });

  it('rejects an unknown area code', () => {
    for (const area of ['00', '10', '16', '20', '24', '38', '47', '55', '60', '66', '72', '80', '84', '99']) {
      const body = `${area}010219800101123`;
      expect(checkResidentId(body + residentIdCheckChar(body), now), area).toBe(
        `地址码无效 (unknown province-level area code ${area})`,
      );
    }
    // 9 then a province: the 2023 foreign permanent residence card; 9 then no province is not
    const body = '97010119900101001';
    expect(checkResidentId(body + residentIdCheckChar(body), now)).toMatch(/area code 97/);
  });

  it('rejects wrong lengths and characters', () => {
    expect(checkResidentId('', now)).toMatch(/got 0/);
    expect(checkResidentId('11010519491231002', now)).toMatch(/must be 18 characters, got 17/);
    expect(checkResidentId('11010519491231002XX', now)).toMatch(/got 19/);
    expect(checkResidentId('1101051949123100XX', now)).toMatch(/first 17 characters must be digits/);
    expect(checkResidentId('11010519491231002Y', now)).toMatch(/last character must be a digit or X/);
    expect(checkResidentId('１1010519491231002X', now)).toMatch(/first 17/);
  });

  it('agrees with the check character for any valid body (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('11', '15', '44', '65', '82'),
        fc.integer({ min: 1900, max: 2025 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 9999999 }),
        (area, y, m, d, rest) => {
          const body = `${area}${String(rest).padStart(7, '0').slice(0, 4)}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(rest % 1000).padStart(3, '0')}`;
          const good = body + residentIdCheckChar(body);
          expect(checkResidentId(good, now)).toBeNull();
          for (const c of '0123456789X') if (c !== good[17]) expect(checkResidentId(body + c, now)).toMatch(/^校验位错误/);
        },
      ),
    );
  });
});

describe('checkPlate', () => {
  it.each([
    '蒙A12345',
    '京A0B12C', // letters in the serial
    '粤BZZ999',
    '蒙AD12345', // small new-energy, battery
    '蒙AFA1234', // small new-energy, hybrid, a letter second
    '蒙A12345D', // large new-energy
    '蒙A12345F',
    '蒙A1234学',
    '京A1234警',
    '蒙A1234挂',
    '粤Z1234港',
    '粤Z1234澳',
    '沪A1234领',
    '使014578',
    '新Z12345',
  ])('accepts %s', (plate) => {
    expect(checkPlate(plate)).toBeNull();
  });

  it('accepts lower-case latin letters and normalises them to upper case', () => {
    expect(checkPlate('蒙ad12345')).toBeNull();
    expect(normalizePlate('蒙ad12345')).toBe('蒙AD12345');
    expect(normalizePlate('蒙a1234学')).toBe('蒙A1234学');
    expect(normalizePlate('蒙A12345')).toBe('蒙A12345');
  });

  it('only upper-cases ASCII letters, so a ligature cannot pass as two letters', () => {
    expect(normalizePlate('京Aﬀ123')).toBe('京Aﬀ123');
    expect(checkPlate('京Aﬀ123')).not.toBeNull();
  });

  it('rejects I and O anywhere', () => {
    expect(checkPlate('蒙I12345')).toMatch(/issuing letter cannot be I or O/);
    expect(checkPlate('蒙O12345')).toMatch(/issuing letter cannot be I or O/);
    expect(checkPlate('蒙A1O345')).toMatch(/letters I and O are not used/);
    expect(checkPlate('蒙A1234I')).toMatch(/letters I and O are not used/);
    expect(checkPlate('蒙ADI2345')).toMatch(/letters I and O are not used/);
    expect(checkPlate('蒙a1o345')).toMatch(/letters I and O are not used/);
  });

  it('rejects an unknown province and other shapes, with the reason', () => {
    expect(checkPlate('')).toMatch(/empty/);
    expect(checkPlate('台A12345')).toBe('省份简称无效 (unknown province abbreviation "台")');
    expect(checkPlate('A12345')).toMatch(/unknown province abbreviation "A"/);
    expect(checkPlate('蒙112345')).toMatch(/issuing authority must be a letter/);
    expect(checkPlate('蒙A1234')).toMatch(/got 6/);
    expect(checkPlate('蒙A1234567')).toMatch(/got 9/);
    expect(checkPlate('蒙A123456')).toMatch(/new-energy/); // 6 digits: neither small nor large
    expect(checkPlate('蒙AD1234A')).toMatch(/new-energy/); // small: last four must be digits
    expect(checkPlate('蒙A1234D5')).toMatch(/new-energy/);
    expect(checkPlate('蒙A1234军')).toMatch(/学警挂港澳领/);
    expect(checkPlate('蒙A·12345')).not.toBeNull();
    expect(checkPlate('蒙A 12345')).not.toBeNull();
    expect(checkPlate('使01457')).toMatch(/embassy/);
    expect(checkPlate('🚗A12345')).toMatch(/unknown province abbreviation "🚗"/);
  });

  it('checks plate prefixes', () => {
    expect(checkPlatePrefix('蒙A')).toBeNull();
    expect(checkPlatePrefix('蒙a')).toBeNull();
    expect(checkPlatePrefix('蒙O')).toMatch(/plate prefix/);
    expect(checkPlatePrefix('蒙A1')).toMatch(/plate prefix/);
    expect(checkPlatePrefix('XA')).toMatch(/plate prefix/);
  });
});

describe('checkVin', () => {
  it('accepts 17 characters without I, O, Q, whatever the check digit', () => {
    expect(checkVin('1M8GDM9AXKP042788')).toBeNull(); // check digit X matches
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(checkVin('LSVAU2180N2183294')).toBeNull(); // position 9 is not its check digit: still accepted
    expect(vinCheckDigit('LSVAU2180N2183294')).not.toBe('0');
  });

  it('accepts lower case and normalises it', () => {
    expect(checkVin('lsvau2180n2183294')).toBeNull();
    expect(normalizeVin('lsvau2180n2183294')).toBe('LSVAU2180N2183294');
  });

  it('rejects I, O and Q', () => {
    expect(checkVin('LSVAU2180N218329I')).toMatch(/cannot contain I, O or Q/);
    expect(checkVin('LSVAU2180N218329O')).toMatch(/cannot contain I, O or Q/);
    expect(checkVin('LSVAU2180N218329Q')).toMatch(/cannot contain I, O or Q/);
    expect(checkVin('lsvau2180n218329q')).toMatch(/cannot contain I, O or Q/);
  });

  it('rejects wrong lengths and characters', () => {
    expect(checkVin('LSVAU2180N218329')).toMatch(/got 16/);
    expect(checkVin('LSVAU2180N21832945')).toMatch(/got 18/);
    expect(checkVin('LSVAU2180N218329-')).toMatch(/only letters and digits/);
  });
});

describe('checkSubject', () => {
  it('checks what looks like an idNo or a plate, and passes anything else', () => {
    expect(checkSubject('11010519491231002X', now)).toBeNull();
    expect(checkSubject('110105194912310021', now)).toMatch(/should be X/);
    expect(checkSubject('蒙A12345', now)).toBeNull();
    expect(checkSubject('蒙A1O345', now)).toMatch(/I and O/);
    expect(checkSubject('150102800101123', now)).toBeNull(); // a first-generation 15-digit number
    expect(checkSubject('WF-2026-0042', now)).toBeNull(); // a violation number
  });

  it('normalises like the field it looks like', () => {
    expect(normalizeSubject('11010519491231002x')).toBe('11010519491231002X');
    expect(normalizeSubject('蒙a12345')).toBe('蒙A12345');
    expect(normalizeSubject('wf-1')).toBe('wf-1');
  });
});

describe('unit codes, alcohol values and dates', () => {
  it('checks 12-digit unit codes', () => {
    expect(checkUnitCode('150102000000')).toBeNull();
    expect(checkUnitCode('15010200000')).toMatch(/12 digits/);
    expect(checkUnitCode('1501020000001')).toMatch(/12 digits/);
    expect(checkUnitCode('15010200000A')).toMatch(/12 digits/);
  });

  it('accepts alcohol values from 0 to 1000 only', () => {
    for (const v of [0, 19.9, 80, 1000]) expect(checkAlcoholValue(v)).toBeNull();
    expect(checkAlcoholValue(-0.1)).toMatch(/between 0 and 1000/);
    expect(checkAlcoholValue(1000.01)).toMatch(/between 0 and 1000/);
    expect(checkAlcoholValue(Number.NaN)).toMatch(/must be a number/);
    expect(checkAlcoholValue(Number.POSITIVE_INFINITY)).toMatch(/must be a number/);
    expect(checkAlcoholValue('80')).toMatch(/must be a number/);
  });

  it('knows the calendar', () => {
    expect(isCalendarDate(2024, 2, 29)).toBe(true);
    expect(isCalendarDate(2000, 2, 29)).toBe(true);
    expect(isCalendarDate(1900, 2, 29)).toBe(false);
    expect(isCalendarDate(2026, 2, 29)).toBe(false);
    expect(isCalendarDate(2026, 4, 31)).toBe(false);
    expect(isCalendarDate(2026, 12, 31)).toBe(true);
    expect(isCalendarDate(2026, 0, 1)).toBe(false);
    expect(checkIsoDate('2027-03-31')).toBeNull();
    expect(checkIsoDate('2027-02-29')).toMatch(/not a calendar date/);
    expect(checkIsoDate('2027-3-31')).toMatch(/YYYY-MM-DD/);
  });
});
