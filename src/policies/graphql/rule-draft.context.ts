import { Caller } from "../../access/roles";
import { PayloadRequest } from "../../shared/mutation-payload";
import { RuleActor } from "../publication/rule-audit";
import { RuleWorkbench } from "../publication/rule-workbench";
import { PolicyRequest } from "./policy.context";

/** What the analysts' rule API needs of a request: the caller, and the process's workbench (absent where no job queue runs). */
export interface RuleWorkbenchRequest extends PolicyRequest, PayloadRequest {
  caller: Caller;
  ruleWorkbench?: RuleWorkbench;
}

export class RuleWorkbenchUnavailableError extends Error {
  constructor() {
    super("This process serves no rule workbench (it runs no job queue)");
  }
}

export function workbenchOf(request: RuleWorkbenchRequest): RuleWorkbench {
  if (!request.ruleWorkbench) throw new RuleWorkbenchUnavailableError();
  return request.ruleWorkbench;
}

/** The caller as the rules' audit names it: its key's name. */
export function actorOf(request: RuleWorkbenchRequest): RuleActor {
  return { name: request.caller.keyName, keyId: request.caller.keyId };
}
