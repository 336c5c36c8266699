import type { ComponentType } from 'react';
import { AuditOutlined, BarChartOutlined, FileProtectOutlined, SolutionOutlined } from '@ant-design/icons';
import type { NavItem } from '../shell/navigation.tsx';
import { CheckPage } from './CheckPage.tsx';
import { DashboardPage } from './DashboardPage.tsx';
import { MemorandaPage } from './MemorandaPage.tsx';
import { TasksPage } from './TasksPage.tsx';

/** The joint reward and punishment pages by path, and their navigation items (each with the permission it needs). */
export const SANCTIONS_PAGES: Record<string, ComponentType> = {
  '/admin/sanctions/check': CheckPage,
  '/admin/sanctions/tasks': TasksPage,
  '/admin/sanctions/memoranda': MemorandaPage,
  '/admin/sanctions/dashboard': DashboardPage,
};

export const SANCTIONS_NAV: readonly NavItem[] = [
  { path: '/admin/sanctions/check', permission: 'sanctions:check', label: 'nav.sanctionsCheck', icon: <AuditOutlined />, area: 'admin' },
  { path: '/admin/sanctions/tasks', permission: 'sanctions:tasks', label: 'nav.sanctionsTasks', icon: <SolutionOutlined />, area: 'admin' },
  { path: '/admin/sanctions/memoranda', permission: 'sanctions:read', label: 'nav.sanctionsMemoranda', icon: <FileProtectOutlined />, area: 'admin' },
  { path: '/admin/sanctions/dashboard', permission: 'sanctions:stats', label: 'nav.sanctionsDashboard', icon: <BarChartOutlined />, area: 'admin' },
];
