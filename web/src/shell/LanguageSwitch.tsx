import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/index.tsx';

/** One button that offers the other language, named in that language (English / 中文). */
export function LanguageSwitch({ ghost }: { ghost?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Button
      data-testid="lang-switch"
      ghost={ghost}
      icon={<GlobalOutlined />}
      aria-label={t('lang.switchLabel')}
      lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
      onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}
    >
      {t('lang.switchTo')}
    </Button>
  );
}
