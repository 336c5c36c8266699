import type { ComponentType } from 'react';
import { BookOutlined } from '@ant-design/icons';
import type { NavItem } from '../shell/navigation.tsx';
import { CatalogPage } from './CatalogPage.tsx';

/** The catalog pages by path, and their navigation items (each with the permission it needs). */
export const CATALOG_PAGES: Record<string, ComponentType> = {
  '/admin/catalog': CatalogPage,
};

/** Reading needs `catalog:read`; the page offers editing to holders of `catalog:manage`. */
export const CATALOG_NAV: readonly NavItem[] = [{ path: '/admin/catalog', permission: 'catalog:read', label: 'nav.catalog', icon: <BookOutlined />, area: 'admin' }];
