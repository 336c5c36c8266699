import { Button, Result } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from './auth.tsx';
import { navItemsFor } from './navigation.tsx';
import { ROLE_LABELS } from './roles.ts';
import { Navigate, useNavigate } from './router.tsx';

/** `/admin`: the first page this user may open, or a welcome when there is none yet. */
export function AdminHome() {
  const { user } = useAuth();
  const first = navItemsFor(user, 'admin')[0];
  if (first) return <Navigate to={first.path} />;
  return <WelcomePage />;
}

export function WelcomePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  if (!user) return null;
  return (
    <Result
      data-testid="welcome"
      status="info"
      title={t('welcome.title', { name: user.displayName })}
      subTitle={t('welcome.detail', { role: t(ROLE_LABELS[user.role]) })}
    />
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('common.notFound')}
      subTitle={t('common.notFoundDetail')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
