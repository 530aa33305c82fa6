# The app image's base where python:3.11-slim-bookworm cannot be pulled: Debian 12's own Python 3.11 on a local
# Debian base (docs/deploy.md, "Without Docker Hub"). Built as arrivee-base:bookworm, passed as the Dockerfile's BASE.
ARG BASE=arrivee-debian:bookworm
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates \
    && rm -rf /var/lib/apt/lists/*
