/** The clock the server reads (Date) is the test's: everything else (timers, I/O) runs as usual. Call jest.useRealTimers() after. */
export function useTestClock(start: number): { advance: (milliseconds: number) => Date; set: (moment: Date) => Date; now: () => Date } {
  jest.useFakeTimers({
    doNotFake: [
      "hrtime",
      "nextTick",
      "performance",
      "queueMicrotask",
      "requestAnimationFrame",
      "cancelAnimationFrame",
      "requestIdleCallback",
      "cancelIdleCallback",
      "setImmediate",
      "clearImmediate",
      "setInterval",
      "clearInterval",
      "setTimeout",
      "clearTimeout",
    ],
  });
  jest.setSystemTime(start);
  return {
    advance: (milliseconds) => {
      jest.setSystemTime(Date.now() + milliseconds);
      return new Date();
    },
    set: (moment) => {
      jest.setSystemTime(moment);
      return new Date();
    },
    now: () => new Date(),
  };
}
