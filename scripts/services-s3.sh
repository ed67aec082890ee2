#!/usr/bin/env bash
# A local S3-compatible endpoint for development, tests and CI: Debian's OpenStack Swift with its
# s3api layer, which checks request signatures (the npm fakes tried did not). Installs what is
# missing, starts it (or reuses the one already answering), creates the bucket, and prints the
# settings on stdout as `export NAME=value` lines (everything else goes to stderr), so that
#   eval "$(npm run -s services:s3)"
# configures a shell. Runs as root (apt-get, the `swift` user). Idempotent.
#   PODIUM_S3_PORT  proxy port (8095: clear of Podium's 8080 and the usual 9000 of MinIO)
#   PODIUM_S3_HOME  configuration, rings, data and logs (/var/lib/podium-swift)
set -euo pipefail

PORT="${PODIUM_S3_PORT:-8095}"
HOME_DIR="${PODIUM_S3_HOME:-/var/lib/podium-swift}"
BUCKET="${PODIUM_S3_BUCKET:-podium}"
# tempauth user `podium:dev`: its S3 access key is "account:user", its secret the key below.
ACCOUNT=podium
USER_NAME=dev
SECRET=podium-dev-secret
ENDPOINT="http://127.0.0.1:${PORT}"
ETC="$HOME_DIR/etc"
DATA="$HOME_DIR/data"
LOGS="$HOME_DIR/log"

log() { echo "services:s3: $*" >&2; }
healthy() { [ "$(curl -s --max-time 2 "$ENDPOINT/healthcheck" 2>/dev/null)" = "OK" ]; }

install_missing() {
  local need=()
  for bin in swift-proxy-server swift-object-server swift-container-server swift-account-server swift-ring-builder memcached; do
    command -v "$bin" >/dev/null 2>&1 || { need=(swift swift-proxy swift-account swift-container swift-object python3-swift memcached); break; }
  done
  [ ${#need[@]} -eq 0 ] && return
  log "installing ${need[*]} (about 35 s)"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
}

write_config() {
  mkdir -p "$ETC" "$DATA/d1" "$LOGS"
  cat >"$ETC/swift.conf" <<EOF
[swift-hash]
swift_hash_path_suffix = podium-dev
swift_hash_path_prefix = podium-dev

[storage-policy:0]
name = Policy-0
default = yes
EOF
  local kind port
  for kind in object container account; do
    case $kind in object) port=6200 ;; container) port=6201 ;; account) port=6202 ;; esac
    cat >"$ETC/$kind-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $port
devices = $DATA
mount_check = false
swift_dir = $ETC
user = swift
workers = 1

[pipeline:main]
pipeline = $kind-server

[app:$kind-server]
use = egg:swift#$kind
EOF
    if [ ! -f "$ETC/$kind.ring.gz" ]; then
      (cd "$ETC" && swift-ring-builder "$kind.builder" create 8 1 1 >&2 &&
        swift-ring-builder "$kind.builder" add "r1z1-127.0.0.1:$port/d1" 100 >&2 &&
        swift-ring-builder "$kind.builder" rebalance >&2)
    fi
  done
  cat >"$ETC/proxy-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $PORT
swift_dir = $ETC
user = swift
workers = 1

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk tempurl s3api tempauth copy slo dlo proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:tempauth]
use = egg:swift#tempauth
user_${ACCOUNT}_${USER_NAME} = $SECRET .admin

[filter:s3api]
use = egg:swift#s3api
location = us-east-1

[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:11211
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:bulk]
use = egg:swift#bulk
[filter:tempurl]
use = egg:swift#tempurl
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
EOF
  # Owned by `swift` (the servers drop to it): otherwise writes fail and CreateBucket answers 503.
  chown -R swift:swift "$DATA" "$LOGS"
}

start() {
  # memcached first: the proxy's auth tokens live there.
  if ! (exec 3<>/dev/tcp/127.0.0.1/11211) 2>/dev/null; then
    memcached -d -u memcache -l 127.0.0.1 -p 11211 -m 64 2>/dev/null || memcached -d -u nobody -l 127.0.0.1 -p 11211 -m 64
  fi
  local server
  for server in object container account proxy; do
    setsid nohup "swift-$server-server" "$ETC/$server-server.conf" >>"$LOGS/$server.log" 2>&1 </dev/null &
  done
  local i
  for i in $(seq 1 60); do
    healthy && return
    sleep 0.5
  done
  log "Swift did not answer $ENDPOINT/healthcheck within 30 s; see $LOGS"
  exit 1
}

create_bucket() {
  # The native Swift API (tempauth) creates the container an S3 client sees as the bucket.
  local headers token url
  headers=$(curl -s -D - -o /dev/null -H "X-Storage-User: $ACCOUNT:$USER_NAME" -H "X-Storage-Pass: $SECRET" "$ENDPOINT/auth/v1.0")
  token=$(printf '%s' "$headers" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-auth-token"{print $2}')
  url=$(printf '%s' "$headers" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-storage-url"{print $2}')
  [ -n "$token" ] && [ -n "$url" ] || { log "could not authenticate as $ACCOUNT:$USER_NAME at $ENDPOINT"; exit 1; }
  local status
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    status=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "X-Auth-Token: $token" "$url/$BUCKET")
    case $status in 201 | 202) return ;; esac
    sleep 1
  done
  log "could not create the bucket $BUCKET (HTTP $status)"
  exit 1
}

if ! healthy; then
  install_missing
  write_config
  start
  log "Swift S3 endpoint started at $ENDPOINT (config, data and logs in $HOME_DIR)"
else
  log "reusing the Swift S3 endpoint answering at $ENDPOINT"
fi
create_bucket

cat <<EOF
export PODIUM_S3_ENDPOINT=$ENDPOINT
export PODIUM_S3_BUCKET=$BUCKET
export PODIUM_S3_REGION=us-east-1
export PODIUM_S3_ACCESS_KEY_ID=$ACCOUNT:$USER_NAME
export PODIUM_S3_SECRET_ACCESS_KEY=$SECRET
EOF
