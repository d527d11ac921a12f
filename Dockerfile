# syntax=docker/dockerfile:1
# The release the EC2 instances run (docs/deploy.md): production dependencies, the built UI and the sources
# (bin/tidelens.js runs them through tsx), plus the Node binary they were installed with.
#   docker build -t tidelens .                                                    # the image
#   docker build --target artifact --output type=local,dest=release .             # the tree for EC2
ARG NODE_IMAGE=node:20.19-bookworm-slim

# Production dependencies only; better-sqlite3 compiles here if no prebuilt binary fits.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# The UI bundle needs esbuild and the Babel JSX transform: the dev dependencies stay in this stage.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx tsx src/ui/build.ts

FROM ${NODE_IMAGE} AS release
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY src ./src
COPY seed ./seed
COPY eval ./eval
COPY schema-docs ./schema-docs
COPY --from=build /app/dist/ui ./dist/ui
# The instances run this tree with its own Node, so the AMI's Node version never matters.
RUN mkdir -p runtime data && cp "$(command -v node)" runtime/node \
  && groupadd --system tidelens && useradd --system --gid tidelens --home-dir /app --shell /usr/sbin/nologin tidelens \
  && chown tidelens:tidelens data
USER tidelens
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/tidelens.js", "serve"]

# `--target artifact --output type=local,dest=release`: release/app is what infra's user data unpacks.
FROM scratch AS artifact
COPY --from=release /app /app
