import type { ComponentType } from 'react';
import type { NavItem } from '../shell/navigation.tsx';

/** The audit pages by path, and their navigation items (each with the permission it needs). */
export const AUDIT_PAGES: Record<string, ComponentType> = {};
export const AUDIT_NAV: readonly NavItem[] = [];
