import type { ComponentType } from 'react';
import { AuditOutlined, BarChartOutlined, ExceptionOutlined } from '@ant-design/icons';
import type { NavItem } from '../shell/navigation.tsx';
import { MyObjectionsPage } from './MyObjectionsPage.tsx';
import { QueuePage } from './QueuePage.tsx';
import { StatsPage } from './StatsPage.tsx';

/** The objections pages by path, and their navigation items (each with the permission it needs). */
export const OBJECTIONS_PAGES: Record<string, ComponentType> = {
  '/account/objections': MyObjectionsPage,
  '/admin/objections': QueuePage,
  '/admin/objections/stats': StatsPage,
};

export const OBJECTIONS_NAV: readonly NavItem[] = [
  { path: '/account/objections', permission: 'objections:own', label: 'nav.myObjections', icon: <ExceptionOutlined />, area: 'account' },
  { path: '/admin/objections', permission: 'objections:handle', label: 'nav.objectionQueue', icon: <AuditOutlined />, area: 'admin' },
  { path: '/admin/objections/stats', permission: 'objections:stats', label: 'nav.objectionStats', icon: <BarChartOutlined />, area: 'admin' },
];
