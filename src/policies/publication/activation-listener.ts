import { listenForNotifications, NotificationListener } from "../../database/notification-listener";
import { ruleSetChannel } from "./rule-set-publication";

export type ActivationListener = NotificationListener;

/** LISTENs for activations (listenForNotifications): each one, and each (re)connection, calls `onActivation`. */
export function listenForActivations(connectionString: string, onActivation: () => void, onError: (error: unknown) => void): ActivationListener {
  return listenForNotifications({ connectionString, channel: ruleSetChannel, applicationName: "customer-graph-rule-listener" }, onActivation, onError);
}
