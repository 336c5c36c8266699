import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { placeUnderFields } from '../components/problemFields.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useExchangeApi, type Change } from './api.ts';

const KIND_COLOR: Record<Change['kind'], string> = { repair_granted: 'green', record_corrected: 'blue', record_revoked: 'red', entry_revoked: 'red' };

/**
 * `/admin/exchange`: the changes owed to the provincial platform (repairs granted, records
 * corrected or revoked), oldest first; the operator who sent a batch records the upstream's receipt.
 */
export function ExchangePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const exchange = useExchangeApi();
  const [status, setStatus] = useState<'pending' | 'acknowledged'>('pending');
  const list = useApiData(() => exchange.changes(status));
  const { reload } = list;
  useEffect(reload, [status, reload]);
  const [selected, setSelected] = useState<string[]>([]);
  const [form] = Form.useForm<{ receipt: string }>();
  const [problem, setProblem] = useState<string | null>(null);

  const acknowledge = async ({ receipt }: { receipt: string }) => {
    setProblem(null);
    try {
      const result = await exchange.acknowledge({ ids: selected, receipt });
      message.success(t('exchange.acknowledged', { count: result.acknowledged }));
      setSelected([]);
      form.resetFields();
      list.reload();
    } catch (error) {
      if (placeUnderFields(form, error, ['receipt'])) setProblem(describeError(error, t));
    }
  };

  const error = problem ?? (list.error !== undefined ? describeError(list.error, t) : null);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader
        title={t('exchange.title')}
        subtitle={t('exchange.subtitle')}
        extra={
          <Segmented
            data-testid="exchange-status"
            value={status}
            onChange={(v) => {
              setSelected([]);
              setStatus(v as 'pending' | 'acknowledged');
            }}
            options={[
              { value: 'pending', label: t('exchange.pending') },
              { value: 'acknowledged', label: t('exchange.acknowledgedTab') },
            ]}
          />
        }
      />
      {error !== null && <Alert type="error" showIcon title={error} />}
      <Typography.Text data-testid="exchange-total">{t('exchange.total', { count: list.data?.total ?? 0 })}</Typography.Text>
      <Table<Change>
        data-testid="exchange-changes"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        rowSelection={status === 'pending' ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined}
        columns={[
          { title: t('exchange.col.kind'), render: (_, c) => <Tag color={KIND_COLOR[c.kind]}>{t(`exchange.kind.${c.kind}` as MessageKey)}</Tag> },
          { title: t('exchange.col.occurredOn'), dataIndex: 'occurredOn' },
          { title: t('exchange.col.target'), render: (_, c) => <Typography.Text code>{`${c.target.kind}:${c.target.id.slice(0, 8)}`}</Typography.Text> },
          { title: t('exchange.col.basis'), dataIndex: 'basis' },
          { title: t('exchange.col.receipt'), render: (_, c) => c.receipt ?? '—' },
        ]}
      />
      {status === 'pending' && (
        <Form form={form} layout="inline" onFinish={acknowledge} data-testid="exchange-acknowledge">
          <Form.Item name="receipt" label={t('exchange.receipt')} rules={[{ required: true, whitespace: true, message: t('exchange.receiptRequired') }]}>
            <Input maxLength={100} placeholder="HN-2026-…" />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={selected.length === 0}>
            {t('exchange.acknowledge', { count: selected.length })}
          </Button>
        </Form>
      )}
    </Space>
  );
}
