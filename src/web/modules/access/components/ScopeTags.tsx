import { Tag, Tooltip } from 'antd';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { isTokenScope } from '../access.adapters.ts';
import { accessMessages } from '../locales/index.ts';

const color = { ingest: 'geekblue', read: 'green', act: 'orange', admin: 'red' } as const;

export function ScopeTags({ scopes }: { scopes: string[] }) {
  const t = useT(accessMessages);
  return (
    <>
      {scopes.map((s) =>
        isTokenScope(s) ? (
          <Tooltip key={s} title={t(`scopeHint_${s}`)}>
            <Tag color={color[s]}>{t(`scope_${s}`)}</Tag>
          </Tooltip>
        ) : (
          <Tag key={s}>{s}</Tag>
        ),
      )}
    </>
  );
}
