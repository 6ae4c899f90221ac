import { Client } from "pg";

export interface NotificationListener {
  close(): Promise<void>;
}

/** How long after losing its connection the listener tries again. */
const reconnectMilliseconds = 1_000;

/**
 * LISTENs on a channel on a connection of its own (a pooled one would be handed to requests): each
 * notification, and each (re)connection (notifications may have been missed meanwhile), calls `onNotify`.
 * A lost connection (the database restarting) is re-made every second.
 */
export function listenForNotifications(
  connection: { connectionString: string; channel: string; applicationName: string },
  onNotify: () => void,
  onError: (error: unknown) => void,
): NotificationListener {
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
    const connecting = new Client({ connectionString: connection.connectionString, application_name: connection.applicationName });
    client = connecting;
    connecting.on("notification", () => onNotify());
    connecting.on("error", (error) => {
      onError(error);
      reconnect();
    });
    connecting.on("end", reconnect);
    try {
      await connecting.connect();
      await connecting.query(`LISTEN ${connection.channel}`);
      onNotify();
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
