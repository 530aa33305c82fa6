# Arrivée as a container image: one image for web, worker and the release step (docs/deploy.md, "Containers").
#   docker build -t arrivee .
#   docker run --rm arrivee python -m bot doctor
# Offline (no registry, no PyPI): build args BASE (any Debian image with python3 and python3-venv) and
# PIP_NO_INDEX=1 with the wheels in ./wheels (pip download -r requirements.txt -d wheels); config/containers/
# python.Dockerfile makes such a base, and compose.offline.yaml passes both (docs/deploy.md, "Without Docker Hub").
ARG BASE=python:3.11-slim-bookworm

FROM ${BASE} AS build
ARG PIP_NO_INDEX=
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
# wheel[s]: the offline wheels, when there are any (the pattern may match nothing), land beside requirements.txt.
COPY requirements.txt wheel[s] /tmp/build/
RUN python3 -m venv /opt/venv \
    && /opt/venv/bin/pip install --find-links /tmp/build -r /tmp/build/requirements.txt

FROM ${BASE}
# A user of its own, without a shell or a home it can write: the app writes nothing but its logs (to stdout).
RUN groupadd --system --gid 10001 arrivee \
    && useradd --system --uid 10001 --gid arrivee --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin arrivee
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
# Owned by root, read-only to the app.
COPY alembic.ini worker.py Procfile ./
COPY config/ config/
COPY migrations/ migrations/
COPY bot/ bot/
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    ARRIVEE_ENV=production \
    LOG_FORMAT=json \
    PORT=8000
USER arrivee:arrivee
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s \
    CMD ["python", "-c", "import os, sys, urllib.request; port = os.environ.get('PORT', '8000'); sys.exit(urllib.request.urlopen('http://127.0.0.1:' + port + '/healthz', timeout=4).status != 200)"]
# The web process; the compose file runs `python worker.py` and `python -m bot init-db` from the same image. No
# control socket: gunicorn would put it under $HOME, which this user does not have.
CMD ["gunicorn", "-c", "config/gunicorn.conf.py", "--no-control-socket", "bot:create_app()"]
