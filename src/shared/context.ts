/** Who is acting: the signed-in user as the audit log and permission checks see them. */
export interface Actor {
  userId: string;
  username: string;
  role: string;
  departmentId: string | null;
  /** For a citizen account, the person it is linked to. */
  personId: string | null;
  permissions: ReadonlySet<string>;
}

/** What every service call that touches personal data carries: who, why, and which request. */
export interface RequestContext {
  actor: Actor | null;
  requestId?: string;
  /** Why the data is read (查询用途); logged with the read. */
  purpose?: string;
  /** The legal basis or authorization the read rests on. */
  legalBasis?: string;
  /** A CLI run or a background job rather than an HTTP request. */
  channel?: 'http' | 'cli' | 'job';
}

export const systemContext = (channel: 'cli' | 'job', purpose?: string): RequestContext => ({
  actor: null,
  channel,
  ...(purpose ? { purpose } : {}),
});
