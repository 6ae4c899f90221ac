/** Who is calling: front-ends (internal), business analysts, or a partner limited to its own accounts. */
export enum Role {
  INTERNAL = "internal",
  ANALYST = "analyst",
  PARTNER = "partner",
}

export const roles = Object.values(Role);

/** Personal data a caller may see in clear: staff all of it, a partner what its agreement includes. */
export interface PersonalDataAccess {
  contactEmail: boolean;
  contactPhone: boolean;
}

export const fullPersonalDataAccess: PersonalDataAccess = { contactEmail: true, contactPhone: true };

/** A partner agreement's default: no personal data in clear. */
export const noPersonalDataAccess: PersonalDataAccess = { contactEmail: false, contactPhone: false };

/** The caller of one request, from its API key. */
export interface Caller {
  keyId: string;
  keyPrefix: string;
  /** The key's name, as its creator gave it: who took a step, in the rules' audit and history. */
  keyName: string;
  role: Role;
  /** Set for partners only: the partner whose accounts the caller may see. */
  partnerId: string | null;
  personalData: PersonalDataAccess;
}
