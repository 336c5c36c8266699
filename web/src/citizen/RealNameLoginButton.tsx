import { Button, Divider, Typography } from 'antd';
import { IdcardOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/index.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { OIDC_START_URL, useCitizenApi } from './api.ts';

/** On the login page: citizens sign in through the government identity provider, when the platform has one configured. */
export function RealNameLoginButton() {
  const { t } = useI18n();
  const citizen = useCitizenApi();
  const status = useApiData(citizen.oidcStatus);
  if (!status.data?.enabled) return null;
  return (
    <>
      <Divider plain>
        <Typography.Text type="secondary">{t('login.realNameHelp')}</Typography.Text>
      </Divider>
      {/* A full-page navigation: the server answers with a redirect to the identity provider. */}
      <Button block size="large" icon={<IdcardOutlined />} href={OIDC_START_URL} data-testid="login-real-name">
        {t('login.realName')}
      </Button>
    </>
  );
}
