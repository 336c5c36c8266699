/**
 * Typed wrappers over the generic API client for the working-day calendar. Types come from the
 * server's TypeBox schemas (type-only imports: no server code is bundled).
 */
import type { ApiClient } from '../api/client.ts';
import type { CalendarDayChange, CalendarYear, Deadline, SetDayBody, SetDayResult } from '../../../src/modules/calendar/schema.ts';

export type { CalendarDay, CalendarDayChange, CalendarYear, DayKind, DaySnapshot, Deadline, SetDayBody, SetDayKind, SetDayResult } from '../../../src/modules/calendar/schema.ts';

export function calendarApi(api: ApiClient) {
  return {
    year: (year: number) => api.get<CalendarYear>(`/api/v1/calendar/years/${year}`),
    deadline: (from: string, workingDays: number) =>
      api.get<Deadline>(`/api/v1/calendar/deadline?${new URLSearchParams({ from, workingDays: String(workingDays) }).toString()}`),
    setDay: (date: string, body: SetDayBody) => api.put<SetDayResult>(`/api/v1/calendar/days/${encodeURIComponent(date)}`, body),
    changes: (options: { date?: string; editsOnly?: boolean; limit?: number } = {}) => {
      const query = new URLSearchParams();
      if (options.date) query.set('date', options.date);
      if (options.editsOnly) query.set('edits', 'true');
      if (options.limit) query.set('limit', String(options.limit));
      const qs = query.toString();
      return api.get<{ changes: CalendarDayChange[] }>(`/api/v1/calendar/changes${qs ? `?${qs}` : ''}`);
    },
  };
}
