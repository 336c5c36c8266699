import type { ComponentType } from 'react';
import { IdcardOutlined } from '@ant-design/icons';
import type { NavItem } from '../shell/navigation.tsx';
import { MembersPage } from './MembersPage.tsx';

/** The association pages by path, and their navigation items: only an association's own users see them. */
export const ASSOCIATIONS_PAGES: Record<string, ComponentType> = {
  '/admin/associations/members': MembersPage,
};
export const ASSOCIATIONS_NAV: readonly NavItem[] = [
  {
    path: '/admin/associations/members',
    permission: 'associations:read',
    label: 'nav.associationMembers',
    icon: <IdcardOutlined />,
    area: 'admin',
    shownTo: (user) => user.department?.kind === 'industry_association',
  },
];
