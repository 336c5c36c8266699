import { Button, Card, Col, Empty, Input, Layout, Row, Space, Tag, Typography, theme } from 'antd';
import { FileSearchOutlined, LoginOutlined, NotificationOutlined, SafetyCertificateOutlined, SolutionOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from '../shell/auth.tsx';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { useNavigate } from '../shell/router.tsx';

const { Header, Content, Footer } = Layout;

/**
 * The public home: the public search, typical cases and whistleblowing (issue 6). Notices and
 * citizen services are not built yet; the page says so rather than showing sample data.
 */
export function PortalHome() {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const { token } = theme.useToken();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 24 }}>
        <SafetyCertificateOutlined style={{ fontSize: 22, color: token.colorPrimary }} />
        <Typography.Text strong ellipsis style={{ color: '#fff', fontSize: 17, flex: 1 }}>
          {t('app.name')}
        </Typography.Text>
        <Space>
          <LanguageSwitch ghost />
          <Button ghost icon={<SafetyCertificateOutlined />} onClick={() => navigate('/verify')} data-testid="portal-verify">
            {t('portal.verifyReport')}
          </Button>
          {user ? (
            <Button type="primary" onClick={() => navigate('/admin')} data-testid="portal-admin">
              {t('auth.enterAdmin')}
            </Button>
          ) : (
            <Button type="primary" icon={<LoginOutlined />} onClick={() => navigate('/login')} data-testid="portal-login">
              {t('auth.login')}
            </Button>
          )}
        </Space>
      </Header>
      <Content>
        <section style={{ background: `linear-gradient(135deg, ${token.colorPrimary} 0%, #0b3a82 100%)`, color: '#fff', padding: '56px 24px' }}>
          <div style={{ maxWidth: 1080, margin: '0 auto' }}>
            <Typography.Title level={1} style={{ color: '#fff', marginTop: 0 }}>
              {t('portal.heroTitle')}
            </Typography.Title>
            <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.88)', fontSize: 16, maxWidth: 760 }}>
              {t('portal.heroText')}
            </Typography.Paragraph>
            {!user && (
              <Space wrap>
                <Button size="large" icon={<LoginOutlined />} onClick={() => navigate('/login')}>
                  {t('auth.login')}
                </Button>
                <Typography.Text style={{ color: 'rgba(255,255,255,0.75)' }}>{t('portal.loginHint')}</Typography.Text>
              </Space>
            )}
          </div>
        </section>
        <div style={{ maxWidth: 1080, margin: '0 auto', padding: '32px 24px' }}>
          <Row gutter={[24, 24]}>
            <Col xs={24} md={8}>
              <Card title={<Space><FileSearchOutlined />{t('portal.searchTitle')}</Space>} style={{ height: '100%' }}>
                <Typography.Paragraph type="secondary">{t('portal.searchIntro')}</Typography.Paragraph>
                <Input.Search
                  enterButton={t('portal.searchGo')}
                  placeholder={t('portal.search.placeholder')}
                  data-testid="portal-search"
                  onSearch={(q) => q.trim() && navigate(`/search?q=${encodeURIComponent(q.trim())}`)}
                />
                <Space wrap style={{ marginTop: 16 }}>
                  <Button onClick={() => navigate('/cases')} data-testid="portal-cases">
                    {t('portal.nav.cases')}
                  </Button>
                  <Button onClick={() => navigate('/tips/new')} data-testid="portal-tip">
                    {t('portal.nav.tip')}
                  </Button>
                  <Button type="link" onClick={() => navigate('/tips/lookup')} data-testid="portal-tip-lookup">
                    {t('portal.nav.tipLookup')}
                  </Button>
                </Space>
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card title={<Space><NotificationOutlined />{t('portal.noticeTitle')}</Space>} style={{ height: '100%' }}>
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.noticeEmpty')} />
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card title={<Space><SolutionOutlined />{t('portal.rightsTitle')}</Space>} extra={<Tag color="gold">{t('portal.comingSoon')}</Tag>} style={{ height: '100%' }}>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                  {t('portal.rightsText')}
                </Typography.Paragraph>
              </Card>
            </Col>
          </Row>
        </div>
      </Content>
      <Footer style={{ textAlign: 'center', color: token.colorTextTertiary }}>{t('app.footer')}</Footer>
    </Layout>
  );
}
