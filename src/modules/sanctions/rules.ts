import seed from './seed/memoranda.json' with { type: 'json' };

/** The workflow's numbers and switches, from `seed/memoranda.json` (`rules`), each citing its source there. */
export interface SanctionRules {
  /** 国发〔2016〕33号 发起响应反馈机制: working days a department has to acknowledge (响应) a task (verify). */
  acknowledgeWorkingDays: number;
  /** No reward measure while a serious-dishonesty entry is in force (Henan Art. 30, 国办发〔2020〕49号; verify). */
  rewardsWithheldWhileListed: boolean;
}

export const SANCTIONS_SEED_VERSION: string = seed.version;

export const sanctionRules: SanctionRules = {
  acknowledgeWorkingDays: seed.rules.acknowledgeWorkingDays.value,
  rewardsWithheldWhileListed: seed.rules.rewardsWithheldWhileListed.value,
};
