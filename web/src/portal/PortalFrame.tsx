import type { ReactNode } from 'react';
import { Layout, Space, Typography, theme } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { Link } from '../shell/router.tsx';

const LINKS: ReadonlyArray<[string, MessageKey]> = [
  ['/search', 'portal.nav.search'],
  ['/cases', 'portal.nav.cases'],
  ['/tips/new', 'portal.nav.tip'],
  ['/tips/lookup', 'portal.nav.tipLookup'],
];

/** The public pages' frame (no login): the platform's name, the portal's links, the language switch. */
export function PortalFrame({ title, subtitle, children, width = 1080 }: { title: ReactNode; subtitle?: ReactNode; children: ReactNode; width?: number }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 24 }}>
        <SafetyCertificateOutlined style={{ fontSize: 22, color: token.colorPrimary }} />
        <Link to="/" style={{ color: '#fff', fontSize: 17, flex: 1, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {t('app.name')}
        </Link>
        <Space size="middle" wrap>
          {LINKS.map(([to, label]) => (
            <Link key={to} to={to} style={{ color: 'rgba(255,255,255,0.85)' }}>
              {t(label)}
            </Link>
          ))}
          <LanguageSwitch ghost />
        </Space>
      </Layout.Header>
      <Layout.Content style={{ maxWidth: width, width: '100%', margin: '0 auto', padding: '32px 24px' }}>
        <Typography.Title level={2}>{title}</Typography.Title>
        {subtitle && <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>}
        {children}
      </Layout.Content>
    </Layout>
  );
}
