import { useState } from 'react';
import { Alert, App, Button, Input, Space, Table, Tag } from 'antd';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { OverdueCardWithoutOverview } from '../admin/OverdueCard.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { decisionFileUrl, reviewFileUrl, useRepairApi, type Application } from './api.ts';
import { RepairFiles } from './ApplyPage.tsx';
import { StatusTag } from './labels.tsx';

/** Calendar days from today (Asia/Shanghai) to a YYYY-MM-DD date. */
function daysUntil(date: string): number {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  return Math.round((Date.parse(date) - Date.parse(today)) / 86_400_000);
}

function Countdown({ due }: { due: string | null }) {
  const { t } = useI18n();
  if (due === null) return null;
  const days = daysUntil(due);
  return days < 0 ? <Tag color="red">{t('repair.queue.overdue')}</Tag> : <Tag color={days <= 1 ? 'orange' : 'blue'}>{`${due} · ${t('repair.queue.daysLeft', { days })}`}</Tag>;
}

/** The source department's review queue (`review`) or the platform's decision queue (`decide`), with deadline countdowns. */
function Queue({ mode }: { mode: 'review' | 'decide' }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const repair = useRepairApi();
  const list = useApiData(mode === 'review' ? repair.reviewQueue : repair.decisionQueue);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const act = async (a: Application, outcome: 'confirmed' | 'false_material' | 'grant' | 'refuse') => {
    setProblem(null);
    const note = notes[a.id]?.trim() || t(outcome === 'confirmed' ? 'repair.queue.confirm' : outcome === 'false_material' ? 'repair.queue.falseMaterial' : outcome === 'grant' ? 'repair.queue.grant' : 'repair.queue.refuse');
    try {
      if (outcome === 'confirmed' || outcome === 'false_material') await repair.review(a.id, { outcome, note, version: a.version });
      else await repair.decide(a.id, { outcome, note, version: a.version });
      message.success(t('repair.queue.done'));
      list.reload();
    } catch (error) {
      setProblem(describeError(error, t));
    }
  };
  const open = (list.data ?? []).filter((a) => (mode === 'review' ? a.status === 'accepted' : a.status === 'reviewed'));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t(mode === 'review' ? 'repair.queue.reviewTitle' : 'repair.queue.decideTitle')} />
      <OverdueCardWithoutOverview />
      {(problem ?? (list.error !== undefined ? describeError(list.error, t) : null)) !== null && <Alert type="error" showIcon title={problem ?? describeError(list.error, t)} />}
      <Table<Application>
        data-testid="repair-queue"
        rowKey="id"
        loading={list.loading}
        dataSource={open}
        pagination={false}
        columns={[
          { title: t('repair.col.record'), render: (_, a) => `${a.itemCode} · ${a.severity}` },
          { title: t('repair.col.status'), render: (_, a) => <StatusTag status={a.status} t={t} /> },
          { title: t('repair.col.appliedOn'), dataIndex: 'appliedOn' },
          { title: t('repair.col.due'), render: (_, a) => <Countdown due={mode === 'review' ? a.reviewDueOn : a.decisionDueOn} /> },
          // The department reviewing and the platform deciding open its evidence (each a logged read).
          { title: t('repair.col.files'), render: (_: unknown, a: Application) => <RepairFiles application={a} href={mode === 'review' ? reviewFileUrl : decisionFileUrl} /> },
          {
            title: t('repair.col.actions'),
            render: (_, a) => (
              <Space>
                <Input placeholder={t('repair.queue.note')} value={notes[a.id] ?? ''} onChange={(e) => setNotes({ ...notes, [a.id]: e.target.value })} style={{ width: 200 }} />
                {mode === 'review' ? (
                  <>
                    <Button type="primary" onClick={() => act(a, 'confirmed')}>
                      {t('repair.queue.confirm')}
                    </Button>
                    <Button danger onClick={() => act(a, 'false_material')}>
                      {t('repair.queue.falseMaterial')}
                    </Button>
                  </>
                ) : (
                  <>
                    <Button type="primary" onClick={() => act(a, 'grant')}>
                      {t('repair.queue.grant')}
                    </Button>
                    <Button danger onClick={() => act(a, 'refuse')}>
                      {t('repair.queue.refuse')}
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}

export const ReviewQueuePage = () => <Queue mode="review" />;
export const DecisionQueuePage = () => <Queue mode="decide" />;
