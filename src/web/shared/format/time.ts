// Every time on screen is shown in Asia/Shanghai whatever the browser's own zone: 2026-11-01 23:15.
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const ZONE = 'Asia/Shanghai';
export const DATE_TIME = 'YYYY-MM-DD HH:mm';
export const DATE_TIME_SECONDS = 'YYYY-MM-DD HH:mm:ss';
export const DATE = 'YYYY-MM-DD';

const DASH = '—';

function inZone(value: string | number | Date | null | undefined): dayjs.Dayjs | null {
  if (value === null || value === undefined || value === '') return null;
  const d = dayjs(value);
  return d.isValid() ? d.tz(ZONE) : null;
}

/** 2026-11-01 23:15 */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  return inZone(value)?.format(DATE_TIME) ?? DASH;
}

/** 2026-11-01 23:15:07, for logs where order within a minute matters */
export function formatDateTimeSeconds(value: string | number | Date | null | undefined): string {
  return inZone(value)?.format(DATE_TIME_SECONDS) ?? DASH;
}

/** 2026-11-01 */
export function formatDate(value: string | number | Date | null | undefined): string {
  return inZone(value)?.format(DATE) ?? DASH;
}

export function setDayjsLocale(locale: 'zh-CN' | 'en'): void {
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
}

export { dayjs };
