/** The catalog pages' strings; merged into the locale dictionaries (`i18n/zh-CN.ts`, `i18n/en-US.ts`). */
export const catalogZhCN = {
} as const;

export const catalogEnUS: Record<keyof typeof catalogZhCN, string> = {
};
