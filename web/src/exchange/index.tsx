import type { ComponentType } from 'react';
import { CloudUploadOutlined } from '@ant-design/icons';
import type { NavItem } from '../shell/navigation.tsx';
import { ExchangePage } from './ExchangePage.tsx';

/** The upstream exchange page and its navigation item. */
export const EXCHANGE_PAGES: Record<string, ComponentType> = { '/admin/exchange': ExchangePage };

export const EXCHANGE_NAV: readonly NavItem[] = [{ path: '/admin/exchange', permission: 'exchange:read', label: 'nav.exchange', icon: <CloudUploadOutlined />, area: 'admin' }];
