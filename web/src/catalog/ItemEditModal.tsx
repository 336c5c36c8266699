import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Divider, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client.ts';
import { describeError } from '../api/ApiProvider.tsx';
import { placeProblems, problemPath, problemsOf, type FieldPath, type LocatedProblem } from '../components/problemFields.ts';
import { useI18n, type Translate } from '../i18n/index.tsx';
import {
  CATEGORIES,
  CODE_KINDS,
  DISCLOSURE_LEVELS,
  FIELD_ROLES,
  FIELD_TYPES,
  PUBLICATION_KINDS,
  RETENTION_ACTIONS,
  SEVERITIES,
  SUBJECT_TYPES,
  definitionOf,
  useCatalogApi,
  type CatalogItem,
  type FieldDefinition,
  type ItemDefinition,
  type PublicationRule,
} from './api.ts';
import {
  CATEGORY_LABELS,
  CODE_KIND_LABELS,
  DISCLOSURE_LABELS,
  FIELD_ROLE_LABELS,
  FIELD_TYPE_LABELS,
  PROPERTY_LABELS,
  PUBLICATION_KIND_LABELS,
  RETENTION_LABELS,
  SEVERITY_LABELS,
  SUBJECT_TYPE_LABELS,
} from './labels.ts';

/** The form holds the definition as the API has it, except notes as one text (a note per line), plus the reason. */
type EditValues = Omit<ItemDefinition, 'notes'> & { notes: string; reason: string };

const SCALARS = [
  'name', 'subjectType', 'category', 'severity', 'severityPerRecord', 'keyDomain', 'provider', 'sourceDepartments', 'legalBasis', 'sourceDocument',
  'disclosureLevel', 'dataFormat', 'coverage', 'updateCycle', 'minSubjectAge', 'jointPunishmentBasis', 'unconfirmedUtilityArrears', 'reducesRights',
  'expertReviewedAt', 'publicCommentAt', 'notes', 'active', 'reason', 'fields',
];
/** Every form item, as a path pattern (`*` for a list index): where a server error can be shown. */
const FORM_ITEMS = new Set<string>([
  ...SCALARS,
  'publication.kind', 'publication.minMonths', 'publication.maxMonths', 'publication.extendsWhileListed', 'publication.basis',
  ...SEVERITIES.flatMap((s) => ['minMonths', 'maxMonths', 'publishedByDefault'].map((k) => `publication.periods.${s}.${k}`)),
  'retention.afterPublication', 'retention.basis',
  ...['name', 'label', 'type', 'required', 'role', 'codeKind', 'maxLength', 'enumValues'].map((k) => `fields.*.${k}`),
]);

const pattern = (path: FieldPath) => path.map((p) => (typeof p === 'number' ? '*' : p)).join('.');

/** The form item that shows a problem at `path`: itself, its first child item, or the nearest parent that is one. */
export function locateFormItem(path: FieldPath): FieldPath | null {
  if (path.length === 0) return null;
  const key = pattern(path);
  if (FORM_ITEMS.has(key)) return path;
  const child = [...FORM_ITEMS].find((k) => k.startsWith(`${key}.`) && !k.slice(key.length + 1).includes('*'));
  if (child) return [...path, ...child.slice(key.length + 1).split('.')];
  for (let n = path.length - 1; n > 0; n--) if (FORM_ITEMS.has(pattern(path.slice(0, n)))) return path.slice(0, n);
  return null;
}

const blankToNull = (s: string | null | undefined) => (s === undefined || s === null || s.trim() === '' ? null : s.trim());

function toField(f: FieldDefinition): FieldDefinition {
  const textual = f.type === 'string' || f.type === 'code';
  return {
    name: (f.name ?? '').trim(),
    label: (f.label ?? '').trim(),
    type: f.type,
    required: Boolean(f.required),
    ...(f.role ? { role: f.role } : {}),
    ...(f.type === 'enum' && f.enumValues ? { enumValues: f.enumValues } : {}),
    ...(f.type === 'code' && f.codeKind ? { codeKind: f.codeKind } : {}),
    ...(textual && typeof f.maxLength === 'number' ? { maxLength: f.maxLength } : {}),
    ...(f.aliases && f.aliases.length > 0 ? { aliases: f.aliases } : {}),
    ...(f.description ? { description: f.description } : {}),
  };
}

function toPublication(p: PublicationRule): PublicationRule {
  const base = { kind: p.kind, extendsWhileListed: Boolean(p.extendsWhileListed), basis: (p.basis ?? '').trim() };
  if (p.kind === 'by_severity') {
    const periods = Object.fromEntries(
      SEVERITIES.flatMap((s) => {
        const period = p.periods?.[s];
        return period && typeof period.minMonths === 'number' && typeof period.maxMonths === 'number'
          ? [[s, { minMonths: period.minMonths, maxMonths: period.maxMonths, publishedByDefault: Boolean(period.publishedByDefault) }]]
          : [];
      }),
    );
    return { ...base, periods };
  }
  if (p.kind === 'fixed') return { ...base, ...(p.minMonths !== undefined ? { minMonths: p.minMonths } : {}), ...(p.maxMonths !== undefined ? { maxMonths: p.maxMonths } : {}) };
  return base;
}

/** What the form holds, as the definition the API takes: blanks become null, rule parts that do not apply are left out. */
export function toDefinition(v: EditValues): ItemDefinition {
  const { reason: _reason, notes, ...rest } = v;
  return {
    ...rest,
    name: rest.name.trim(),
    severity: rest.severity ?? null,
    keyDomain: blankToNull(rest.keyDomain),
    legalBasis: blankToNull(rest.legalBasis),
    minSubjectAge: typeof rest.minSubjectAge === 'number' ? rest.minSubjectAge : null,
    expertReviewedAt: blankToNull(rest.expertReviewedAt),
    publicCommentAt: blankToNull(rest.publicCommentAt),
    sourceDepartments: rest.sourceDepartments.map((s) => s.trim()).filter(Boolean),
    notes: notes.split('\n').map((n) => n.trim()).filter(Boolean),
    fields: rest.fields.map(toField),
    publication: toPublication(rest.publication),
    retention: { afterPublication: rest.retention.afterPublication, basis: (rest.retention.basis ?? '').trim() },
  };
}

/** Every problem of a refused edit, located: the first with the server's message, the rest (in `problems`) by their code. */
function editProblems(error: unknown, t: Translate): LocatedProblem[] {
  const located = problemsOf(error, ['item']);
  const all = error instanceof ApiError && Array.isArray(error.problem?.facts?.problems) ? (error.problem.facts.problems as { code?: unknown; field?: unknown }[]) : [];
  const seen = new Set(located.map((p) => pattern(p.path)));
  for (const extra of all.slice(1)) {
    const path = problemPath(String(extra.field ?? ''), ['item']);
    if (seen.has(pattern(path))) continue;
    located.push({ path, message: t('catalog.edit.otherProblem', { code: String(extra.code ?? '') }) });
  }
  return located;
}

const options = <T extends string>(values: readonly T[], labels: Record<T, Parameters<Translate>[0]>, t: Translate) => values.map((v) => ({ value: v, label: t(labels[v]) }));

/** Edits an item as a new version: the whole definition, with a required reason, sent with the version it started from. */
export function ItemEditModal({ open, item, onClose, onSaved }: { open: boolean; item: CatalogItem; onClose(): void; onSaved(): void }) {
  const catalog = useCatalogApi();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<{ title: string; unplaced: LocatedProblem[] } | null>(null);
  const kind = Form.useWatch(['publication', 'kind'], form);
  const p = (key: keyof CatalogItem) => t(PROPERTY_LABELS[key]);

  const save = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setProblem(null);
    const values = form.getFieldsValue(true) as EditValues;
    try {
      const saved = await catalog.update(item.code, toDefinition(values), values.reason.trim(), item.version);
      message.success(t('catalog.edit.saved', { version: saved.version }));
      onSaved();
    } catch (error) {
      const problems = editProblems(error, t);
      const unplaced = placeProblems(form, problems, locateFormItem);
      const first = problems.find((pr) => locateFormItem(pr.path));
      if (first) form.scrollToField(locateFormItem(first.path) as never, { block: 'center' });
      setProblem({ title: problems.length > 0 ? t('catalog.edit.invalid', { count: problems.length }) : describeError(error, t), unplaced });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      width={1040}
      title={t('catalog.edit.title', { code: item.code, version: item.version })}
      okText={t('catalog.edit.submit')}
      cancelText={t('common.cancel')}
      onOk={save}
      confirmLoading={saving}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'edit-submit' } as never}
      destroyOnHidden
      afterClose={() => setProblem(null)}
    >
      {problem && (
        <Alert
          data-testid="edit-error"
          type="error"
          showIcon
          title={problem.title}
          description={problem.unplaced.length > 0 ? problem.unplaced.map((u) => `${u.path.join('.')}: ${u.message}`).join('；') : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<EditValues>
        form={form}
        layout="vertical"
        disabled={saving}
        initialValues={{ ...definitionOf(item), notes: item.notes.join('\n'), reason: '' }}
        data-testid="edit-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={p('name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="subjectType" label={p('subjectType')}>
              <Select options={options(SUBJECT_TYPES, SUBJECT_TYPE_LABELS, t)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="active" label={p('active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="category" label={p('category')}>
              <Select options={options(CATEGORIES, CATEGORY_LABELS, t)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="severity" label={p('severity')} extra={t('catalog.edit.severityHelp')}>
              <Select allowClear options={options(SEVERITIES, SEVERITY_LABELS, t)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="disclosureLevel" label={p('disclosureLevel')}>
              <Select options={options(DISCLOSURE_LEVELS, DISCLOSURE_LABELS, t)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="keyDomain" label={p('keyDomain')} extra={t('catalog.edit.keyDomainHelp')}>
              <Input maxLength={32} allowClear />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="legalBasis" label={p('legalBasis')} extra={t('catalog.edit.legalBasisHelp')}>
              <Input.TextArea rows={3} maxLength={4000} data-testid="edit-legal-basis" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="provider" label={p('provider')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sourceDepartments" label={p('sourceDepartments')} extra={t('catalog.edit.sourcesHelp')}>
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} data-testid="edit-sources" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="sourceDocument" label={p('sourceDocument')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={2000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="dataFormat" label={p('dataFormat')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="coverage" label={p('coverage')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="updateCycle" label={p('updateCycle')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('catalog.edit.publicationSection')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={['publication', 'kind']} label={p('publication')}>
              <Select options={options(PUBLICATION_KINDS, PUBLICATION_KIND_LABELS, t)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['publication', 'extendsWhileListed']} label={t('catalog.edit.extendsWhileListed')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="severityPerRecord" label={p('severityPerRecord')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {kind === 'by_severity' &&
            SEVERITIES.map((s) => (
              <Col xs={24} md={8} key={s}>
                <Card size="small" title={t('catalog.edit.periodFor', { severity: t(SEVERITY_LABELS[s]) })}>
                  <Space wrap>
                    <Form.Item name={['publication', 'periods', s, 'minMonths']} label={t('catalog.edit.minMonths')}>
                      <InputNumber min={0} precision={0} style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item name={['publication', 'periods', s, 'maxMonths']} label={t('catalog.edit.maxMonths')}>
                      <InputNumber min={0} precision={0} style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item name={['publication', 'periods', s, 'publishedByDefault']} label={t('catalog.edit.publishedByDefault')} valuePropName="checked">
                      <Switch size="small" />
                    </Form.Item>
                  </Space>
                </Card>
              </Col>
            ))}
          {kind === 'fixed' && (
            <>
              <Col xs={12} md={8}>
                <Form.Item name={['publication', 'minMonths']} label={t('catalog.edit.minMonths')}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                <Form.Item name={['publication', 'maxMonths']} label={t('catalog.edit.maxMonths')}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={24}>
            <Form.Item name={['publication', 'basis']} label={t('catalog.detail.publicationBasis')} rules={[{ required: true, whitespace: true, min: 2 }]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['retention', 'afterPublication']} label={p('retention')}>
              <Select options={options(RETENTION_ACTIONS, RETENTION_LABELS, t)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name={['retention', 'basis']} label={t('catalog.edit.retentionBasis')} rules={[{ required: true, whitespace: true, min: 2 }]}>
              <Input maxLength={2000} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="minSubjectAge" label={p('minSubjectAge')}>
              <InputNumber min={0} max={150} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="jointPunishmentBasis" label={p('jointPunishmentBasis')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="unconfirmedUtilityArrears" label={p('unconfirmedUtilityArrears')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="reducesRights" label={p('reducesRights')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="expertReviewedAt" label={p('expertReviewedAt')}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="publicCommentAt" label={p('publicCommentAt')}>
              <Input type="date" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{p('fields')}</Divider>
        <FieldsEditor />

        <Form.Item name="notes" label={p('notes')} extra={t('catalog.edit.notesHelp')}>
          <Input.TextArea rows={3} />
        </Form.Item>

        <Divider />
        <Form.Item
          name="reason"
          label={t('catalog.edit.reason')}
          extra={t('catalog.edit.reasonHelp')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('catalog.edit.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={1000} showCount data-testid="edit-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The item's fields (信息项), one row each; the inputs that apply depend on the field's type. */
function FieldsEditor() {
  const { t } = useI18n();
  return (
    <Form.List name="fields">
      {(rows, { add, remove }, { errors }) => (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="edit-fields">
          {rows.map(({ key, name }) => (
            <Card size="small" key={key} styles={{ body: { paddingBottom: 0 } }}>
              <Row gutter={8} align="top">
                <Col xs={12} md={4}>
                  <Form.Item name={[name, 'name']} label={t('catalog.field.name')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={64} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item name={[name, 'label']} label={t('catalog.field.label')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item name={[name, 'type']} label={t('catalog.field.type')}>
                    <Select options={options(FIELD_TYPES, FIELD_TYPE_LABELS, t)} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item name={[name, 'role']} label={t('catalog.field.role')}>
                    <Select allowClear options={options(FIELD_ROLES, FIELD_ROLE_LABELS, t)} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={2}>
                  <Form.Item name={[name, 'required']} label={t('catalog.field.required')} valuePropName="checked">
                    <Checkbox />
                  </Form.Item>
                </Col>
                <Form.Item noStyle dependencies={[['fields', name, 'type']]}>
                  {({ getFieldValue }) => {
                    const type = getFieldValue(['fields', name, 'type']) as FieldDefinition['type'] | undefined;
                    return (
                      <>
                        {type === 'code' && (
                          <Col xs={12} md={4}>
                            <Form.Item name={[name, 'codeKind']} label={t('catalog.field.codeKind')}>
                              <Select options={options(CODE_KINDS, CODE_KIND_LABELS, t)} />
                            </Form.Item>
                          </Col>
                        )}
                        {(type === 'string' || type === 'code') && (
                          <Col xs={12} md={3}>
                            <Form.Item name={[name, 'maxLength']} label={t('catalog.field.maxLength')}>
                              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                            </Form.Item>
                          </Col>
                        )}
                        {type === 'enum' && (
                          <Col xs={24} md={8}>
                            <Form.Item name={[name, 'enumValues']} label={t('catalog.field.enumValues')}>
                              <Select mode="tags" open={false} suffixIcon={null} />
                            </Form.Item>
                          </Col>
                        )}
                      </>
                    );
                  }}
                </Form.Item>
                <Col flex="none" style={{ marginInlineStart: 'auto', paddingTop: 30 }}>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('catalog.edit.removeField')} onClick={() => remove(name)} />
                </Col>
              </Row>
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', label: '', type: 'string', required: false })} block>
            {t('catalog.edit.addField')}
          </Button>
          <Typography.Text type="secondary">{t('catalog.edit.fieldsHelp')}</Typography.Text>
        </Space>
      )}
    </Form.List>
  );
}
