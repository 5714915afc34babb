// antd in the user's language (zh-CN by default), dayjs following it, one theme for the console. antd's
// <App> (message, modal, notification) is mounted by the lazily loaded screens, to keep the first chunk small.
import { ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { useEffect, type ReactNode } from 'react';
import { setDayjsLocale } from '../shared/format/time.ts';
import { useLocale } from '../shared/i18n/i18n.tsx';

const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
  },
};

export function Providers({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  setDayjsLocale(locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
      {children}
    </ConfigProvider>
  );
}
