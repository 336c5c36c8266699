import { Tag } from 'antd';
import type { MessageKey, Translate } from '../i18n/index.tsx';
import type { Application } from './api.ts';
import { repairZhCN } from './messages.ts';

const STATUS_COLORS: Record<Application['status'], string> = { accepted: 'blue', reviewed: 'gold', granted: 'green', refused: 'red' };

export function StatusTag({ status, t }: { status: Application['status']; t: Translate }) {
  return <Tag color={STATUS_COLORS[status]}>{t(`repair.status.${status}` as MessageKey)}</Tag>;
}

/** A refusal or grant reason in the reader's language; an unknown code shows its note. */
export function reasonText(reason: { code: string; note: string }, t: Translate): string {
  const key = `repair.reason.${reason.code.replace(/^repair\./, '')}`;
  return key in repairZhCN ? t(key as MessageKey, { note: reason.note }) : reason.note;
}
