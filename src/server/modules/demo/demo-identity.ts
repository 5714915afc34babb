// National identity formats the demo must get right, or ingest would reject its events: resident ID numbers
// (GB 11643, ISO 7064 MOD 11-2), plates (GA 36-2018) and VINs (GB 16735, with its check digit).
import type { Rng } from './demo-rng.ts';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** the 18th character of a resident ID number, from its first 17 digits */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * A resident ID number born in [minYear, maxYear]. Real calendar dates only: the day is drawn within the
 * month's true length, leap years included.
 */
export function makeIdNo(rng: Rng, area6: string, minYear: number, maxYear: number, female?: boolean): string {
  const year = rng.int(minYear, maxYear);
  const month = rng.int(1, 12);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = rng.int(1, days);
  let seq = rng.int(0, 999);
  if (female !== undefined) {
    // the 17th digit is odd for men, even for women
    const odd = seq % 2 === 1;
    if (odd === female) seq = (seq + 1) % 1000;
  }
  const body = `${area6}${year}${pad2(month)}${pad2(day)}${String(seq).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

/** plate letters and digits: no I or O, which read as 1 and 0 */
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';

export type PlateKind = 'ordinary' | 'ne_small' | 'ne_large' | 'trailer' | 'coach' | 'police';

/** a plate as printed: `蒙A` prefix then the serial for its kind */
export function makePlate(rng: Rng, prefix: string, kind: PlateKind): string {
  switch (kind) {
    case 'ne_small': {
      // new-energy small cars: D (battery) or F (hybrid) first, then 5 characters, mostly digits
      let s = rng.chance(0.8) ? 'D' : 'F';
      s += rng.chance(0.2) ? PLATE_LETTERS[rng.int(0, 23)] : DIGITS[rng.int(0, 9)];
      for (let i = 0; i < 4; i++) s += DIGITS[rng.int(0, 9)];
      return prefix + s;
    }
    case 'ne_large': {
      let s = '';
      for (let i = 0; i < 5; i++) s += DIGITS[rng.int(0, 9)];
      return prefix + s + (rng.chance(0.8) ? 'D' : 'F');
    }
    case 'trailer':
    case 'coach':
    case 'police': {
      let s = rng.chance(0.3) ? PLATE_LETTERS[rng.int(0, 23)] : DIGITS[rng.int(0, 9)];
      for (let i = 0; i < 3; i++) s += DIGITS[rng.int(0, 9)];
      return prefix + s + (kind === 'trailer' ? '挂' : kind === 'coach' ? '学' : '警');
    }
    default: {
      let s = '';
      let letters = 0;
      for (let i = 0; i < 5; i++) {
        const wantLetter = letters < 2 && rng.chance(i === 0 ? 0.4 : 0.1);
        if (wantLetter) {
          letters++;
          s += PLATE_LETTERS[rng.int(0, 23)];
        } else s += DIGITS[rng.int(0, 9)];
      }
      return prefix + s;
    }
  }
}

/** plate colour for each plate kind, as checkpoints report it */
export function plateColor(kind: PlateKind, large: boolean): 'blue' | 'yellow' | 'green' | 'white' {
  if (kind === 'ne_small' || kind === 'ne_large') return 'green';
  if (kind === 'police') return 'white';
  if (kind === 'trailer' || kind === 'coach' || large) return 'yellow';
  return 'blue';
}

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const VIN_VALUE: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3,
  U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
/** world manufacturer identifiers of makers that build in China */
const WMIS = ['LSV', 'LFV', 'LGB', 'LBV', 'LVS', 'LGW', 'LSG', 'LZW', 'LDC', 'LHG', 'LFP', 'LZZ', 'LGA', 'LRW'];
/** model-year codes 2012–2026 */
const YEAR_CODES = 'CDEFGHJKLMNPRST';

/** a 17-character VIN (no I/O/Q) with a correct check digit in position 9 */
export function makeVin(rng: Rng, serial: number): string {
  let vds = '';
  for (let i = 0; i < 5; i++) vds += VIN_CHARS[rng.int(0, VIN_CHARS.length - 1)];
  const body =
    rng.pick(WMIS) + vds + '0' + YEAR_CODES[rng.int(0, YEAR_CODES.length - 1)] +
    VIN_CHARS[rng.int(0, 22)] + String(serial % 1_000_000).padStart(6, '0');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = body[i];
    const v = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : VIN_VALUE[ch];
    sum += v * VIN_WEIGHTS[i];
  }
  const r = sum % 11;
  return body.slice(0, 8) + (r === 10 ? 'X' : String(r)) + body.slice(9);
}
