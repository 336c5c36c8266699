import type { ComponentType } from 'react';
import { AppLayout } from '../shell/AppLayout.tsx';
import { RequireAuth } from '../shell/auth.tsx';
import { NAV_ITEMS } from '../shell/navigation.tsx';
import { NotFoundPage } from '../shell/pages.tsx';
import { AUDIT_PAGES } from '../audit/index.tsx';
import { CATALOG_PAGES } from '../catalog/index.tsx';
import { RECORDS_PAGES } from '../records/index.tsx';
import { CALENDAR_PAGES } from '../calendar/index.tsx';
import { LISTS_PAGES } from '../lists/index.tsx';
import { REPORTS_PAGES } from '../reports/index.tsx';
import { CITIZEN_PAGES } from '../citizen/index.tsx';
import { OBJECTIONS_PAGES } from '../objections/index.tsx';
import { REPAIR_PAGES } from '../repair/index.tsx';
import { PasswordPage } from './PasswordPage.tsx';
import { TwoFactorPage } from './TwoFactorPage.tsx';

/** The signed-in user's own account: password, second factor. Every role has these pages. */
const ACCOUNT_PAGES: Record<string, ComponentType> = {
  '/account/password': PasswordPage,
  '/account/two-factor': TwoFactorPage,
  ...AUDIT_PAGES,
  ...CATALOG_PAGES,
  ...RECORDS_PAGES,
  ...CALENDAR_PAGES,
  ...LISTS_PAGES,
  ...REPORTS_PAGES,
  ...CITIZEN_PAGES,
  ...OBJECTIONS_PAGES,
  ...REPAIR_PAGES,
};

export function isAccountPath(pathname: string): boolean {
  return pathname === '/account' || pathname.startsWith('/account/');
}

/** Renders `/account/*` inside the signed-in layout; each page needs its navigation item's permission. */
export function AccountArea({ pathname }: { pathname: string }) {
  const item = NAV_ITEMS.find((i) => i.path === pathname);
  const Page = ACCOUNT_PAGES[pathname];
  return (
    <RequireAuth>
      <AppLayout>
        {item && Page ? (
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
