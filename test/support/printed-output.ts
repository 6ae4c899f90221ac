/** What a command printed in one test: console.log's lines in `out`, console.error's in `err`. */
export interface PrintedOutput {
  out: string[];
  err: string[];
}

/** Captures what each test of the enclosing describe prints (emptied before each), for commands run in-process. */
export function capturePrintedOutput(): PrintedOutput {
  const printed: PrintedOutput = { out: [], err: [] };
  beforeEach(() => {
    printed.out.length = 0;
    printed.err.length = 0;
    jest.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void printed.out.push(parts.join(" ")));
    jest.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void printed.err.push(parts.join(" ")));
  });
  afterEach(() => jest.restoreAllMocks());
  return printed;
}
