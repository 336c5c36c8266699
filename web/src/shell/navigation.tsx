import type { ReactNode } from 'react';
import { ApartmentOutlined, DashboardOutlined, KeyOutlined, SafetyOutlined, TeamOutlined } from '@ant-design/icons';
import type { SessionUser } from '../api/client.ts';
import type { MessageKey } from '../i18n/index.tsx';
import { hasPermission } from './auth.tsx';
import { AUDIT_NAV } from '../audit/index.tsx';
import { CATALOG_NAV } from '../catalog/index.tsx';
import { RECORDS_NAV } from '../records/index.tsx';
import { CALENDAR_NAV } from '../calendar/index.tsx';
import { ASSOCIATIONS_NAV } from '../associations/index.tsx';
import { SANCTIONS_NAV } from '../sanctions/index.tsx';
import { LISTS_NAV } from '../lists/index.tsx';
import { REPORTS_NAV } from '../reports/index.tsx';
import { CITIZEN_NAV } from '../citizen/index.tsx';
import { REPAIR_NAV } from '../repair/index.tsx';
import { OBJECTIONS_NAV } from '../objections/index.tsx';
import { EXCHANGE_NAV } from '../exchange/index.tsx';
import { DISCLOSURE_NAV } from '../portal/index.tsx';


export interface NavItem {
  path: string;
  /** Shown only to users who hold this permission (the API refuses the data to anyone else anyway). */
  permission: string;
  label: MessageKey;
  icon: ReactNode;
  /** `admin`: the workbench pages; `account`: the user's own account, for every signed-in user. */
  area: 'admin' | 'account';
  /** Narrows who sees the item beyond its permission (e.g. only accounts linked to a person). */
  shownTo?: (user: SessionUser) => boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/admin/overview', permission: 'overview:read', label: 'nav.overview', icon: <DashboardOutlined />, area: 'admin' },
  { path: '/admin/departments', permission: 'departments:read', label: 'nav.departments', icon: <ApartmentOutlined />, area: 'admin' },
  { path: '/admin/users', permission: 'users:read', label: 'nav.users', icon: <TeamOutlined />, area: 'admin' },
  ...AUDIT_NAV,
  ...CATALOG_NAV,
  ...RECORDS_NAV,
  ...CALENDAR_NAV,
  ...ASSOCIATIONS_NAV,
  ...SANCTIONS_NAV,
  ...LISTS_NAV,
  ...REPORTS_NAV,
  ...CITIZEN_NAV,
  ...REPAIR_NAV,
  ...OBJECTIONS_NAV,
  ...EXCHANGE_NAV,
  ...DISCLOSURE_NAV,
  { path: '/account/password', permission: 'account:password', label: 'nav.password', icon: <KeyOutlined />, area: 'account' },
  { path: '/account/two-factor', permission: 'account:two-factor-setup', label: 'nav.twoFactor', icon: <SafetyOutlined />, area: 'account' },
];

export function navItemsFor(user: SessionUser | null, area?: NavItem['area']): NavItem[] {
  return NAV_ITEMS.filter(
    (item) => user !== null && hasPermission(user, item.permission) && (item.shownTo?.(user) ?? true) && (area === undefined || item.area === area),
  );
}
