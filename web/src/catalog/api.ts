/** Typed calls for the catalog pages; types come type-only from the server's schema. */
import { useMemo } from 'react';
import { useApi } from '../api/ApiProvider.tsx';
import type { ApiClient } from '../api/client.ts';
import type { CatalogItem, CatalogItemInput, CatalogItemVersion, KeyProfession } from '../../../src/modules/catalog/schema.ts';

export type {
  CatalogItem,
  CatalogItemInput,
  CatalogItemVersion,
  Category,
  DisclosureLevel,
  FieldDefinition,
  KeyProfession,
  PublicationRule,
  Severity,
  SubjectType,
} from '../../../src/modules/catalog/schema.ts';

/** Everything an edit replaces: the definition without its code (PUT sends it whole). */
export type ItemDefinition = Omit<CatalogItemInput, 'code'>;

export const SUBJECT_TYPES = ['person', 'organization'] as const satisfies readonly CatalogItem['subjectType'][];
export const CATEGORIES = ['basic', 'good', 'bad'] as const satisfies readonly CatalogItem['category'][];
export const SEVERITIES = ['minor', 'ordinary', 'serious'] as const satisfies readonly NonNullable<CatalogItem['severity']>[];
export const DISCLOSURE_LEVELS = ['public', 'authorized_query', 'government_shared', 'not_disclosed'] as const satisfies readonly CatalogItem['disclosureLevel'][];
export const FIELD_TYPES = ['string', 'date', 'decimal', 'integer', 'enum', 'code'] as const satisfies readonly CatalogItem['fields'][number]['type'][];
export const CODE_KINDS = ['citizen', 'org', 'citizen_or_org'] as const satisfies readonly NonNullable<CatalogItem['fields'][number]['codeKind']>[];
export const FIELD_ROLES = ['subject_code', 'subject_name', 'source_record_id', 'decision_date'] as const satisfies readonly NonNullable<CatalogItem['fields'][number]['role']>[];
export const PUBLICATION_KINDS = ['long_term', 'by_severity', 'fixed', 'not_published'] as const satisfies readonly CatalogItem['publication']['kind'][];
export const RETENTION_ACTIONS = ['keep', 'archive', 'delete'] as const satisfies readonly CatalogItem['retention']['afterPublication'][];

/** The definition of an item as stored, without the server's bookkeeping: what an edit starts from. */
export function definitionOf(item: CatalogItem | CatalogItemInput): ItemDefinition {
  return {
    name: item.name,
    subjectType: item.subjectType,
    category: item.category,
    severity: item.severity,
    severityPerRecord: item.severityPerRecord,
    keyDomain: item.keyDomain,
    provider: item.provider,
    sourceDepartments: item.sourceDepartments,
    legalBasis: item.legalBasis,
    sourceDocument: item.sourceDocument,
    disclosureLevel: item.disclosureLevel,
    dataFormat: item.dataFormat,
    coverage: item.coverage,
    updateCycle: item.updateCycle,
    fields: item.fields,
    publication: item.publication,
    retention: item.retention,
    minSubjectAge: item.minSubjectAge,
    jointPunishmentBasis: item.jointPunishmentBasis,
    unconfirmedUtilityArrears: item.unconfirmedUtilityArrears,
    reducesRights: item.reducesRights,
    expertReviewedAt: item.expertReviewedAt,
    publicCommentAt: item.publicCommentAt,
    notes: item.notes,
    active: item.active,
  };
}

function catalogApi(api: ApiClient) {
  const path = (code: string) => `/api/v1/catalog/items/${encodeURIComponent(code)}`;
  return {
    items: () => api.get<{ items: CatalogItem[] }>('/api/v1/catalog/items'),
    item: (code: string) => api.get<CatalogItem>(path(code)),
    versions: (code: string) => api.get<{ versions: CatalogItemVersion[] }>(`${path(code)}/versions`),
    update: (code: string, item: ItemDefinition, reason: string, expectedVersion: number) => api.put<CatalogItem>(path(code), { item, reason, expectedVersion }),
    keyProfessions: () => api.get<{ professions: KeyProfession[] }>('/api/v1/catalog/key-professions'),
  };
}

export function useCatalogApi() {
  const api = useApi();
  return useMemo(() => catalogApi(api), [api]);
}
