import { defineMessages } from '../../../shared/i18n/i18n.tsx';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export const alcoholMessages = defineMessages(zhCN, en);
