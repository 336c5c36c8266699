/** The records pages' strings; merged into the locale dictionaries (`i18n/zh-CN.ts`, `i18n/en-US.ts`). */
export const recordsZhCN = {
} as const;

export const recordsEnUS: Record<keyof typeof recordsZhCN, string> = {
};
