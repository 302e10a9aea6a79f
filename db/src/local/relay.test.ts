import { afterAll, beforeAll, describe, expect, it } from "vitest";
import net from "node:net";
import { createRequire } from "node:module";
import { startRelay, type Relay } from "./relay.ts";

const { WebSocket } = createRequire(import.meta.url)("ws") as typeof import("ws");

describe("Neon relay", () => {
  let echo: net.Server;
  let echoPort: number;
  let relay: Relay;
  beforeAll(async () => {
    echo = net.createServer((s) => s.pipe(s));
    await new Promise<void>((r) => echo.listen(0, "127.0.0.1", r));
    echoPort = (echo.address() as net.AddressInfo).port;
    relay = await startRelay({ allow: [`127.0.0.1:${echoPort}`] });
  });
  afterAll(async () => {
    await relay.close();
    echo.close();
  });

  it("passes raw bytes both ways to an allowed address", async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${relay.port}/v1?address=127.0.0.1:${echoPort}`);
    const reply = await new Promise<Buffer>((resolve, reject) => {
      ws.on("open", () => ws.send(Buffer.from([0, 1, 2, 255])));
      ws.on("message", (d: Buffer) => resolve(d));
      ws.on("error", reject);
    });
    expect([...reply]).toEqual([0, 1, 2, 255]);
    ws.close();
  });

  it("refuses any other address (policy violation close code)", async () => {
    for (const address of ["127.0.0.1:22", "10.0.0.1:5432", "localhost:1"]) {
      const ws = new WebSocket(`ws://127.0.0.1:${relay.port}/v1?address=${address}`);
      const code = await new Promise<number>((resolve) => ws.on("close", (c: number) => resolve(c)));
      expect(code, address).toBe(1008);
    }
  });
});
