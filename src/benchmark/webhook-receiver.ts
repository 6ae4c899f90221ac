import { createServer, IncomingHttpHeaders } from "node:http";
import { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Webhook } from "standardwebhooks";

/** A partner as the receiver knows it: its endpoint's secret and the account whose events it may get (a global id). */
export interface ReceivingPartner {
  signingSecret: string;
  accountGlobalId: string;
}

/** What the receiver saw: each webhook-id's first receipt (performance.now()), and what was wrong. */
export interface WebhookReceipts {
  received: Map<string, number>;
  /** Second and later receipts of one webhook-id at one endpoint: delivery is at least once. */
  duplicates: number;
  /** Signatures that did not verify with the endpoint's partner's secret: must be 0. */
  badSignatures: number;
  /** Bodies about an account other than the endpoint's partner's: must be 0. */
  wrongPartner: number;
  /** Requests to a path no partner has. */
  unknownPath: number;
}

export interface WebhookReceiver {
  /** The endpoint of the partner at `index` (its own path). */
  urlOf(index: number): string;
  /** Registers the partner at `index` once its subscription (and secret) exists. */
  expect(index: number, partner: ReceivingPartner): void;
  receipts: WebhookReceipts;
  close(): Promise<void>;
}

/**
 * Partners' endpoints on one loopback port, a path each. It answers 200 as soon as the body is read and
 * notes the time first; the signature and the account are checked after answering, so that the check's
 * CPU (shared with the server) does not count in the sender's request time.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const partners = new Map<string, { webhook: Webhook; accountGlobalId: string }>();
  const receipts: WebhookReceipts = { received: new Map(), duplicates: 0, badSignatures: 0, wrongPartner: 0, unknownPath: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const at = performance.now();
      response.end();
      check(partners.get(request.url ?? ""), request.headers, Buffer.concat(chunks).toString("utf8"), at, receipts);
    });
  });
  // Keep-alive connections stay open between deliveries, as at a real endpoint.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    urlOf: (index) => `${base}${pathOf(index)}`,
    expect: (index, partner) => partners.set(pathOf(index), { webhook: new Webhook(partner.signingSecret), accountGlobalId: partner.accountGlobalId }),
    receipts,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const pathOf = (index: number) => `/partners/${index}`;

function check(
  partner: { webhook: Webhook; accountGlobalId: string } | undefined,
  headers: IncomingHttpHeaders,
  body: string,
  at: number,
  receipts: WebhookReceipts,
): void {
  if (!partner) {
    receipts.unknownPath++;
    return;
  }
  let payload: { data?: { accountId?: string } };
  try {
    payload = partner.webhook.verify(body, headers as Record<string, string>) as typeof payload;
  } catch {
    receipts.badSignatures++;
    return;
  }
  if (payload.data?.accountId !== partner.accountGlobalId) receipts.wrongPartner++;
  const id = String(headers["webhook-id"]);
  if (receipts.received.has(id)) receipts.duplicates++;
  else receipts.received.set(id, at);
}
