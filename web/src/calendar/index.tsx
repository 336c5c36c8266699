import type { ComponentType } from 'react';
import type { NavItem } from '../shell/navigation.tsx';

/** The calendar pages by path, and their navigation items (each with the permission it needs). */
export const CALENDAR_PAGES: Record<string, ComponentType> = {};
export const CALENDAR_NAV: readonly NavItem[] = [];
