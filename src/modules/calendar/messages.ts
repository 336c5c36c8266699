/**
 * Chinese and English messages for the calendar's error codes, registered in the HTTP message
 * catalog (`src/http/messages.ts`). `{name}` is filled from the error's facts.
 */
export const calendarMessages: Record<string, { zh: string; en: string }> = {
  'calendar.date_invalid': { zh: '“{value}”不是有效日期，应为 YYYY-MM-DD 格式的真实日期', en: '“{value}” is not a real date written YYYY-MM-DD' },
  'calendar.date_out_of_range': { zh: '日期 {value} 超出日历范围（{min}–{max} 年）', en: 'The date {value} is outside the calendar ({min}–{max})' },
  'calendar.year_out_of_range': { zh: '年份应为 {min} 至 {max} 之间的整数', en: 'The year must be a whole number from {min} to {max}' },
  'calendar.working_days_invalid': { zh: '工作日数应为 0 至 {max} 之间的整数', en: 'The number of working days must be a whole number from 0 to {max}' },
  'calendar.reason_required': { zh: '请说明修改理由（至少 {minLength} 个字）', en: 'Give a reason for the change (at least {minLength} characters)' },
  'calendar.name_too_long': { zh: '节日名称不能超过 {maxLength} 个字', en: 'The holiday name can have at most {maxLength} characters' },
  'calendar.changed_concurrently': { zh: '{date} 刚被他人修改，请刷新后重试', en: '{date} was just changed by someone else; reload and try again' },
};
