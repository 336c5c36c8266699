import type { ComponentType } from 'react';
import { App as AntdApp, ConfigProvider } from 'antd';
import { AccountArea, isAccountPath } from './account/index.tsx';
import { DepartmentsPage } from './admin/DepartmentsPage.tsx';
import { OverviewPage } from './admin/OverviewPage.tsx';
import { UsersPage } from './admin/UsersPage.tsx';
import { ApiProvider } from './api/ApiProvider.tsx';
import { I18nProvider, useI18n } from './i18n/index.tsx';
import { AUDIT_PAGES } from './audit/index.tsx';
import { CATALOG_PAGES } from './catalog/index.tsx';
import { RECORDS_PAGES } from './records/index.tsx';
import { CALENDAR_PAGES } from './calendar/index.tsx';
import { ASSOCIATIONS_PAGES } from './associations/index.tsx';
import { SANCTIONS_PAGES } from './sanctions/index.tsx';
import { LISTS_PAGES } from './lists/index.tsx';
import { CITIZEN_PAGES } from './citizen/index.tsx';
import { REPAIR_PAGES } from './repair/index.tsx';
import { OBJECTIONS_PAGES } from './objections/index.tsx';
import { EXCHANGE_PAGES } from './exchange/index.tsx';
import { VERIFY_REPORT_PATH, VerifyReportPage } from './reports/index.tsx';
import { DISCLOSURE_PAGES, PortalHome, portalPage } from './portal/index.tsx';
import { AppLayout } from './shell/AppLayout.tsx';
import { AuthProvider, RequireAuth } from './shell/auth.tsx';
import { LoginPage } from './shell/LoginPage.tsx';
import { NAV_ITEMS } from './shell/navigation.tsx';
import { AdminHome, NotFoundPage } from './shell/pages.tsx';
import { RouterProvider, useLocation } from './shell/router.tsx';

const ADMIN_PAGES: Record<string, ComponentType> = {
  '/admin/overview': OverviewPage,
  '/admin/departments': DepartmentsPage,
  '/admin/users': UsersPage,
  ...AUDIT_PAGES,
  ...CATALOG_PAGES,
  ...RECORDS_PAGES,
  ...CALENDAR_PAGES,
  ...ASSOCIATIONS_PAGES,
  ...SANCTIONS_PAGES,
  ...LISTS_PAGES,
  ...CITIZEN_PAGES,
  ...REPAIR_PAGES,
  ...OBJECTIONS_PAGES,
  ...EXCHANGE_PAGES,
  ...DISCLOSURE_PAGES,
};

function Routes() {
  const raw = useLocation().pathname;
  const pathname = raw.length > 1 ? raw.replace(/\/+$/, '') : raw;

  if (pathname === '/') return <PortalHome />;
  if (pathname === '/login') return <LoginPage />;
  if (pathname === VERIFY_REPORT_PATH) return <VerifyReportPage />;
  const publicPage = portalPage(pathname);
  if (publicPage) return publicPage;
  if (isAccountPath(pathname)) return <AccountArea pathname={pathname} />;
  if (pathname === '/admin' || pathname.startsWith('/admin/')) {
    const item = NAV_ITEMS.find((i) => i.path === pathname);
    const Page = ADMIN_PAGES[pathname];
    return (
      <RequireAuth>
        <AppLayout>
          {pathname === '/admin' ? (
            <AdminHome />
          ) : item && Page ? (
            <RequireAuth permission={item.permission}>
              <Page />
            </RequireAuth>
          ) : (
            <NotFoundPage />
          )}
        </AppLayout>
      </RequireAuth>
    );
  }
  return <NotFoundPage />;
}

function Themed() {
  const { antdLocale } = useI18n();
  return (
    <ConfigProvider locale={antdLocale} theme={{ token: { colorPrimary: '#1d5fbf', borderRadius: 6 } }}>
      <AntdApp>
        <ApiProvider>
          <RouterProvider>
            <AuthProvider>
              <Routes />
            </AuthProvider>
          </RouterProvider>
        </ApiProvider>
      </AntdApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
