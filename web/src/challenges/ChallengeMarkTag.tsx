import { Tag } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import type { ChallengeMark } from './api.ts';

const COLORS: Record<ChallengeMark, string> = { reconsideration_pending: 'gold', litigation_pending: 'volcano', decision_revoked: 'green' };

/** 行政复议中 / 行政诉讼中 / 原决定已撤销 on a record; nothing when the record carries no mark. */
export function ChallengeMarkTag({ mark }: { mark: ChallengeMark | null | undefined }) {
  const { t } = useI18n();
  if (!mark) return null;
  return (
    <Tag color={COLORS[mark]} data-testid="challenge-mark" data-mark={mark}>
      {t(`challenges.mark.${mark}`)}
    </Tag>
  );
}
