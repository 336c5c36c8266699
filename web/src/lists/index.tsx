import type { ComponentType } from 'react';
import { AlertOutlined, ProfileOutlined } from '@ant-design/icons';
import { AUTHENTICATED } from '../shell/auth.tsx';
import type { NavItem } from '../shell/navigation.tsx';
import { MyEntriesPage } from './MyEntriesPage.tsx';
import { WorkbenchPage } from './WorkbenchPage.tsx';

/** The lists pages by path, and their navigation items (each with the permission it needs). */
export const LISTS_PAGES: Record<string, ComponentType> = {
  '/admin/lists': WorkbenchPage,
  '/account/lists': MyEntriesPage,
};

export const LISTS_NAV: readonly NavItem[] = [
  { path: '/admin/lists', permission: 'lists:read', label: 'nav.lists', icon: <AlertOutlined />, area: 'admin' },
  {
    path: '/account/lists',
    // The API answers only about the caller's own person; the menu offers it to accounts that have one.
    permission: AUTHENTICATED,
    shownTo: (user) => user.linkedPerson || user.role === 'citizen',
    label: 'nav.myLists',
    icon: <ProfileOutlined />,
    area: 'account',
  },
];
