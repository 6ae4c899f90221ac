/** Who is calling: front-ends (internal), business analysts, or a partner limited to its own accounts. */
export enum Role {
  INTERNAL = "internal",
  ANALYST = "analyst",
  PARTNER = "partner",
}

export const roles = Object.values(Role);

/** The caller of one request, from its API key. */
export interface Caller {
  keyId: string;
  keyPrefix: string;
  role: Role;
  /** Set for partners only: the partner whose accounts the caller may see. */
  partnerId: string | null;
}
