import type { ComponentType } from 'react';
import { FileProtectOutlined } from '@ant-design/icons';
import type { NavItem } from '../shell/navigation.tsx';
import { MyReportPage } from './MyReportPage.tsx';

export { VerifyReportPage } from './VerifyReportPage.tsx';

/** The public verification page's path (no login; rendered outside the signed-in layout). */
export const VERIFY_REPORT_PATH = '/verify';

/** The report pages by path, and their navigation items (each with the permission it needs). */
export const REPORTS_PAGES: Record<string, ComponentType> = {
  '/account/report': MyReportPage,
};

export const REPORTS_NAV: readonly NavItem[] = [{ path: '/account/report', permission: 'reports:own', label: 'nav.myReport', icon: <FileProtectOutlined />, area: 'account' }];
