# Production image: compiled JavaScript on a current Node LTS, run as a non-root user.
# Build stage: full install (TypeScript), `npm run build` → dist/.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime stage: production dependencies only, and dist/.
FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The embedded PGlite store (DATA_DIR=./data, used when DATABASE_URL is unset) must be writable by node.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# SIGTERM (docker stop) shuts down gracefully within 10 s: node runs as PID 1 and handles it itself.
CMD ["node", "dist/src/main.js"]
