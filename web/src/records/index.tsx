import type { ComponentType } from 'react';
import { BarChartOutlined, CloudUploadOutlined, DatabaseOutlined, FieldTimeOutlined, HistoryOutlined } from '@ant-design/icons';
import { AUTHENTICATED } from '../shell/auth.tsx';
import type { NavItem } from '../shell/navigation.tsx';
import { BrowsePage } from './BrowsePage.tsx';
import { canSeeDue, DuePage } from './DuePage.tsx';
import { JobsPage } from './JobsPage.tsx';
import { StatsPage } from './StatsPage.tsx';
import { UploadPage } from './UploadPage.tsx';

/** The records pages by path, and their navigation items (each with the permission it needs). */
export const RECORDS_PAGES: Record<string, ComponentType> = {
  '/admin/records/upload': UploadPage,
  '/admin/records/jobs': JobsPage,
  '/admin/records/browse': BrowsePage,
  '/admin/records/due': DuePage,
  '/admin/records/stats': StatsPage,
};

export const RECORDS_NAV: readonly NavItem[] = [
  { path: '/admin/records/upload', permission: 'records:submit', label: 'nav.recordsUpload', icon: <CloudUploadOutlined />, area: 'admin' },
  { path: '/admin/records/jobs', permission: 'records:read', label: 'nav.recordsJobs', icon: <HistoryOutlined />, area: 'admin' },
  { path: '/admin/records/browse', permission: 'records:read', label: 'nav.recordsBrowse', icon: <DatabaseOutlined />, area: 'admin' },
  {
    path: '/admin/records/due',
    // Either records:read (the department's own) or records:stats (every department's): the page checks which.
    permission: AUTHENTICATED,
    shownTo: canSeeDue,
    label: 'nav.recordsDue',
    icon: <FieldTimeOutlined />,
    area: 'admin',
  },
  { path: '/admin/records/stats', permission: 'records:stats', label: 'nav.recordsStats', icon: <BarChartOutlined />, area: 'admin' },
];
