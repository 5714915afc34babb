import { Tag } from 'antd';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { isLevel, levelColor } from '../alerts.adapters.ts';
import { alertMessages } from '../locales/index.ts';

/** 红/橙/黄/蓝 in the level's colour; the word is there too, so colour is never the only signal */
export function LevelTag({ level }: { level: string }) {
  const t = useT(alertMessages);
  if (!isLevel(level)) return <Tag>{level}</Tag>;
  return (
    <Tag color={levelColor[level]} style={{ marginInlineEnd: 0, fontWeight: 600 }} data-level={level}>
      {t(`level_${level}`)}
    </Tag>
  );
}
