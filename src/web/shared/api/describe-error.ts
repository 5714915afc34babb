// Turns any thrown value into one line a person can read, preferring the server's own message.
import { translate, type Locale } from '../i18n/i18n.tsx';
import { sharedMessages } from '../locales/index.ts';
import { isApiError } from './client.ts';

export function describeError(e: unknown, locale: Locale): string {
  if (isApiError(e)) {
    if (e.message) return e.message;
    if (e.code === 'network') return translate(sharedMessages, locale, 'errorNetwork');
    return translate(sharedMessages, locale, 'errorStatus', { status: e.status });
  }
  if (e instanceof Error && e.message) return e.message;
  return translate(sharedMessages, locale, 'errorUnknown');
}
