import type { ComponentType } from 'react';
import type { NavItem } from '../shell/navigation.tsx';

/** The records pages by path, and their navigation items (each with the permission it needs). */
export const RECORDS_PAGES: Record<string, ComponentType> = {};
export const RECORDS_NAV: readonly NavItem[] = [];
