# Redis from Debian 12's own packages (7.0), standing in for redis:7-bookworm where Docker Hub cannot be reached
# (compose.offline.yaml). Same command line and data directory (/data) as the official image.
ARG BASE=arrivee-debian:bookworm
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends redis-server \
    && rm -rf /var/lib/apt/lists/* \
    && install -d -o redis -g redis -m 750 /data
COPY redis-entrypoint.sh /usr/local/bin/redis-entrypoint
WORKDIR /data
USER redis
EXPOSE 6379
ENTRYPOINT ["redis-entrypoint"]
CMD ["redis-server"]
