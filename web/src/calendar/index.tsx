import type { ComponentType } from 'react';
import { CalendarOutlined } from '@ant-design/icons';
import type { NavItem } from '../shell/navigation.tsx';
import { CalendarPage } from './CalendarPage.tsx';

/** The calendar pages by path, and their navigation items (each with the permission it needs). */
export const CALENDAR_PAGES: Record<string, ComponentType> = {
  '/admin/calendar': CalendarPage,
};
export const CALENDAR_NAV: readonly NavItem[] = [
  { path: '/admin/calendar', permission: 'calendar:read', label: 'nav.calendar', icon: <CalendarOutlined />, area: 'admin' },
];
