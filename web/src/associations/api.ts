/** Typed calls for an industry association's member register (types come type-only from the server's schemas). */
import type { ApiClient } from '../api/client.ts';
import type { AssociationMember, MemberInput } from '../../../src/modules/accounts/schema.ts';

export type { AssociationMember, MemberInput } from '../../../src/modules/accounts/schema.ts';

export function associationsApi(api: ApiClient) {
  return {
    members: (limit: number, offset: number) => api.get<{ items: AssociationMember[]; total: number }>(`/api/v1/associations/members?limit=${limit}&offset=${offset}`),
    register: (members: MemberInput[]) => api.post<{ added: number; updated: number }>('/api/v1/associations/members', { members }),
  };
}
