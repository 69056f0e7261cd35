# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim AS build
ARG GIT_COMMIT
WORKDIR /app
COPY . .
RUN npm ci && \
    npm run build
RUN npm prune --omit=dev

FROM node:20-bookworm-slim AS test
WORKDIR /app
COPY --from=build /app /app
RUN npm test

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/dist ./dist
COPY --from=build /app/node_modules ./node_modules
COPY package.json ./
RUN chown -R node:node /app
USER node
LABEL org.opencontainers.image.revision=$GIT_COMMIT
EXPOSE 3000
CMD ["node", "dist/server.js"]
