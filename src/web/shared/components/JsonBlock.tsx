import { prettyJson } from '../format/json.ts';
import { useT } from '../i18n/i18n.tsx';
import { sharedMessages } from '../locales/index.ts';

/** a raw body, pretty-printed when it parses as JSON */
export function JsonBlock({ value, label }: { value: unknown; label?: string }) {
  const t = useT(sharedMessages);
  const { text, isJson } = prettyJson(value);
  return (
    <div>
      {!isJson && typeof value === 'string' && /^\s*[[{]/.test(value) && <div className="bh-muted">{t('jsonInvalid')}</div>}
      <pre className="bh-pre" tabIndex={0} aria-label={label}>
        {text}
      </pre>
    </div>
  );
}
