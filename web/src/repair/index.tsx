import type { ComponentType } from 'react';
import { AuditOutlined, BarChartOutlined, MedicineBoxOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { NavItem } from '../shell/navigation.tsx';
import { ApplyPage } from './ApplyPage.tsx';
import { DecisionQueuePage, ReviewQueuePage } from './QueuePage.tsx';
import { StatsPage } from './StatsPage.tsx';

/** The credit repair pages by path, and their navigation items (each with the permission it needs). */
export const REPAIR_PAGES: Record<string, ComponentType> = {
  '/account/repair': ApplyPage,
  '/admin/repair/reviews': ReviewQueuePage,
  '/admin/repair/decisions': DecisionQueuePage,
  '/admin/repair/stats': StatsPage,
};

export const REPAIR_NAV: readonly NavItem[] = [
  { path: '/account/repair', permission: 'repair:own', label: 'nav.repairApply', icon: <MedicineBoxOutlined />, area: 'account' },
  { path: '/admin/repair/reviews', permission: 'repair:review', label: 'nav.repairReviews', icon: <AuditOutlined />, area: 'admin' },
  { path: '/admin/repair/decisions', permission: 'repair:decide', label: 'nav.repairDecisions', icon: <SafetyCertificateOutlined />, area: 'admin' },
  { path: '/admin/repair/stats', permission: 'repair:stats', label: 'nav.repairStats', icon: <BarChartOutlined />, area: 'admin' },
];
