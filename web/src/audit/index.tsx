import type { ComponentType } from 'react';
import { AuditOutlined, FieldTimeOutlined, FileSearchOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { AUTHENTICATED } from '../shell/auth.tsx';
import type { NavItem } from '../shell/navigation.tsx';
import { FindingsPage } from './FindingsPage.tsx';
import { IntegrityPage } from './IntegrityPage.tsx';
import { MyAccessLogPage } from './MyAccessLogPage.tsx';
import { RetentionPage } from './RetentionPage.tsx';

/** The audit pages by path, and their navigation items (each with the permission it needs). */
export const AUDIT_PAGES: Record<string, ComponentType> = {
  '/admin/audit/findings': FindingsPage,
  '/admin/audit/integrity': IntegrityPage,
  '/admin/audit/retention': RetentionPage,
  '/account/access-log': MyAccessLogPage,
};

export const AUDIT_NAV: readonly NavItem[] = [
  { path: '/admin/audit/findings', permission: 'audit:review', label: 'nav.auditFindings', icon: <AuditOutlined />, area: 'admin' },
  { path: '/admin/audit/integrity', permission: 'audit:verify', label: 'nav.auditIntegrity', icon: <SafetyCertificateOutlined />, area: 'admin' },
  { path: '/admin/audit/retention', permission: 'audit:retention', label: 'nav.auditRetention', icon: <FieldTimeOutlined />, area: 'admin' },
  {
    path: '/account/access-log',
    // Anyone signed in may open it (the API answers only about the caller's own person); the menu
    // offers it to those who have one: accounts linked to a person, and citizens (who are told when theirs is not linked).
    permission: AUTHENTICATED,
    shownTo: (user) => user.linkedPerson || user.role === 'citizen',
    label: 'nav.myAccessLog',
    icon: <FileSearchOutlined />,
    area: 'account',
  },
];
