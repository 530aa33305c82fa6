# PostgreSQL from Debian 12's own packages, standing in for postgres:16-bookworm where Docker Hub cannot be reached
# (compose.offline.yaml). It reads the same POSTGRES_DB/_USER/_PASSWORD and keeps its data in the same place.
ARG BASE=arrivee-debian:bookworm
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-15 \
    && rm -rf /var/lib/apt/lists/* \
    && install -d -o postgres -g postgres -m 700 /var/lib/postgresql/data \
    && install -d -o postgres -g postgres -m 2775 /run/postgresql
COPY postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint
# pg_isready (the compose healthcheck) and initdb straight from the server's own directory, not Debian's wrappers,
# which look for clusters under /etc/postgresql that this image does not make.
ENV PATH=/usr/lib/postgresql/15/bin:$PATH \
    PGDATA=/var/lib/postgresql/data \
    LANG=C.UTF-8
USER postgres
EXPOSE 5432
# A fast shutdown (as the official image): open sessions are ended rather than waited for.
STOPSIGNAL SIGINT
ENTRYPOINT ["postgres-entrypoint"]
CMD ["postgres"]
