import { useState, type ReactNode } from 'react';
import { Button, Layout, Menu, Space, Tag, Typography, theme } from 'antd';
import { LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from './auth.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { navItemsFor } from './navigation.tsx';
import { ROLE_LABELS } from './roles.ts';
import { Link, useLocation, useNavigate } from './router.tsx';

const { Header, Sider, Content, Footer } = Layout;

/** The frame of every signed-in page: header (platform, user, language, logout), permitted navigation, content. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { user, logout } = useAuth();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const [loggingOut, setLoggingOut] = useState(false);
  const items = navItemsFor(user);
  const menuItem = (item: (typeof items)[number]) => ({ key: item.path, icon: item.icon, label: t(item.label) });
  const adminItems = items.filter((item) => item.area === 'admin').map(menuItem);
  const accountItems = items.filter((item) => item.area === 'account').map(menuItem);

  const onLogout = async () => {
    setLoggingOut(true);
    try {
      await logout();
    } finally {
      setLoggingOut(false);
      navigate('/login', { replace: true });
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 24 }}>
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, minWidth: 0, flex: 1, color: '#fff' }}>
          <SafetyCertificateOutlined style={{ fontSize: 22, color: token.colorPrimary }} />
          <Typography.Text strong ellipsis style={{ color: '#fff', fontSize: 17 }} data-testid="platform-name">
            {t('app.name')}
          </Typography.Text>
        </Link>
        <Space size="middle">
          {user && (
            <Space size={6}>
              <UserOutlined style={{ color: 'rgba(255,255,255,0.85)' }} />
              <Typography.Text style={{ color: '#fff' }} data-testid="user-name">
                {user.displayName}
              </Typography.Text>
              <Tag color="blue" data-testid="user-role" style={{ marginInlineEnd: 0 }}>
                {t(ROLE_LABELS[user.role])}
              </Tag>
            </Space>
          )}
          <LanguageSwitch ghost />
          <Button data-testid="logout" ghost icon={<LogoutOutlined />} loading={loggingOut} onClick={onLogout}>
            {t('auth.logout')}
          </Button>
        </Space>
      </Header>
      <Layout>
        {items.length > 0 && (
          <Sider width={200} breakpoint="lg" collapsedWidth={0} theme="light" style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}>
            <nav aria-label={t('nav.label')} data-testid="main-nav">
              <Menu
                mode="inline"
                selectedKeys={[pathname]}
                style={{ borderInlineEnd: 0, paddingTop: 8 }}
                items={[
                  ...adminItems,
                  ...(adminItems.length > 0 && accountItems.length > 0 ? [{ type: 'divider' as const }] : []),
                  ...(accountItems.length > 0 ? [{ key: 'account', type: 'group' as const, label: t('nav.account'), children: accountItems }] : []),
                ]}
                onClick={({ key }) => navigate(key)}
              />
            </nav>
          </Sider>
        )}
        <Layout>
          <Content style={{ padding: 24 }}>{children}</Content>
          <Footer style={{ textAlign: 'center', color: token.colorTextTertiary }}>{t('app.footer')}</Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
