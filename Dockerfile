# syntax=docker/dockerfile:1
# Multi-stage build of the portal: dependencies, build (Next standalone output), a small non-root runtime.
# The `tools` target has the whole toolchain: docker-compose.yml runs migrations and workers with it.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY lib/cli/generate.ts lib/cli/generate.ts
COPY prisma prisma
COPY prisma.config.ts tsconfig.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build

# Migrations (`npm run db:migrate`) and workers (`npm run worker`): the full toolchain, non-root.
FROM build AS tools
ENV NODE_ENV=production
RUN chown -R node:node /app
USER node
CMD ["npm", "run", "worker"]

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOST=0.0.0.0 HOSTNAME=0.0.0.0
RUN groupadd --system portal && useradd --system --gid portal --home /app portal
COPY --from=build --chown=portal:portal /app/.next/standalone ./
USER portal
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server.js"]
