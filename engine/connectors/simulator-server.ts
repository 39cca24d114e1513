/** The HTTP plumbing shared by the vendor simulators: routing, fault injection and a request log. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A fault to inject on the next matching requests. */
export type SimulatorFault =
  | { kind: "status"; status: number; body?: string; headers?: Record<string, string> }
  | { kind: "rateLimit"; retryAfterSeconds: number }
  | { kind: "slow"; delayMs: number }
  | { kind: "truncated" } // a 200 whose JSON body is cut off half-way
  | { kind: "invalidJson" } // a 200 with a body that is not JSON at all
  | { kind: "drop" }; // the connection is closed without an answer

export interface FaultRule {
  fault: SimulatorFault;
  /** Only requests whose method matches (default: any). */
  method?: string;
  /** Only requests whose path matches (default: any). */
  path?: RegExp;
  /** How many matching requests get the fault (default 1; Infinity for all). */
  times?: number;
  /** The chance (0–1) that a matching request gets the fault; otherwise later rules and the handler answer (default 1). */
  probability?: number;
  /** The random source for `probability` (default Math.random; tests pass a seeded one). */
  random?: () => number;
  /** Called when a request gets the fault, before it is answered (tests synchronise on it). */
  onTaken?: () => void;
}

/** What the simulator received, for tests to assert on. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
  status: number;
}

/** A parsed request handed to a simulator's routes. */
export interface SimulatorRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A simulator route's answer. */
export interface SimulatorResponse {
  status: number;
  /** Raw text body; JSON is serialised by the route so big ids survive unchanged. */
  body?: string;
  headers?: Record<string, string>;
}

export type SimulatorHandler = (request: SimulatorRequest) => SimulatorResponse | Promise<SimulatorResponse>;

/** A running simulator: its base URL, the log, fault injection and shutdown. */
export interface SimulatorServer {
  url: string;
  requests: LoggedRequest[];
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  close(): Promise<void>;
}

/** A JSON response whose body is given as already-serialised text or as a value. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): SimulatorResponse {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return { status, body: text, headers: { "content-type": "application/json; charset=utf-8", ...headers } };
}

/** Starts an HTTP server on 127.0.0.1 that answers with `handler`, unless a fault rule matches first. */
export async function startSimulatorServer(
  handler: SimulatorHandler,
  options: { port?: number; keepLog?: boolean } = {},
): Promise<SimulatorServer> {
  const faults: Array<FaultRule & { remaining: number }> = [];
  const requests: LoggedRequest[] = [];
  const keepLog = options.keepLog ?? true;

  const takeFault = (method: string, path: string): SimulatorFault | undefined => {
    const index = faults.findIndex(
      (rule) =>
        (!rule.method || rule.method === method) &&
        (!rule.path || rule.path.test(path)) &&
        (rule.probability === undefined || (rule.random ?? Math.random)() < rule.probability),
    );
    if (index < 0) return undefined;
    const rule = faults[index]!;
    rule.onTaken?.();
    rule.remaining -= 1;
    if (rule.remaining <= 0) faults.splice(index, 1);
    return rule.fault;
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const request: SimulatorRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      void answer(request, res);
    });
  });

  const answer = async (request: SimulatorRequest, res: ServerResponse): Promise<void> => {
    let response: SimulatorResponse;
    const fault = takeFault(request.method, request.path);
    try {
      if (fault?.kind === "drop") {
        res.socket?.destroy();
        log(request, 0);
        return;
      }
      if (fault?.kind === "slow") await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      response = faultResponse(fault) ?? (await handler(request));
      if (fault?.kind === "truncated") response = { ...response, status: 200, body: (response.body ?? "{}").slice(0, Math.max(1, Math.floor((response.body ?? "{}").length / 2))) };
    } catch (error) {
      response = jsonResponse(500, { error: `simulator failure: ${(error as Error).message}` });
    }
    log(request, response.status);
    if (!res.writable) return;
    res.writeHead(response.status, response.headers ?? {});
    res.end(response.body ?? "");
  };

  const log = (request: SimulatorRequest, status: number): void => {
    if (keepLog) requests.push({ ...request, status });
  };

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    injectFault: (rule) => faults.push({ ...rule, remaining: rule.times ?? 1 }),
    clearFaults: () => void faults.splice(0, faults.length),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function faultResponse(fault: SimulatorFault | undefined): SimulatorResponse | undefined {
  switch (fault?.kind) {
    case "status":
      return { status: fault.status, body: fault.body ?? "", headers: fault.headers ?? { "content-type": "application/json" } };
    case "rateLimit":
      return {
        status: 429,
        body: "Retry later",
        headers: { "content-type": "text/plain", "retry-after": String(fault.retryAfterSeconds) },
      };
    case "invalidJson":
      return { status: 200, body: "<html><body>Service temporarily unavailable</body></html>", headers: { "content-type": "application/json" } };
    default:
      return undefined;
  }
}
