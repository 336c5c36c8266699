import type { ReactNode } from 'react';
import { ApartmentOutlined, DashboardOutlined, TeamOutlined } from '@ant-design/icons';
import type { SessionUser } from '../api/client.ts';
import type { MessageKey } from '../i18n/index.tsx';

export interface NavItem {
  path: string;
  /** Shown only to users who hold this permission (the API refuses the data to anyone else anyway). */
  permission: string;
  label: MessageKey;
  icon: ReactNode;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/admin/overview', permission: 'overview:read', label: 'nav.overview', icon: <DashboardOutlined /> },
  { path: '/admin/departments', permission: 'departments:read', label: 'nav.departments', icon: <ApartmentOutlined /> },
  { path: '/admin/users', permission: 'users:read', label: 'nav.users', icon: <TeamOutlined /> },
];

export function navItemsFor(user: SessionUser | null): NavItem[] {
  return NAV_ITEMS.filter((item) => user?.permissions.includes(item.permission));
}
