import type { ComponentType } from 'react';
import { HomeOutlined, SolutionOutlined, StopOutlined } from '@ant-design/icons';
import type { NavItem } from '../shell/navigation.tsx';
import { AuthorizationsPage } from './AuthorizationsPage.tsx';
import { BlacklistPage } from './BlacklistPage.tsx';
import { CitizenCentrePage } from './CitizenCentrePage.tsx';

export { OIDC_START_URL, useCitizenApi } from './api.ts';
export { RealNameLoginButton } from './RealNameLoginButton.tsx';

/** The citizen centre's pages by path (the server's real-name login lands on `/account/citizen`), and the admin's blacklist. */
export const CITIZEN_PAGES: Record<string, ComponentType> = {
  '/account/citizen': CitizenCentrePage,
  '/account/authorizations': AuthorizationsPage,
  '/admin/agency-blacklist': BlacklistPage,
};

export const CITIZEN_NAV: readonly NavItem[] = [
  { path: '/account/citizen', permission: 'records:own', label: 'nav.citizenCentre', icon: <HomeOutlined />, area: 'account' },
  { path: '/account/authorizations', permission: 'authorizations:own', label: 'nav.authorizations', icon: <SolutionOutlined />, area: 'account' },
  { path: '/admin/agency-blacklist', permission: 'queries:blacklist', label: 'nav.agencyBlacklist', icon: <StopOutlined />, area: 'admin' },
];
