import type { ComponentType, ReactElement } from 'react';
import { AlertOutlined, ReadOutlined } from '@ant-design/icons';
import type { NavItem } from '../shell/navigation.tsx';
import { CaseDetailPage, CasesPage } from './CasesPage.tsx';
import { CasesWorkbenchPage } from './CasesWorkbenchPage.tsx';
import { SearchPage } from './SearchPage.tsx';
import { TipFormPage, TipLookupPage } from './TipPages.tsx';
import { TipsWorkbenchPage } from './TipsWorkbenchPage.tsx';

export { PortalHome } from './PortalHome.tsx';

/** The public portal's pages (no login, outside the signed-in layout), or null for another path. */
export function portalPage(pathname: string): ReactElement | null {
  if (pathname === '/search') return <SearchPage />;
  if (pathname === '/cases') return <CasesPage />;
  if (pathname.startsWith('/cases/')) return <CaseDetailPage id={decodeURIComponent(pathname.slice('/cases/'.length))} />;
  if (pathname === '/tips/new') return <TipFormPage />;
  if (pathname === '/tips/lookup') return <TipLookupPage />;
  return null;
}

/** The workbench pages by path, and their navigation items (each with the permission it needs). */
export const DISCLOSURE_PAGES: Record<string, ComponentType> = {
  '/admin/disclosure/cases': CasesWorkbenchPage,
  '/admin/disclosure/tips': TipsWorkbenchPage,
};

export const DISCLOSURE_NAV: readonly NavItem[] = [
  { path: '/admin/disclosure/cases', permission: 'disclosure:manage', label: 'nav.disclosureCases', icon: <ReadOutlined />, area: 'admin' },
  { path: '/admin/disclosure/tips', permission: 'disclosure:tips', label: 'nav.disclosureTips', icon: <AlertOutlined />, area: 'admin' },
];
