# syntax=docker/dockerfile:1
# The oneapi gateway with its dashboard. See docs/deployment.md.

ARG PNPM_VERSION=10.34.8

FROM node:20-bookworm-slim AS build
ARG PNPM_VERSION
ENV TURBO_TELEMETRY_DISABLED=1
# better-sqlite3 compiles its native addon when no prebuilt binary can be downloaded.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src

# Downloads depend on the lockfile alone, so a source change does not repeat them.
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN npx --yes pnpm@${PNPM_VERSION} fetch

COPY . .
RUN npx --yes pnpm@${PNPM_VERSION} install --frozen-lockfile
RUN npx --yes pnpm@${PNPM_VERSION} exec turbo run build \
      --filter=@oneapi/gateway... --filter=@oneapi/admin...
# pnpm 10 deploys only workspaces with inject-workspace-packages; setting it for this
# command alone leaves the install above untouched, copies the built @oneapi/* packages
# into /out/node_modules and pins versions with a lockfile pruned from ours (--legacy
# would resolve again, ignoring the lockfile).
RUN npx --yes pnpm@${PNPM_VERSION} --config.inject-workspace-packages=true \
      --filter=@oneapi/gateway deploy --prod /out

FROM node:20-bookworm-slim
# The default dashboard path is resolved from the repository layout, which the image lacks.
ENV SQLITE_PATH=/data/oneapi.db \
    DASHBOARD_DIR=/app/dashboard
WORKDIR /app
# Owned by root: the gateway (user node) can read its code but not change it.
COPY --from=build /out ./
COPY --from=build /src/apps/admin/dist ./dashboard
# The SQLite database and key-encryption.key live here when SQL_DSN is empty.
RUN mkdir /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
# Slim images have no curl; Node 20 has fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
