import { AuthChecker } from "type-graphql";
import { RequestContext } from "../context";
import { Role } from "./roles";

/** `@Authorized(roles)` on a field or mutation: only those roles may use it; others get FORBIDDEN. */
export const roleAuthChecker: AuthChecker<RequestContext, Role> = ({ context }, allowedRoles) => allowedRoles.includes(context.caller.role);

/** Front-ends and analysts: everything partners may not see or do. */
export const staffRoles = [Role.INTERNAL, Role.ANALYST] as const;
