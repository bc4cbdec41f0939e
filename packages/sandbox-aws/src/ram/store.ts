/** What RAM callers create: resource shares, with their resources and principals, and the invitations they send. */

export interface ResourceShareRecord {
  arn: string;
  name: string;
  ownerId: string;
  region: string;
  allowExternalPrincipals: boolean;
  status: "ACTIVE" | "DELETED";
  resourceArns: string[];
  /** As given: an account id or an account's root ARN. */
  principals: string[];
  tags: { key: string; value: string }[];
  createdAt: number;
  updatedAt: number;
  fingerprint: string;
}

export interface InvitationRecord {
  arn: string;
  shareArn: string;
  senderAccountId: string;
  receiverAccountId: string;
  region: string;
  status: "PENDING" | "ACCEPTED" | "REJECTED";
  createdAt: number;
}

export interface StoredRam {
  shares: ResourceShareRecord[];
  invitations: InvitationRecord[];
}

export class RamStore {
  shares = new Map<string, ResourceShareRecord>();
  invitations = new Map<string, InvitationRecord>();

  clear(): void {
    this.shares.clear();
    this.invitations.clear();
  }

  toJSON(): StoredRam {
    return { shares: [...this.shares.values()], invitations: [...this.invitations.values()] };
  }

  load(stored: StoredRam | undefined): void {
    this.clear();
    for (const share of stored?.shares ?? []) this.shares.set(share.arn, share);
    for (const invitation of stored?.invitations ?? []) this.invitations.set(invitation.arn, invitation);
  }
}

/** The account a principal names: a 12-digit id or `arn:aws:iam::<id>:root`; undefined for anything else. */
export function principalAccount(principal: string): string | undefined {
  return /^\d{12}$/.test(principal) ? principal : /^arn:aws:iam::(\d{12}):root$/.exec(principal)?.[1];
}

/** Whether `accountId` accepted its invitation to the share. */
export function hasAccepted(store: RamStore, shareArn: string, accountId: string): boolean {
  return [...store.invitations.values()].some((i) => i.shareArn === shareArn && i.receiverAccountId === accountId && i.status === "ACCEPTED");
}

/**
 * Whether `accountId` may use the resource: its owner may, and so may an account it is shared with
 * through an active share whose invitation that account accepted.
 */
export function isSharedWith(store: RamStore, resourceArn: string, ownerId: string, accountId: string): boolean {
  if (ownerId === accountId) return true;
  for (const share of store.shares.values()) {
    if (share.status !== "ACTIVE" || share.ownerId !== ownerId || !share.resourceArns.includes(resourceArn)) continue;
    if (!share.principals.some((p) => principalAccount(p) === accountId)) continue;
    if (hasAccepted(store, share.arn, accountId)) return true;
  }
  return false;
}
