/** Part 4: weekly digests of 10,000 koppelingen with 1,000,000 sales in the week (to be added with engine/digest). */
import { type Figure, notMeasured } from "./bench-report.js";

export interface DigestBenchOptions {
  serverUrl: string;
  quick: boolean;
  log: (line: string) => void;
}

/** Not measured yet: the digest API is being written alongside this suite. */
export async function benchDigest(_options: DigestBenchOptions): Promise<Figure[]> {
  return [
    notMeasured("4 digest", "10,000 weekly digests, 1M sales in the week", "≤ 10 s", "engine/digest is in progress"),
    notMeasured("4 digest", "cost of one digest vs number of koppelingen", "flat", "engine/digest is in progress"),
  ];
}
