import type { Role } from '../api/client.ts';
import type { MessageKey } from '../i18n/index.tsx';

/** Every role's name in the UI; a role added on the server without a label here fails to compile. */
export const ROLE_LABELS: Record<Role, MessageKey> = {
  platform_admin: 'role.platform_admin',
  dept_operator: 'role.dept_operator',
  dept_reviewer: 'role.dept_reviewer',
  auditor: 'role.auditor',
  citizen: 'role.citizen',
  api_client: 'role.api_client',
};

export const ALL_ROLES = Object.keys(ROLE_LABELS) as Role[];

/**
 * Roles whose users belong to a department; mirrors DEPARTMENT_ROLES in
 * src/modules/accounts/permissions.ts (the server enforces it, the form only asks for it).
 */
export const NEEDS_DEPARTMENT: Record<Role, boolean> = {
  platform_admin: false,
  dept_operator: true,
  dept_reviewer: true,
  auditor: false,
  citizen: false,
  api_client: false,
};
