// Identity formats of the ingest contract (spec/events.md): resident ID numbers, plates, VINs, unit codes
// and alcohol values. Pure functions, no clock: each check answers null when valid or a reason in Chinese
// with English in parentheses, which ends up in the sender's rejection list and the dead letters.

/** Province-level area codes of GB/T 2260, plus the two used outside it on resident numbers. */
const provinceCodes = new Set([
  '11', '12', '13', '14', '15', // 北京 天津 河北 山西 内蒙古
  '21', '22', '23', // 辽宁 吉林 黑龙江
  '31', '32', '33', '34', '35', '36', '37', // 上海 江苏 浙江 安徽 福建 江西 山东
  '41', '42', '43', '44', '45', '46', // 河南 湖北 湖南 广东 广西 海南
  '50', '51', '52', '53', '54', // 重庆 四川 贵州 云南 西藏
  '61', '62', '63', '64', '65', // 陕西 甘肃 青海 宁夏 新疆
  '71', '81', '82', // 台湾 香港 澳门 (also the Hong Kong and Macao residence permits, 81/82)
  '83', // Taiwan residents' residence permits (830000), not in GB/T 2260
  '91', // "abroad" in older lists; kept so older records still pass
]);

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

/** The GB 11643 check character (ISO 7064 MOD 11-2) for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * weights[i];
  return checkChars[sum % 11];
}

export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

const chinaOffsetMs = 8 * 3600_000;

let cachedNowMs = NaN;
let cachedDateNumber = 0;
/** Today's date in China as YYYYMMDD; remembered, since a batch shares one clock reading. */
function chinaDateNumber(nowMs: number): number {
  if (nowMs !== cachedNowMs) {
    const t = new Date(nowMs + chinaOffsetMs);
    cachedDateNumber = t.getUTCFullYear() * 10000 + (t.getUTCMonth() + 1) * 100 + t.getUTCDate();
    cachedNowMs = nowMs;
  }
  return cachedDateNumber;
}

/**
 * Resident ID number per GB 11643-1999. A lower-case x is accepted (it is stored as X). "Not in the
 * future" compares with today's date in China (UTC+8), where the numbers are issued.
 */
export function checkResidentId(idNo: string, nowMs: number): string | null {
  if (idNo.length !== 18) return `身份证号应为18位 (must be 18 characters, got ${idNo.length})`;
  for (let i = 0; i < 17; i++) {
    const c = idNo.charCodeAt(i);
    if (c < 48 || c > 57) return '身份证号前17位应为数字 (the first 17 characters must be digits)';
  }
  const last = idNo[17];
  if (!((last >= '0' && last <= '9') || last === 'X' || last === 'x')) {
    return '身份证号末位应为数字或X (the last character must be a digit or X)';
  }
  const area = idNo.slice(0, 2);
  // The 2023 foreign permanent residence card puts 9 first and the issuing province in digits 2–3.
  const knownArea = provinceCodes.has(area) || (idNo[0] === '9' && provinceCodes.has(idNo.slice(1, 3)));
  if (!knownArea) return `地址码无效 (unknown province-level area code ${area})`;
  const y = Number(idNo.slice(6, 10));
  const m = Number(idNo.slice(10, 12));
  const d = Number(idNo.slice(12, 14));
  if (!isCalendarDate(y, m, d)) return `出生日期无效 (birth date ${idNo.slice(6, 14)} is not a calendar date)`;
  if (y < 1900) return `出生日期早于1900年 (birth date ${idNo.slice(6, 14)} is before 1900)`;
  if (y * 10000 + m * 100 + d > chinaDateNumber(nowMs)) {
    return `出生日期晚于当前日期 (birth date ${idNo.slice(6, 14)} is in the future)`;
  }
  const expected = residentIdCheckChar(idNo);
  if (expected !== (last === 'x' ? 'X' : last)) return `校验位错误 (check character should be ${expected})`;
  return null;
}

export function normalizeResidentId(idNo: string): string {
  return idNo.charCodeAt(17) === 120 /* x */ ? idNo.slice(0, 17) + 'X' : idNo;
}

const residentIdShape = /^[0-9]{17}[0-9Xx]$/;
/** 17 digits and a check character: checked as an idNo where a field may hold an idNo or a plate. */
export function looksLikeResidentId(s: string): boolean {
  return residentIdShape.test(s);
}

// ---------------------------------------------------------------------------------------------------
// Plates — GA 36-2018

/** The 31 mainland provinces' abbreviations, as printed first on a plate. */
export const plateProvinces = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新';
const P = `[${plateProvinces}]`;
const L = '[A-HJ-NP-Z]'; // letters without I and O
const S = '[A-HJ-NP-Z0-9]';
const plateShape = new RegExp(
  `^(?:${P}${L}(?:${S}{5}|${S}{4}[学警挂港澳领]|[DF]${S}[0-9]{4}|[0-9]{5}[DF])|使[0-9]{6})$`,
);
const platePrefixShape = new RegExp(`^${P}${L}$`);
const hasLowerAscii = /[a-z]/;

/**
 * Upper-cases the latin letters of a plate (only those: toUpperCase would also turn "ﬀ" into "FF" and make
 * a wrong plate look right).
 */
export function normalizePlate(plate: string): string {
  return hasLowerAscii.test(plate) ? plate.replace(/[a-z]+/g, (s) => s.toUpperCase()) : plate;
}

/**
 * A plate as printed, per GA 36-2018: ordinary (蒙A12345), four characters and 学/警/挂/港/澳/领
 * (蒙A1234学), small new-energy with D/F first (蒙AD12345, the second character a letter or digit, then
 * four digits), large new-energy with D/F last (蒙A12345D), and embassy plates (使 and six digits).
 * Lower-case latin letters are accepted; see normalizePlate.
 */
export function checkPlate(plate: string): string | null {
  const p = normalizePlate(plate);
  if (plateShape.test(p)) return null;
  if (p.length === 0) return '号牌号码为空 (plate is empty)';
  if (p[0] === '使') return '使馆号牌应为“使”加6位数字 (an embassy plate is 使 followed by 6 digits)';
  if (!plateProvinces.includes(p[0])) {
    return `省份简称无效 (unknown province abbreviation ${quote(String.fromCodePoint(p.codePointAt(0)!))})`;
  }
  const letter = p[1] ?? '';
  if (letter === 'I' || letter === 'O') return '发牌机关代号不得为I或O (the issuing letter cannot be I or O)';
  if (!(letter >= 'A' && letter <= 'Z')) return '发牌机关代号应为字母A–Z (the issuing authority must be a letter A–Z)';
  const serial = p.slice(2);
  if (/[IO]/.test(serial)) return '号牌序号不得使用字母I或O (letters I and O are not used on plates)';
  if (serial.length !== 5 && serial.length !== 6) {
    return `号牌长度无效 (a plate has 7 characters, 8 for a new-energy vehicle; got ${p.length})`;
  }
  if (serial.length === 6) {
    return '新能源号牌格式无效 (a new-energy plate is D/F, a letter or digit and 4 digits, or 5 digits and D/F)';
  }
  return '号牌序号无效 (the serial is 5 letters or digits, or 4 and one of 学警挂港澳领)';
}

/** A city's plate prefix: province abbreviation and issuing letter, e.g. 蒙A. Lower case is accepted. */
export function checkPlatePrefix(prefix: string): string | null {
  if (platePrefixShape.test(normalizePlate(prefix))) return null;
  return `号牌前缀无效 (a plate prefix is a province abbreviation and a letter other than I and O, e.g. 蒙A; got ${quote(prefix)})`;
}

/** Starts like a plate: checked as a plate where a field may hold an idNo or a plate. */
export function looksLikePlate(s: string): boolean {
  return s.length > 0 && (plateProvinces.includes(s[0]) || s[0] === '使');
}

// ---------------------------------------------------------------------------------------------------
// Fields that hold an idNo or a plate (system.query, ref.sensitive_subject)

/**
 * Checked as an idNo or as a plate when it looks like one; anything else (an old 15-digit number, a
 * violation number) passes unchecked, since the contract cannot know every kind of look-up.
 */
export function checkSubject(subject: string, nowMs: number): string | null {
  if (looksLikeResidentId(subject)) return checkResidentId(subject, nowMs);
  if (looksLikePlate(subject)) return checkPlate(subject);
  return null;
}

/** Same normalisation as the field it looks like, so a sensitive subject matches the queries about it. */
export function normalizeSubject(subject: string): string {
  if (looksLikeResidentId(subject)) return normalizeResidentId(subject);
  if (looksLikePlate(subject)) return normalizePlate(subject);
  return subject;
}

// ---------------------------------------------------------------------------------------------------
// VIN — ISO 3779 / GB 16735

const vinShape = /^[A-HJ-NPR-Z0-9]{17}$/;

export function normalizeVin(vin: string): string {
  return hasLowerAscii.test(vin) ? vin.replace(/[a-z]+/g, (s) => s.toUpperCase()) : vin;
}

/**
 * 17 characters without I, O or Q; lower case is accepted (see normalizeVin). The position-9 check digit
 * is deliberately not enforced: vehicles made for the Chinese market do not always use it.
 */
export function checkVin(vin: string): string | null {
  const v = normalizeVin(vin);
  if (vinShape.test(v)) return null;
  if (v.length !== 17) return `车辆识别代号应为17位 (a VIN has 17 characters, got ${v.length})`;
  if (/[IOQ]/.test(v)) return '车辆识别代号不得含字母I、O、Q (a VIN cannot contain I, O or Q)';
  return '车辆识别代号只能由字母和数字组成 (a VIN has only letters and digits)';
}

const vinValues: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const vinWeights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** The ISO 3779 check digit a VIN would carry at position 9; for information, never a reason to reject. */
export function vinCheckDigit(vin: string): string {
  const v = normalizeVin(vin);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = v[i];
    sum += (c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : (vinValues[c] ?? 0)) * vinWeights[i];
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

// ---------------------------------------------------------------------------------------------------
// Unit codes and alcohol values

const unitCodeShape = /^[0-9]{12}$/;
export function checkUnitCode(code: string): string | null {
  return unitCodeShape.test(code) ? null : `单位代码应为12位数字 (a unit code is 12 digits, got ${quote(code)})`;
}

/** mg/100mL blood-equivalent: readings above 1000 are instrument or typing errors. */
export function checkAlcoholValue(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '酒精含量应为数值 (must be a number, mg/100mL)';
  if (value < 0 || value > 1000) {
    return `酒精含量应在0到1000之间 (must be between 0 and 1000 mg/100mL, got ${value})`;
  }
  return null;
}

/** A calendar date written YYYY-MM-DD. */
export function checkIsoDate(s: string): string | null {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
  if (m === null) return `日期格式应为YYYY-MM-DD (a date is YYYY-MM-DD, got ${quote(s)})`;
  if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return `日期无效 (${quote(s)} is not a calendar date)`;
  return null;
}

/**
 * A sender's value quoted for a message: short, and JSON-escaped so that a NUL or a lone surrogate in it
 * cannot reach a text column by way of the reason.
 */
export function quote(value: string, max = 40): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}
