import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { sharedMessages } from '../locales/index.ts';

/** the Clipboard API exists only in secure contexts; over plain http fall back to a selected textarea */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  const active = document.activeElement as HTMLElement | null;
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  active?.focus();
  return ok;
}

export function CopyButton({ text, children, ...rest }: { text: string } & Omit<ButtonProps, 'onClick'>) {
  const t = useT(sharedMessages);
  const { message } = App.useApp();
  const [done, setDone] = useState(false);
  return (
    <Button
      icon={done ? <CheckOutlined /> : <CopyOutlined />}
      onClick={async () => {
        const ok = await copyText(text);
        if (ok) {
          setDone(true);
          message.success(t('copied'));
          window.setTimeout(() => setDone(false), 2000);
        } else message.error(t('copyFailed'));
      }}
      {...rest}
    >
      {children ?? t('copy')}
    </Button>
  );
}
