import http from "node:http";
import pg from "pg";

/**
 * The floor for `npm run bench:api`: plain Node http + pg answering the same two queries the
 * API runs (a page of an organization's links, newest first; one link by id and organization),
 * with no auth, rate limiting, validation or response shaping.
 */
const { DATABASE_URL, PORT, ORGANIZATION_ID } = process.env;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });

const server = http.createServer(async (request, response) => {
  try {
    const url = new URL(request.url ?? "/", "http://floor");
    const match = /^\/links\/([0-9a-f-]{36})$/.exec(url.pathname);
    let body: unknown;
    if (url.pathname === "/links") {
      const limit = Number(url.searchParams.get("limit") ?? 25);
      const { rows } = await pool.query('SELECT * FROM "Link" WHERE "organizationId" = $1 ORDER BY "createdAt" DESC, "id" DESC LIMIT $2', [
        ORGANIZATION_ID,
        limit + 1,
      ]);
      body = { data: rows.slice(0, limit), nextCursor: rows.length > limit ? rows[limit - 1].id : null };
    } else if (match) {
      const { rows } = await pool.query('SELECT * FROM "Link" WHERE "id" = $1 AND "organizationId" = $2 LIMIT 1', [match[1], ORGANIZATION_ID]);
      body = rows[0];
    }
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  } catch (error) {
    response.writeHead(500).end(String(error));
  }
});

server.listen(Number(PORT), "127.0.0.1", () => process.stdout.write("floor ready\n"));
process.on("SIGTERM", () => server.close(() => void pool.end().then(() => process.exit(0))));
