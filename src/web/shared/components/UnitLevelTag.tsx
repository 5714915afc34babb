import { Tag } from 'antd';
import { useT } from '../i18n/i18n.tsx';
import { sharedMessages } from '../locales/index.ts';
import { isUnitLevel, unitLevelColor, unitLevelKey } from '../unit-level.ts';

/** 省级 / 市级 / 县级 / 中队, or the raw code for a level the console does not know yet */
export function UnitLevelTag({ level }: { level: string }) {
  const t = useT(sharedMessages);
  const key = unitLevelKey(level);
  return (
    <Tag color={isUnitLevel(level) ? unitLevelColor[level] : undefined} style={{ marginInlineEnd: 0 }}>
      {key ? t(key) : level}
    </Tag>
  );
}
