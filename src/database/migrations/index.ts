import { CustomerGraph1763800000000 } from "./1763800000000-customer-graph";

/** Every migration, oldest first. */
export const migrations = [CustomerGraph1763800000000];
