# syntax=docker/dockerfile:1
# The portal's two images, built from one Dockerfile (docker-compose.yml uses both):
#   web     Next's standalone server, `node server.js`
#   worker  the compiled worker, migrations, admin and regions commands (dist/*.mjs): no node_modules at all
# Both run Node 24 as PID 1 (no npm, no tsx), as a non-root user, with a health check; SIGTERM stops
# them gracefully (requests finish; running jobs get 10 s, then go back to their queues).

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/sandbox-aws/package.json packages/sandbox-aws/package.json
COPY scripts/generate.ts scripts/npm-node-check.mjs scripts/
COPY prisma prisma
COPY prisma.config.ts tsconfig.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build

FROM node:24-bookworm-slim AS web
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOST=0.0.0.0 HOSTNAME=0.0.0.0
COPY --from=build --chown=node:node /app/.next/standalone ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]

FROM node:24-bookworm-slim AS worker
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 WORKER_HEALTH_PORT=3001 MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072
COPY --from=build --chown=node:node /app/dist/worker.mjs /app/dist/migrate.mjs /app/dist/create-admin.mjs /app/dist/regions.mjs /app/dist/db-backup.mjs /app/dist/db-restore.mjs /app/dist/query-compiler.wasm ./dist/
COPY --from=build --chown=node:node /app/prisma/migrations ./prisma/migrations
USER node
EXPOSE 3001
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.WORKER_HEALTH_PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/worker.mjs"]
