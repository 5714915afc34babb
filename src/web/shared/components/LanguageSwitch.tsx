import { Segmented } from 'antd';
import { useLocale, type Locale } from '../i18n/i18n.tsx';

/** 中文 / English; the labels are each in their own language on purpose */
export function LanguageSwitch({ label }: { label: string }) {
  const { locale, setLocale } = useLocale();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={label}
      value={locale}
      onChange={setLocale}
      options={[
        { label: <span lang="zh-CN">中文</span>, value: 'zh-CN' },
        { label: <span lang="en">EN</span>, value: 'en' },
      ]}
    />
  );
}
