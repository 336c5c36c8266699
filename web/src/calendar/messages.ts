/** The calendar pages' strings; merged into the locale dictionaries (`i18n/zh-CN.ts`, `i18n/en-US.ts`). */
export const calendarZhCN = {
} as const;

export const calendarEnUS: Record<keyof typeof calendarZhCN, string> = {
};
