/** The audit pages' strings; merged into the locale dictionaries (`i18n/zh-CN.ts`, `i18n/en-US.ts`). */
export const auditZhCN = {
} as const;

export const auditEnUS: Record<keyof typeof auditZhCN, string> = {
};
