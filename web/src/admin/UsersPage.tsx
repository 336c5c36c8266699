import { useMemo, useState } from 'react';
import { Alert, Button, Flex, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import type { User } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { hasPermission, useAuth } from '../shell/auth.tsx';
import { ALL_ROLES, ROLE_LABELS } from '../shell/roles.ts';
import { useApiData } from '../shell/useApiData.ts';
import { AddUserModal } from './AddUserModal.tsx';

export function UsersPage() {
  const api = useApi();
  const { t, formatInstant } = useI18n();
  const { user } = useAuth();
  const users = useApiData(api.users);
  const canManage = hasPermission(user, 'users:manage');
  // Department names for the table and the form; without departments:read the id is shown instead.
  const departments = useApiData(() => (hasPermission(user, 'departments:read') ? api.departments() : Promise.resolve([])));
  const [adding, setAdding] = useState(false);

  const departmentName = useMemo(() => new Map((departments.data ?? []).map((d) => [d.id, d.name])), [departments.data]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-user">
            {t('users.add')}
          </Button>
        )}
      </Flex>
      {users.error !== undefined && <Alert type="error" showIcon title={describeError(users.error, t)} />}
      <Table<User>
        data-testid="users-table"
        rowKey="id"
        loading={users.loading}
        dataSource={users.data?.items ?? []}
        pagination={{ pageSize: 20, showTotal: (count) => t('users.total', { count }) }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('users.username'), dataIndex: 'username', render: (name: string) => <Typography.Text code>{name}</Typography.Text> },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          {
            title: t('users.role'),
            dataIndex: 'role',
            filters: ALL_ROLES.map((role) => ({ text: t(ROLE_LABELS[role]), value: role })),
            onFilter: (value, row) => row.role === value,
            render: (role: User['role']) => <Tag>{t(ROLE_LABELS[role])}</Tag>,
          },
          {
            title: t('users.department'),
            dataIndex: 'departmentId',
            render: (id: string | null) => (id === null ? '—' : (departmentName.get(id) ?? id)),
          },
          {
            title: t('users.status'),
            dataIndex: 'status',
            render: (status: User['status']) =>
              status === 'active' ? <Tag color="green">{t('users.status.active')}</Tag> : <Tag>{t('users.status.disabled')}</Tag>,
          },
          { title: t('users.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatInstant(at) },
        ]}
      />
      {canManage && (
        <AddUserModal
          open={adding}
          departments={departments.data ?? []}
          onClose={() => setAdding(false)}
          onCreated={() => {
            setAdding(false);
            users.reload();
          }}
        />
      )}
    </Space>
  );
}
