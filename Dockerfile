# One image for every role of the stack (api, jobs, migrate): the compiled workspaces plus their
# production dependencies. Node 20 to match the tested runtime.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund \
 && npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production APP_ENV=prod HOST=0.0.0.0 PORT=8000
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /app/var/uploads && chown -R node:node /app/var
USER node
# 8000: the API; 8001: the job host's /healthz, /readyz and /metrics (docker-compose.yml sets its own check).
EXPOSE 8000 8001
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "hosts/http/dist/main.js"]
