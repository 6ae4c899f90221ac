import { hostname, userInfo } from "node:os";
import { RuleActor } from "../../policies/publication/rule-audit";

/** Who runs a command, as the rules' history and audit name them: the operating-system user on this host. */
export function commandActor(command: string): RuleActor {
  const who = `${userInfo().username}@${hostname()}`;
  return { name: `${who} (${command})`, keyId: `command-line:${who}` };
}
