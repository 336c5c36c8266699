import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { describeError } from '../api/ApiProvider.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { useCitizenApi, type BlacklistBody, type BlacklistEntry } from './api.ts';

/** `/admin/agency-blacklist`: the platform admin keeps violating credit agencies out (policy (四)8) and lifts entries. */
export function BlacklistPage() {
  const { t, formatInstant } = useI18n();
  const { message } = App.useApp();
  const citizen = useCitizenApi();
  const list = useApiData(citizen.blacklist);
  const [form] = Form.useForm<BlacklistBody>();
  const [problem, setProblem] = useState<string | null>(null);
  const [liftReason, setLiftReason] = useState('');
  const required = [{ required: true, whitespace: true, message: t('authz.required') }];

  const add = async (values: BlacklistBody) => {
    setProblem(null);
    try {
      await citizen.addToBlacklist({ ...values, ...(values.until ? {} : { until: undefined }) });
      form.resetFields();
      list.reload();
    } catch (error) {
      setProblem(describeError(error, t));
    }
  };
  const lift = async (id: string) => {
    try {
      await citizen.liftBlacklistEntry(id, liftReason);
      setLiftReason('');
      list.reload();
    } catch (error) {
      message.error(describeError(error, t));
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('blacklist.title')} subtitle={t('blacklist.subtitle')} />
      <Card title={t('blacklist.add')}>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        <Form<BlacklistBody> form={form} layout="vertical" onFinish={add}>
          <Space wrap align="start" size="middle">
            <Form.Item name="organizationCode" label={t('authz.organizationCode')} rules={required}>
              <Input maxLength={18} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="organizationName" label={t('authz.organizationName')} rules={required}>
              <Input maxLength={100} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="from" label={t('blacklist.from')} rules={required}>
              <Input placeholder="YYYY-MM-DD" style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="until" label={t('blacklist.until')}>
              <Input placeholder="YYYY-MM-DD" style={{ width: 150 }} />
            </Form.Item>
          </Space>
          <Form.Item name="basis" label={t('blacklist.basis')} rules={required}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('blacklist.add')}
          </Button>
        </Form>
      </Card>
      {list.error !== undefined && <Alert type="error" showIcon title={describeError(list.error, t)} />}
      <Table<BlacklistEntry>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('blacklist.empty') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('authz.organizationName'), dataIndex: 'organizationName' },
          { title: t('authz.organizationCode'), dataIndex: 'organizationCode' },
          { title: t('blacklist.basis'), dataIndex: 'basis' },
          { title: `${t('blacklist.from')} – ${t('blacklist.until')}`, key: 'period', render: (_, e) => `${e.from} – ${e.until ?? '…'}` },
          { title: t('authz.state'), key: 'state', render: (_, e) => (e.liftedAt ? <Tag>{`${t('blacklist.lifted')} ${formatInstant(e.liftedAt)}`}</Tag> : <Tag color={e.inForce ? 'red' : 'default'}>{t(e.inForce ? 'blacklist.inForce' : 'blacklist.notInForce')}</Tag>) },
          {
            key: 'actions',
            render: (_, e) =>
              e.liftedAt ? (e.liftReason ?? null) : (
                <Popconfirm
                  title={t('blacklist.liftReason')}
                  description={<Input value={liftReason} onChange={(ev) => setLiftReason(ev.target.value)} maxLength={200} />}
                  okButtonProps={{ disabled: liftReason.trim().length < 2 }}
                  onConfirm={() => lift(e.id)}
                  okText={t('blacklist.lift')}
                  cancelText={t('common.cancel')}
                >
                  <Button size="small">{t('blacklist.lift')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Space>
  );
}
