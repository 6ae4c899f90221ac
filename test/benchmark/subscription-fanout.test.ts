import { ClientReceipts } from "../../src/benchmark/fanout-clients";
import { deliveryFigures } from "../../src/benchmark/fanout-figures";
import { measureFanout } from "../../src/benchmark/subscription-fanout";
import { benchEventsCommand } from "../../src/commands/bench-events-command";
import { exitCodes } from "../../src/commands/harness/command-errors";
import { runCommandLine } from "../../src/commands/harness/command-line";
import { parsedOptions } from "../support/command-options";
import { HttpTestServer, startHttpTestServer } from "../support/http-test-server";

const receipts = (partnerId: string | null, received: Array<[string, number]>): ClientReceipts => ({
  subscriber: { key: "cgk_test", partnerId },
  connectMilliseconds: 1,
  received: new Map(received),
  duplicates: 0,
  errors: [],
});

describe("the subscription fan-out benchmark (npm run bench:events)", () => {
  test("when no options are given, then it connects 1,000 clients, a tenth of them partners over 10 partners, for 200 events 20 ms apart", async () => {
    expect(await parsedOptions(benchEventsCommand, [])).toMatchObject({ clients: 1_000, partnerPercent: 10, partners: 10, events: 200, spacing: 20 });
    await expect(parsedOptions(benchEventsCommand, ["--partner-percent", "101"])).rejects.toThrow(/is invalid/);
  });

  test("when DATABASE_URL is not set, then it refuses to run: it measures a real PostgreSQL", async () => {
    const errors: string[] = [];
    jest.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void errors.push(parts.join(" ")));
    try {
      expect(await runCommandLine(["bench:events"], {})).toBe(exitCodes.failed);
    } finally {
      jest.restoreAllMocks();
    }
    expect(errors.join("\n")).toMatch(/set DATABASE_URL/);
  });

  test("when a client lacks an event it may see, or a partner gets another's, then both are counted apart from the deliveries", () => {
    const events = [
      { id: "1", partnerId: null, committedAt: 100 },
      { id: "2", partnerId: "p1", committedAt: 200 },
    ];
    const { delivery, latency } = deliveryFigures(
      [
        receipts(null, [
          ["1", 104],
          ["2", 210],
        ]),
        receipts(null, [["1", 106]]),
        receipts("p2", [["2", 205]]),
      ],
      events,
    );
    expect(delivery).toMatchObject({ expected: 4, delivered: 3, missed: 1, clientsWithMisses: 1, outOfScope: 1 });
    // 3 deliveries from the first commit (100) to the last receipt (210).
    expect(delivery.perSecond).toBeCloseTo(3 / 0.11);
    expect(latency.all).toMatchObject({ samples: 3, p50: 6, max: 10 });
    expect(latency.lastClientPerEvent).toMatchObject({ samples: 2, max: 10 });
  });

  describe("against a server with subscriptions", () => {
    let server: HttpTestServer;
    beforeAll(async () => {
      server = await startHttpTestServer({ subscriptions: true });
    });
    afterAll(() => server.close());

    test("when 3 clients (one a partner) get 5 events, then each gets every event it may see and the partner only its own", async () => {
      const figures = await measureFanout(
        {
          webSocketUrl: server.webSocketUrl,
          dataSource: server.dataSource,
          readResources: async () => ({
            residentBytes: process.memoryUsage().rss,
            heapUsedBytes: process.memoryUsage().heapUsed,
            cpuSeconds: process.cpuUsage().user / 1e6,
          }),
        },
        { clients: 3, partnerShare: 0.34, partners: 1, events: 5, spacingMilliseconds: 5, connectConcurrency: 2, settleMilliseconds: 10_000 },
        `fan-out test ${Date.now()}`,
      );
      expect(figures.clients).toEqual({ internal: 2, partner: 1, partners: 1 });
      // Our own account's events are the 1st, 3rd and 5th; the partner's the 2nd and 4th.
      expect(figures.delivery).toMatchObject({ expected: 2 * 5 + 2, delivered: 12, missed: 0, outOfScope: 0, duplicates: 0, clientsWithErrors: 0 });
      expect(figures.latencyMilliseconds.partnerClients.samples).toBe(2);
      expect(figures.connection.perClient.samples).toBe(3);
    });
  });
});
