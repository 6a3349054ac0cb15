# Portcullis: the console and token server, as one image.
#   docker build -t portcullis .
#   docker run -p 3000:3000 -v portcullis-data:/data -e PORTCULLIS_ADMIN_PASSWORD=... portcullis
# BASE: any Debian/Ubuntu-like image with Node.js >= 20.19 and npm (e.g. node:20-bookworm-slim);
# `npm run test:image` builds one from Debian packages and this machine's Node.js instead.
ARG BASE=node:20-bookworm-slim

FROM ${BASE} AS build
WORKDIR /app
COPY . .
# One layer: dependencies (without test tooling), the client generated, the console built, then
# what only the build needed dropped again.
RUN npm install --omit=dev --no-audit --no-fund \
 && npm run build \
 && rm -rf .next/cache \
 && mkdir .next/cache && chown 10001:10001 .next/cache \
 && npm cache clean --force

FROM ${BASE}
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    PORTCULLIS_DATA_DIR=/data
RUN groupadd --system --gid 10001 portcullis \
 && useradd --system --uid 10001 --gid portcullis --home-dir /app --shell /usr/sbin/nologin portcullis \
 && mkdir -p /data /etc/portcullis \
 && chown portcullis:portcullis /data /etc/portcullis
WORKDIR /app
# Owned by root and read-only to the service, but for Next.js's own cache directory.
COPY --from=build /app /app
USER portcullis
# The embedded database, secrets and signing keys live in /data (the database moves out with
# DATABASE_URL); /etc/portcullis is where the registry's files go when shared (compose.yaml).
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live',{signal:AbortSignal.timeout(2500)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/server.mjs"]
