import type { ComponentType } from 'react';
import type { NavItem } from '../shell/navigation.tsx';

/** The catalog pages by path, and their navigation items (each with the permission it needs). */
export const CATALOG_PAGES: Record<string, ComponentType> = {};
export const CATALOG_NAV: readonly NavItem[] = [];
