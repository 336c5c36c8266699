import { useEffect, useState } from 'react';
import { Space, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import { isJobActive, type ImportJob } from './api.ts';
import { endOfDueDate, shanghaiDate, splitDuration } from './format.ts';

/**
 * A job's check deadline (河南省社会信用条例 Art. 17: 5 working days) and how it stands: answered in
 * time, answered late, waiting, or overdue. `overdue` is the server's word for an unanswered job
 * (`/submissions/due`); without it the browser's clock decides.
 */
export function DueDateTag({ job, overdue }: { job: Pick<ImportJob, 'status' | 'dueDate' | 'finishedAt'>; overdue?: boolean }) {
  const { t } = useI18n();
  let state: 'onTime' | 'late' | 'waiting' | 'overdue';
  if (!isJobActive(job) && job.finishedAt) state = shanghaiDate(job.finishedAt) > job.dueDate ? 'late' : 'onTime';
  else state = (overdue ?? Date.now() >= endOfDueDate(job.dueDate)) ? 'overdue' : 'waiting';
  const color = { onTime: 'success', late: 'error', waiting: 'processing', overdue: 'error' }[state];
  return (
    <Space size={4} data-testid="due-date" data-state={state}>
      <Typography.Text type={state === 'overdue' || state === 'late' ? 'danger' : undefined} strong={state === 'overdue'}>
        {job.dueDate}
      </Typography.Text>
      <Tag color={color}>{t(`records.due.state.${state}`)}</Tag>
    </Space>
  );
}

/** The current time, updated every `ms`: for countdowns. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}

/** Time left until the end of the due date, or how long it is overdue; ticks every second. */
export function Countdown({ dueDate, now }: { dueDate: string; now: number }) {
  const { t } = useI18n();
  const left = endOfDueDate(dueDate) - now;
  const { days, hours, minutes, seconds } = splitDuration(Math.abs(left));
  const clock = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  const text = left >= 0 ? t('records.due.left', { days, clock }) : t('records.due.overdueBy', { days, clock });
  // Less than a day left is urgent.
  const type = left < 0 ? 'danger' : left < 86_400_000 ? 'warning' : undefined;
  return (
    <Typography.Text type={type} data-testid="countdown" data-ms-left={left} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {text}
    </Typography.Text>
  );
}
