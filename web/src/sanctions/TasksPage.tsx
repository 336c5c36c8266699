import { useState } from 'react';
import { Alert, App, Button, Empty, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useSanctionsApi, type Task, type TaskStatus } from './api.ts';

type Action = 'acknowledge' | 'apply' | 'close';
const STATUSES: TaskStatus[] = ['initiated', 'acknowledged', 'applied', 'closed'];

/** What the department may do next with a task (发起 → 响应 → 惩戒/激励 → 反馈). */
function actionsFor(task: Task): Action[] {
  if (task.status === 'initiated') return ['acknowledge'];
  if (task.status === 'acknowledged' || task.status === 'applied') return ['apply', 'close'];
  return [];
}

/**
 * `/admin/sanctions/tasks` (sanctions:tasks): the department workbench — the tasks listings
 * initiated for it, their deadlines, and the steps that close them.
 */
export function TasksPage() {
  const sanctions = useSanctionsApi();
  const { t, formatInstant } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<TaskStatus | 'all'>('all');
  const tasks = useApiData(() => sanctions.tasks(status === 'all' ? undefined : status), { refreshMs: 60_000 });
  const [open, setOpen] = useState<{ task: Task; action: Action } | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [form] = Form.useForm<{ note?: string; measureCode?: string; outcome?: string }>();

  const submit = async () => {
    if (!open) return;
    const values = await form.validateFields();
    try {
      const { task, action } = open;
      if (action === 'acknowledge') await sanctions.acknowledge(task, values.note ?? '');
      else if (action === 'apply') await sanctions.apply(task, values.measureCode!, values.outcome!);
      else await sanctions.close(task, values.note!);
      message.success(t(`sanctions.tasks.${action}`));
      setOpen(null);
      form.resetFields();
      tasks.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader
        title={t('sanctions.tasks.title')}
        subtitle={t('sanctions.tasks.subtitle')}
        extra={
          <Space>
            <Segmented
              value={status}
              onChange={(v) => setStatus(v as TaskStatus | 'all')}
              options={[{ value: 'all', label: '—' }, ...STATUSES.map((s) => ({ value: s, label: t(`sanctions.status.${s}`) }))]}
            />
            <Button icon={<ReloadOutlined />} onClick={tasks.reload} />
          </Space>
        }
      />
      {(tasks.error ?? error) !== undefined && <Alert type="error" showIcon title={describeError(tasks.error ?? error, t)} />}
      <Table<Task>
        rowKey="id"
        data-testid="sanctions-tasks"
        loading={tasks.data === undefined}
        dataSource={tasks.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('sanctions.tasks.empty')} /> }}
        pagination={false}
        expandable={{
          expandedRowRender: (task) => (
            <Timeline
              items={task.events.map((e) => ({ children: `${formatInstant(e.at)} ${t(`sanctions.event.${e.kind}` as MessageKey)}${e.note ? `：${e.note}` : ''}` }))}
            />
          ),
        }}
        columns={[
          { title: t('sanctions.tasks.subject'), dataIndex: 'subjectLabel' },
          { title: t('sanctions.tasks.list'), render: (_, task) => t(`sanctions.list.${task.list}` as MessageKey) },
          {
            title: t('sanctions.tasks.measures'),
            render: (_, task) => (
              <Space wrap size={4}>
                {task.measures.map((m) => (
                  <Tag key={m.code} color={m.kind === 'punishment' ? 'red' : 'green'}>
                    {m.name}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t('sanctions.tasks.status'), render: (_, task) => t(`sanctions.status.${task.status}`) },
          {
            title: t('sanctions.tasks.due'),
            render: (_, task) => (
              <Space>
                {task.acknowledgeDueOn}
                {task.isOverdue && <Tag color="red">{t('sanctions.tasks.overdue')}</Tag>}
              </Space>
            ),
          },
          {
            title: '',
            render: (_, task) => (
              <Space>
                {actionsFor(task).map((action) => (
                  <Button key={action} size="small" type={action === 'close' ? 'default' : 'primary'} onClick={() => setOpen({ task, action })}>
                    {t(`sanctions.tasks.${action}`)}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={open !== null} title={open ? t(`sanctions.tasks.${open.action}`) : ''} onOk={submit} onCancel={() => setOpen(null)} destroyOnHidden>
        <Form form={form} layout="vertical">
          {open?.action === 'apply' && (
            <>
              <Form.Item name="measureCode" label={t('sanctions.tasks.measures')} rules={[{ required: true }]}>
                <Select options={open.task.measures.map((m) => ({ value: m.code, label: m.name }))} />
              </Form.Item>
              <Form.Item name="outcome" label={t('sanctions.tasks.outcome')} rules={[{ required: true }]}>
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
            </>
          )}
          {open?.action !== 'apply' && (
            <Form.Item name="note" label={t('sanctions.tasks.note')} rules={[{ required: open?.action === 'close' }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
        </Form>
        <Typography.Text type="secondary">{open?.task.subjectLabel}</Typography.Text>
      </Modal>
    </Space>
  );
}
