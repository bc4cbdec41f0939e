import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { localBaseUrl, warmUp, type Warmed } from "@/scripts/dev-warm-up";

describe("npm run dev's warm-up", () => {
  const asked: string[] = [];
  const server = createServer((request, response) => {
    asked.push(request.url ?? "");
    if (request.url === "/admin") response.writeHead(307, { location: "/sign-in" }).end();
    else response.writeHead(200).end("page");
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("waits for the server to listen, then asks for each page once, in order, a redirect counting as an answer", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const seen: Warmed[] = [];
    const warming = warmUp(`http://127.0.0.1:${port}`, { paths: ["/sign-in", "/setup", "/admin"], onWarmed: (page) => seen.push(page) });
    // The server listens only after the warm-up started, as Next's does: the warm-up waits for it rather than failing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    const warmed = await warming;
    expect(asked).toEqual(["/sign-in", "/setup", "/admin"]);
    expect(warmed.map(({ path, status }) => [path, status])).toEqual([
      ["/sign-in", 200],
      ["/setup", 200],
      ["/admin", 307],
    ]);
    expect(seen).toEqual(warmed);
  });

  it("reaches a wildcard address on loopback", () => {
    expect(localBaseUrl("0.0.0.0", 3000)).toBe("http://127.0.0.1:3000");
    expect(localBaseUrl("::", 3000)).toBe("http://[::1]:3000");
    expect(localBaseUrl("::1", 3000)).toBe("http://[::1]:3000");
    expect(localBaseUrl("localhost", 3000)).toBe("http://localhost:3000");
  });
});
