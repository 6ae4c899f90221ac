import { Client } from "pg";
import { ruleSetChannel } from "./rule-set-publication";

export interface ActivationListener {
  close(): Promise<void>;
}

/** How long after losing its connection the listener tries again. */
const reconnectMilliseconds = 1_000;

/**
 * LISTENs for activations on a connection of its own (a pooled one would be handed to requests):
 * each notification, and each (re)connection (notifications may have been missed meanwhile), calls
 * `onActivation`. A lost connection (the database restarting) is re-made every second.
 */
export function listenForActivations(connectionString: string, onActivation: () => void, onError: (error: unknown) => void): ActivationListener {
  let client: Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;
  const reconnect = () => {
    if (closed || retry) return;
    client?.removeAllListeners();
    client?.end().catch(() => undefined);
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, reconnectMilliseconds);
  };
  const connect = async () => {
    const connecting = new Client({ connectionString, application_name: "customer-graph-rule-listener" });
    client = connecting;
    connecting.on("notification", () => onActivation());
    connecting.on("error", (error) => {
      onError(error);
      reconnect();
    });
    connecting.on("end", reconnect);
    try {
      await connecting.connect();
      await connecting.query(`LISTEN ${ruleSetChannel}`);
      onActivation();
    } catch (error) {
      onError(error);
      reconnect();
    }
  };
  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      client?.removeAllListeners();
      await client?.end().catch(() => undefined);
    },
  };
}
