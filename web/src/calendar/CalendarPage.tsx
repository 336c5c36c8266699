import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Modal, Radio, Row, Space, Statistic, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { describeError, useApi } from '../api/ApiProvider.tsx';
import { placeUnderFields } from '../components/problemFields.ts';
import { useI18n, type Translate } from '../i18n/index.tsx';
import { hasPermission, useAuth } from '../shell/auth.tsx';
import { useApiData } from '../shell/useApiData.ts';
import { calendarApi, type CalendarDay, type CalendarDayChange, type DaySnapshot, type Deadline, type SetDayKind } from './api.ts';

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** ISO weekday (1 = Monday) of a YYYY-MM-DD date, independent of the browser's time zone. */
const isoWeekday = (date: string) => {
  const w = new Date(`${date}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
};
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Today in Asia/Shanghai, where the platform's dates live. */
function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function initialYear(): number {
  const asked = Number(new URLSearchParams(window.location.search).get('year'));
  if (Number.isInteger(asked) && asked >= MIN_YEAR && asked <= MAX_YEAR) return asked;
  return Number(shanghaiToday().slice(0, 4));
}

/** `/admin/calendar`: the year's holidays and adjusted working days, a deadline calculator, admin edits and their history. */
export function CalendarPage() {
  const api = useApi();
  const client = useMemo(() => calendarApi(api), [api]);
  const { t } = useI18n();
  const { user } = useAuth();
  const canManage = hasPermission(user, 'calendar:manage');
  const [year, setYearState] = useState(initialYear);
  const [editsOnly, setEditsOnly] = useState(true);
  const [editing, setEditing] = useState<{ date: string; day: CalendarDay | undefined } | null>(null);

  const yearData = useApiData(() => client.year(year));
  const history = useApiData(() => client.changes({ editsOnly, limit: 200 }));

  const setYear = (next: number) => {
    if (next < MIN_YEAR || next > MAX_YEAR) return;
    setYearState(next);
    window.history.replaceState(null, '', `${window.location.pathname}?year=${next}`);
    // useApiData keeps its fetcher current; reload after the state change lands.
    queueMicrotask(() => yearData.reload());
  };

  const byDate = useMemo(() => new Map((yearData.data?.days ?? []).map((d) => [d.date, d])), [yearData.data]);
  const shown = yearData.data?.year === year ? yearData.data : undefined;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="calendar-page">
      <Flex justify="space-between" align="center" wrap gap="small">
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('calendar.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('calendar.subtitle')}</Typography.Text>
        </div>
        <Space>
          <Button icon={<LeftOutlined />} aria-label={t('calendar.prevYear')} onClick={() => setYear(year - 1)} data-testid="calendar-prev-year" />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="calendar-year">
            {year}
          </Typography.Title>
          <Button icon={<RightOutlined />} aria-label={t('calendar.nextYear')} onClick={() => setYear(year + 1)} data-testid="calendar-next-year" />
          {canManage && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing({ date: '', day: undefined })} data-testid="calendar-edit">
              {t('calendar.edit.button')}
            </Button>
          )}
        </Space>
      </Flex>

      {yearData.error !== undefined && <Alert type="error" showIcon title={describeError(yearData.error, t)} />}
      {shown?.unconfirmed && (
        <Alert
          type="warning"
          showIcon
          data-testid="calendar-unconfirmed"
          title={shown.days.length === 0 ? t('calendar.unconfirmedNone', { year }) : t('calendar.unconfirmed', { year })}
          description={shown.notes.length > 0 ? shown.notes.join(' ') : undefined}
        />
      )}

      {shown && (
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('calendar.counts.workingDays')} value={shown.counts.workingDays} data-testid="count-working-days" />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('calendar.counts.restDays')} value={shown.counts.restDays} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('calendar.counts.holidays')} value={shown.counts.holidays} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('calendar.counts.adjustedWorkdays')} value={shown.counts.adjustedWorkdays} />
            </Card>
          </Col>
        </Row>
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            loading={yearData.loading && !shown}
            title={
              <Space wrap size="small">
                <DayBadge kind="holiday" t={t} />
                <Typography.Text type="secondary">{t('calendar.legend.holidayLong')}</Typography.Text>
                <DayBadge kind="workday" t={t} />
                <Typography.Text type="secondary">{t('calendar.legend.workdayLong')}</Typography.Text>
                {canManage && <Typography.Text type="secondary">· {t('calendar.legend.editHint')}</Typography.Text>}
              </Space>
            }
          >
            <YearGrid year={year} byDate={byDate} onPick={canManage ? (date) => setEditing({ date, day: byDate.get(date) }) : undefined} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <DeadlineCard compute={client.deadline} />
            <Card size="small" title={t('calendar.festivals')}>
              <FestivalTable days={shown?.days ?? []} />
              {shown && shown.sources.length > 0 && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }} data-testid="calendar-sources">
                  {t('calendar.sources')}：{shown.sources.join('；')}
                </Typography.Paragraph>
              )}
            </Card>
          </Space>
        </Col>
      </Row>

      <Card
        size="small"
        title={t('calendar.history.title')}
        extra={
          <Space>
            <Typography.Text type="secondary">{t('calendar.history.editsOnly')}</Typography.Text>
            <Switch
              checked={editsOnly}
              data-testid="history-edits-only"
              onChange={(on) => {
                setEditsOnly(on);
                queueMicrotask(() => history.reload());
              }}
            />
          </Space>
        }
      >
        {history.error !== undefined && <Alert type="error" showIcon title={describeError(history.error, t)} style={{ marginBottom: 12 }} />}
        <HistoryTable changes={history.data?.changes ?? []} loading={history.loading} />
      </Card>

      {canManage && (
        <EditDayModal
          target={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            yearData.reload();
            history.reload();
          }}
        />
      )}
    </Space>
  );
}

function DayBadge({ kind, t }: { kind: 'holiday' | 'workday'; t: Translate }) {
  return kind === 'holiday' ? (
    <Tag color="red" style={{ marginInlineEnd: 0 }}>
      {t('calendar.legend.holiday')}
    </Tag>
  ) : (
    <Tag color="blue" style={{ marginInlineEnd: 0 }}>
      {t('calendar.legend.workday')}
    </Tag>
  );
}

/** Twelve month grids (Monday first); holidays red with 休, adjusted working days blue with 班, names on hover. */
function YearGrid({ year, byDate, onPick }: { year: number; byDate: Map<string, CalendarDay>; onPick: ((date: string) => void) | undefined }) {
  const { t } = useI18n();
  const weekdays = t('calendar.weekdays').split(',');
  const today = shanghaiToday();
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))', gap: 16 }} data-testid="year-grid">
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
        const first = isoWeekday(isoDate(year, month, 1));
        const cells: (string | null)[] = [...Array<null>(first - 1).fill(null), ...Array.from({ length: daysInMonth(year, month) }, (_, d) => isoDate(year, month, d + 1))];
        return (
          <div key={month} data-testid={`month-${month}`}>
            <Typography.Text strong>{t('calendar.month', { month })}</Typography.Text>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, marginTop: 4, fontSize: 12 }}>
              {weekdays.map((w, i) => (
                <div key={w} style={{ textAlign: 'center', color: i >= 5 ? '#999' : '#666' }}>
                  {w}
                </div>
              ))}
              {cells.map((date, i) => (date ? <DayCell key={date} date={date} day={byDate.get(date)} isToday={date === today} onPick={onPick} /> : <div key={`blank-${i}`} />))}
            </div>
          </div>
        );
      })}
    </div>
  );
}

function DayCell({ date, day, isToday, onPick }: { date: string; day: CalendarDay | undefined; isToday: boolean; onPick: ((date: string) => void) | undefined }) {
  const { t } = useI18n();
  const weekend = isoWeekday(date) >= 6;
  const kind = day?.kind;
  const style = {
    position: 'relative' as const,
    textAlign: 'center' as const,
    padding: '3px 0 2px',
    borderRadius: 4,
    lineHeight: 1.2,
    cursor: onPick ? 'pointer' : 'default',
    background: kind === 'holiday' ? '#fff1f0' : kind === 'workday' ? '#e6f4ff' : undefined,
    color: kind === 'holiday' ? '#cf1322' : kind === 'workday' ? '#0958d9' : weekend ? '#999' : undefined,
    outline: isToday ? '1px solid #1d5fbf' : undefined,
  };
  const label = day ? `${date} ${day.name ?? ''} ${t(day.kind === 'holiday' ? 'calendar.kind.holiday' : 'calendar.kind.workday')}${day.verify ? `（${t('calendar.verify')}）` : ''}` : date;
  const cell = (
    <div
      style={style}
      data-testid={`day-${date}`}
      data-kind={kind ?? 'normal'}
      data-name={day?.name ?? ''}
      aria-label={label}
      role={onPick ? 'button' : undefined}
      tabIndex={onPick ? 0 : undefined}
      onClick={onPick ? () => onPick(date) : undefined}
      onKeyDown={onPick ? (e) => (e.key === 'Enter' || e.key === ' ') && onPick(date) : undefined}
    >
      <div>{Number(date.slice(8))}</div>
      <div style={{ fontSize: 10, minHeight: 12 }}>{kind === 'holiday' ? t('calendar.legend.holiday') : kind === 'workday' ? t('calendar.legend.workday') : ''}</div>
    </div>
  );
  return day ? <Tooltip title={label}>{cell}</Tooltip> : cell;
}

interface Festival {
  name: string;
  rest: string[];
  work: string[];
  verify: boolean;
}

/** "02-15 – 02-23" ranges from consecutive dates. */
function ranges(dates: string[]): string {
  const out: string[] = [];
  let start: string | null = null;
  let prev: string | null = null;
  const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const flush = () => start && prev && out.push(start === prev ? start.slice(5) : `${start.slice(5)} – ${prev.slice(5)}`);
  for (const d of dates) {
    if (prev && dayNumber(d) === dayNumber(prev) + 1) prev = d;
    else {
      flush();
      start = d;
      prev = d;
    }
  }
  flush();
  return out.join('，');
}

function FestivalTable({ days }: { days: CalendarDay[] }) {
  const { t } = useI18n();
  const festivals = useMemo(() => {
    const byName = new Map<string, Festival>();
    for (const d of days) {
      const name = d.name ?? '—';
      const f = byName.get(name) ?? { name, rest: [], work: [], verify: false };
      (d.kind === 'holiday' ? f.rest : f.work).push(d.date);
      f.verify ||= d.verify;
      byName.set(name, f);
    }
    return [...byName.values()];
  }, [days]);
  return (
    <Table<Festival>
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={festivals}
      data-testid="festival-table"
      columns={[
        {
          title: t('calendar.festival.name'),
          dataIndex: 'name',
          render: (name: string, f) => (
            <span data-testid={`festival-${name}`}>
              {name} {f.verify && <Tag color="orange">{t('calendar.verify')}</Tag>}
            </span>
          ),
        },
        {
          title: t('calendar.festival.rest'),
          dataIndex: 'rest',
          render: (rest: string[]) => (rest.length > 0 ? `${ranges(rest)}（${t('calendar.festival.days', { count: rest.length })}）` : '—'),
        },
        { title: t('calendar.festival.work'), dataIndex: 'work', render: (work: string[]) => (work.length > 0 ? work.map((d) => d.slice(5)).join('，') : '—') },
      ]}
    />
  );
}

function DeadlineCard({ compute }: { compute: (from: string, workingDays: number) => Promise<Deadline> }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<{ from: string; workingDays: number }>();
  const [result, setResult] = useState<Deadline | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const weekdayName = (date: string) => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

  const submit = async ({ from, workingDays }: { from: string; workingDays: number }) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await compute(from, workingDays));
    } catch (e) {
      setResult(null);
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('calendar.deadline.title')}>
      <Form form={form} layout="inline" onFinish={submit} initialValues={{ from: shanghaiToday(), workingDays: 5 }} style={{ rowGap: 8 }}>
        <Form.Item name="from" label={t('calendar.deadline.from')} rules={[{ required: true, message: t('calendar.deadline.fromRequired') }]}>
          <Input type="date" data-testid="deadline-from" min={`${MIN_YEAR}-01-01`} max={`${MAX_YEAR}-12-31`} />
        </Form.Item>
        <Form.Item name="workingDays" label={t('calendar.deadline.workingDays')} rules={[{ required: true, message: t('calendar.deadline.daysRequired') }]}>
          <InputNumber min={0} max={1000} precision={0} style={{ width: 90 }} data-testid="deadline-days" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="deadline-compute">
            {t('calendar.deadline.compute')}
          </Button>
        </Form.Item>
      </Form>
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type={result.unconfirmedYears.length > 0 ? 'warning' : 'success'}
          showIcon
          data-testid="deadline-result"
          data-due={result.due}
          title={t('calendar.deadline.result', { from: result.from, workingDays: result.workingDays, due: result.due, weekday: weekdayName(result.due) })}
          description={result.unconfirmedYears.length > 0 ? t('calendar.deadline.unconfirmed', { years: result.unconfirmedYears.join('、') }) : undefined}
        />
      )}
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} data-testid="deadline-error" />}
    </Card>
  );
}

interface EditValues {
  date: string;
  kind: SetDayKind;
  name?: string;
  source?: string;
  reason: string;
}
const EDIT_FIELDS: readonly string[] = ['date', 'kind', 'name', 'source', 'reason'];

/** Sets a day with `PUT /api/v1/calendar/days/:date`; the reason is required and kept in the history. */
function EditDayModal({ target, onClose, onSaved }: { target: { date: string; day: CalendarDay | undefined } | null; onClose(): void; onSaved(): void }) {
  const api = useApi();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const kind = Form.useWatch('kind', form);
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    let values: EditValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    setProblem(null);
    try {
      const result = await calendarApi(api).setDay(values.date, {
        kind: values.kind,
        reason: values.reason,
        ...(values.kind !== 'normal' && values.name ? { name: values.name } : {}),
        ...(values.kind !== 'normal' && values.source ? { source: values.source } : {}),
      });
      message.success(t(result.changed ? 'calendar.edit.saved' : 'calendar.edit.unchanged', { date: result.date }));
      onSaved();
    } catch (error) {
      if (placeUnderFields(form, error, EDIT_FIELDS)) setProblem(describeError(error, t));
    } finally {
      setSubmitting(false);
    }
  };

  const current = target?.day;
  return (
    <Modal
      open={target !== null}
      title={t('calendar.edit.title')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ id: 'calendar-edit-submit' }}
      destroyOnHidden
      afterOpenChange={(open) => !open && setProblem(null)}
    >
      {problem && <Alert data-testid="edit-error" type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      {target?.date && (
        <Typography.Paragraph type="secondary" data-testid="edit-current">
          {t('calendar.edit.current', {
            state: current ? `${t(current.kind === 'holiday' ? 'calendar.kind.holiday' : 'calendar.kind.workday')} ${current.name ?? ''}` : t('calendar.kind.normal'),
          })}
        </Typography.Paragraph>
      )}
      <Form<EditValues>
        key={target?.date ?? ''}
        form={form}
        layout="vertical"
        disabled={submitting}
        preserve={false}
        initialValues={{ date: target?.date ?? '', kind: current?.kind ?? 'holiday', name: current?.name ?? '', source: '', reason: '' }}
      >
        <Form.Item name="date" label={t('calendar.edit.date')} rules={[{ required: true, message: t('calendar.edit.dateRequired') }]}>
          <Input type="date" data-testid="edit-date" min={`${MIN_YEAR}-01-01`} max={`${MAX_YEAR}-12-31`} />
        </Form.Item>
        <Form.Item name="kind" label={t('calendar.edit.kind')} rules={[{ required: true }]}>
          <Radio.Group
            data-testid="edit-kind"
            options={(['holiday', 'workday', 'normal'] as const).map((k) => ({ value: k, label: <span data-testid={`edit-kind-${k}`}>{t(`calendar.edit.kind.${k}`)}</span> }))}
          />
        </Form.Item>
        {kind !== 'normal' && (
          <>
            <Form.Item name="name" label={t('calendar.edit.name')} rules={[{ max: 50 }]}>
              <Input placeholder={t('calendar.edit.namePlaceholder')} data-testid="edit-name" autoComplete="off" />
            </Form.Item>
            <Form.Item name="source" label={t('calendar.edit.source')} rules={[{ max: 500 }]}>
              <Input placeholder={t('calendar.edit.sourcePlaceholder')} data-testid="edit-source" autoComplete="off" />
            </Form.Item>
          </>
        )}
        <Form.Item name="reason" label={t('calendar.edit.reason')} rules={[{ required: true, whitespace: true, min: 2, max: 1000, message: t('calendar.edit.reasonRequired') }]}>
          <Input.TextArea rows={3} data-testid="edit-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function describeSnapshot(s: DaySnapshot, t: Translate): string {
  if (!s) return t('calendar.kind.normal');
  return `${t(s.kind === 'holiday' ? 'calendar.kind.holiday' : 'calendar.kind.workday')}${s.name ? ` ${s.name}` : ''}`;
}

function HistoryTable({ changes, loading }: { changes: CalendarDayChange[]; loading: boolean }) {
  const { t, formatInstant } = useI18n();
  return (
    <Table<CalendarDayChange>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={changes}
      data-testid="calendar-history"
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('calendar.history.changedAt'), dataIndex: 'changedAt', render: (at: string) => formatInstant(at) },
        { title: t('calendar.history.date'), dataIndex: 'date' },
        {
          title: t('calendar.history.change'),
          key: 'change',
          render: (_, c) => (
            <span>
              {describeSnapshot(c.before, t)} → <Typography.Text strong>{describeSnapshot(c.after, t)}</Typography.Text>
            </span>
          ),
        },
        {
          title: t('calendar.history.by'),
          key: 'by',
          render: (_, c) => (c.changeKind === 'seed' ? <Tag>{t('calendar.history.seed')}</Tag> : (c.changedByName ?? c.changedBy ?? '—')),
        },
        { title: t('calendar.history.reason'), dataIndex: 'reason' },
      ]}
    />
  );
}
