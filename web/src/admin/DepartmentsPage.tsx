import { useMemo, useState } from 'react';
import { Alert, Flex, Input, Space, Table, Typography } from 'antd';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import type { Department } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';

export function DepartmentsPage() {
  const api = useApi();
  const { t } = useI18n();
  const { data, error, loading } = useApiData(api.departments);
  const [filter, setFilter] = useState('');

  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return (data ?? []).filter((d) => !q || d.name.toLowerCase().includes(q) || d.orgCode.toLowerCase().includes(q));
  }, [data, filter]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('departments.title')}
        </Typography.Title>
        <Input.Search allowClear placeholder={t('departments.filter')} style={{ maxWidth: 280 }} onChange={(e) => setFilter(e.target.value)} />
      </Flex>
      {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} />}
      <Table<Department>
        data-testid="departments-table"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, showTotal: (count) => t('departments.total', { count }), hideOnSinglePage: false }}
        columns={[
          { title: t('departments.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
          { title: t('departments.orgCode'), dataIndex: 'orgCode', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
        ]}
      />
    </Space>
  );
}
