#!/bin/bash
# pg-cluster.sh — a local sharded PostgreSQL 15 for Zhixiao (issue 12, docs/scale.md).
#
#   scripts/pg-cluster.sh start DIR [--shards N]   coordinator + N shards (default 2)
#   scripts/pg-cluster.sh stop DIR
#   scripts/pg-cluster.sh url DIR                  print the coordinator's URL
#
# Debian's postgresql-15 binaries (/usr/lib/postgresql/15/bin, scripts/install-deps.sh),
# no system service: each instance is initdb'ed into DIR/<name> and started with pg_ctl,
# listening on 127.0.0.1 only (no Unix socket), trust authentication for 127.0.0.1/32 only.
# PostgreSQL refuses to run as root: run as root (CI), the instances run as the system
# user zhixiao-pg (created when missing, no login shell) and DIR is given to it.
#
# The schema: `cases`, `persons` and `events` are partitioned BY LIST (shard) on the
# coordinator; partition i is a postgres_fdw foreign table on shard i (async_capable),
# named cases_si, persons_si, events_si: src/sqlgen names them per shard. A
# case's shard is decided by its unit subtree (the root's child it lies under), so a case
# and all its events and persons live on one shard and a city's queries touch one shard.
# Reference tables (units, staff, vocab) are on the coordinator and copied to every shard;
# the sealed records (`sealed`) are on the coordinator only.
# `zhixiao export --to URL` fills it. The last line printed by start is the URL.
set -eu

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGUSER_SYS=zhixiao-pg
DBNAME=zhixiao
DBUSER=zhixiao

die() { echo "pg-cluster: $*" >&2; exit 1; }
usage() { die "usage: pg-cluster.sh start DIR [--shards N] | stop DIR | url DIR"; }

[ $# -ge 2 ] || usage
CMD=$1
DIR=$2
shift 2
SHARDS=2
while [ $# -gt 0 ]; do
    case $1 in
    --shards) [ $# -ge 2 ] || usage; SHARDS=$2; shift 2 ;;
    --shards=*) SHARDS=${1#--shards=}; shift ;;
    *) usage ;;
    esac
done
case $SHARDS in '' | *[!0-9]*) die "--shards: expected a number 1..16, got '$SHARDS'" ;; esac
[ "$SHARDS" -ge 1 ] && [ "$SHARDS" -le 16 ] || die "--shards: expected 1..16, got $SHARDS"
[ -x "$PGBIN/initdb" ] || die "no PostgreSQL 15 binaries in $PGBIN (scripts/install-deps.sh installs postgresql-15)"

# run a command as the instance owner
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "$PGUSER_SYS" -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

psql_at() { # port, then psql arguments
    local port=$1
    shift
    PGOPTIONS="-c client_min_messages=warning" PGCONNECT_TIMEOUT=10 "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$DBUSER" "$@"
}

instances() { # coord shard0 shard1 … as recorded at start
    [ -f "$DIR/cluster.conf" ] || die "$DIR: no cluster here (cluster.conf missing)"
    sed -n 's/^instance \([a-z0-9]*\) .*/\1/p' "$DIR/cluster.conf"
}
port_of() { sed -n "s/^instance $1 \([0-9]*\)\$/\1/p" "$DIR/cluster.conf"; }

url() {
    echo "postgresql://$DBUSER@127.0.0.1:$(port_of coord)/$DBNAME"
}

start_one() { # name port
    local name=$1 port=$2 data="$DIR/$1"
    if [ ! -f "$data/PG_VERSION" ]; then
        as_owner "$PGBIN/initdb" -D "$data" -U "$DBUSER" --auth=trust --encoding=UTF8 \
            --locale=C.UTF-8 --no-sync >"$DIR/log/$name.initdb.log" 2>&1 ||
            die "initdb $name failed: see $DIR/log/$name.initdb.log"
        # loopback TCP only; no Unix socket, no other address
        cat >"$data/pg_hba.conf" <<EOF
# Zhixiao local cluster: loopback only (scripts/pg-cluster.sh)
host all all 127.0.0.1/32 trust
EOF
        cat >>"$data/postgresql.conf" <<EOF
# scripts/pg-cluster.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
port = $port
max_connections = 40
shared_buffers = 128MB
work_mem = 64MB
max_prepared_transactions = 32
enable_partitionwise_aggregate = on
enable_partitionwise_join = on
max_parallel_workers_per_gather = 0
jit = off
logging_collector = off
EOF
        [ "$(id -u)" -ne 0 ] || chown "$PGUSER_SYS" "$data/pg_hba.conf"
    fi
    sed -i "s/^port = .*/port = $port/" "$data/postgresql.conf"
    as_owner "$PGBIN/pg_ctl" -D "$data" -l "$DIR/log/$name.log" -w -t 60 start >/dev/null ||
        die "cannot start $name: see $DIR/log/$name.log"
}

schema_shard() { # port: the shard's own tables (local partitions and reference copies)
    psql_at "$1" -d "$DBNAME" <<'EOF'
CREATE TABLE IF NOT EXISTS vocab(vocab text NOT NULL, value int NOT NULL, code text NOT NULL,
  label text NOT NULL, PRIMARY KEY(vocab, value));
CREATE TABLE IF NOT EXISTS units(rid bigint PRIMARY KEY, unit_id text NOT NULL, name text,
  level int, parent_rid bigint, pre int NOT NULL, size int NOT NULL, shard int NOT NULL);
CREATE TABLE IF NOT EXISTS staff(rid bigint PRIMARY KEY, staff_id text NOT NULL,
  unit_rid bigint NOT NULL, name text, department text, role int, is_leader int);
CREATE TABLE IF NOT EXISTS cases_local(shard int NOT NULL, rid bigint PRIMARY KEY,
  case_id text NOT NULL, unit_rid bigint NOT NULL, case_no text, line smallint,
  business smallint, kind smallint, source smallint, charge text, accepted_on int,
  closed_on int, handler_rid bigint, complex smallint);
CREATE TABLE IF NOT EXISTS persons_local(shard int NOT NULL, rid bigint PRIMARY KEY,
  person_id text NOT NULL, case_rid bigint NOT NULL, role smallint, name text,
  id_number text, id_flag smallint, gender smallint, birth_date int);
-- events carry their case's columns and their answered event's type, result and date, so
-- every catalog term is a scan of one table on one shard (no join to push down)
CREATE TABLE IF NOT EXISTS events_local(shard int NOT NULL, rid bigint PRIMARY KEY,
  event_id text NOT NULL, case_rid bigint NOT NULL, person_rid bigint, type smallint NOT NULL,
  result smallint NOT NULL, date int NOT NULL, handler_rid bigint, decider_rid bigint,
  ref_rid bigint, amount double precision, note text,
  unit_rid bigint NOT NULL, line smallint, kind smallint, source smallint, business smallint,
  accepted_on int, closed_on int, case_handler_rid bigint,
  ref_type smallint, ref_result smallint, ref_date int, ledger text);
-- ledger: the event's latest ledger entry in the exported store ("seq:hash-prefix"), for
-- the case timeline (added here to clusters created before it)
ALTER TABLE events_local ADD COLUMN IF NOT EXISTS ledger text;
CREATE INDEX IF NOT EXISTS events_local_type ON events_local(type, date);
CREATE INDEX IF NOT EXISTS events_local_case ON events_local(case_rid);
-- the case timeline looks a case up by its id, and its persons by case
CREATE INDEX IF NOT EXISTS cases_local_case_id ON cases_local(case_id);
CREATE INDEX IF NOT EXISTS persons_local_case ON persons_local(case_rid);
EOF
}

schema_coord() { # port shard-ports…
    local port=$1
    shift
    {
        cat <<'EOF'
CREATE EXTENSION IF NOT EXISTS postgres_fdw;
CREATE TABLE IF NOT EXISTS zx_shards(shard int PRIMARY KEY, host text NOT NULL,
  port int NOT NULL, dbname text NOT NULL, username text NOT NULL);
CREATE TABLE IF NOT EXISTS vocab(vocab text NOT NULL, value int NOT NULL, code text NOT NULL,
  label text NOT NULL, PRIMARY KEY(vocab, value));
CREATE TABLE IF NOT EXISTS units(rid bigint PRIMARY KEY, unit_id text NOT NULL, name text,
  level int, parent_rid bigint, pre int NOT NULL, size int NOT NULL, shard int NOT NULL);
CREATE TABLE IF NOT EXISTS staff(rid bigint PRIMARY KEY, staff_id text NOT NULL,
  unit_rid bigint NOT NULL, name text, department text, role int, is_leader int);
-- the unit tree's closure (ancestor, descendant), itself included: the roll-up of a figure
CREATE TABLE IF NOT EXISTS unit_tree(anc bigint NOT NULL, des bigint NOT NULL,
  PRIMARY KEY(anc, des));
CREATE TABLE IF NOT EXISTS zx_export(id int PRIMARY KEY, source text, exported_at text,
  cases bigint, persons bigint, events bigint);
CREATE TABLE IF NOT EXISTS cases(shard int NOT NULL, rid bigint NOT NULL,
  case_id text NOT NULL, unit_rid bigint NOT NULL, case_no text, line smallint,
  business smallint, kind smallint, source smallint, charge text, accepted_on int,
  closed_on int, handler_rid bigint, complex smallint) PARTITION BY LIST (shard);
CREATE TABLE IF NOT EXISTS persons(shard int NOT NULL, rid bigint NOT NULL,
  person_id text NOT NULL, case_rid bigint NOT NULL, role smallint, name text,
  id_number text, id_flag smallint, gender smallint, birth_date int) PARTITION BY LIST (shard);
CREATE TABLE IF NOT EXISTS events(shard int NOT NULL, rid bigint NOT NULL,
  event_id text NOT NULL, case_rid bigint NOT NULL, person_rid bigint, type smallint NOT NULL,
  result smallint NOT NULL, date int NOT NULL, handler_rid bigint, decider_rid bigint,
  ref_rid bigint, amount double precision, note text,
  unit_rid bigint NOT NULL, line smallint, kind smallint, source smallint, business smallint,
  accepted_on int, closed_on int, case_handler_rid bigint,
  ref_type smallint, ref_result smallint, ref_date int, ledger text) PARTITION BY LIST (shard);
ALTER TABLE events ADD COLUMN IF NOT EXISTS ledger text;
-- the exported store's sealed cases and persons, hidden from the case timeline
CREATE TABLE IF NOT EXISTS sealed(kind text NOT NULL, rid bigint NOT NULL,
  PRIMARY KEY(kind, rid));
EOF
        local i=0
        for sp in "$@"; do
            cat <<EOF
CREATE SERVER IF NOT EXISTS shard$i FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (host '127.0.0.1', port '$sp', dbname '$DBNAME', async_capable 'true',
           fetch_size '10000', use_remote_estimate 'false');
CREATE USER MAPPING IF NOT EXISTS FOR CURRENT_USER SERVER shard$i OPTIONS (user '$DBUSER');
INSERT INTO zx_shards VALUES ($i, '127.0.0.1', $sp, '$DBNAME', '$DBUSER')
  ON CONFLICT (shard) DO UPDATE SET port = EXCLUDED.port;
DO \$\$ BEGIN
  IF to_regclass('cases_s$i') IS NULL THEN
    CREATE FOREIGN TABLE cases_s$i PARTITION OF cases FOR VALUES IN ($i)
      SERVER shard$i OPTIONS (table_name 'cases_local');
    CREATE FOREIGN TABLE persons_s$i PARTITION OF persons FOR VALUES IN ($i)
      SERVER shard$i OPTIONS (table_name 'persons_local');
    CREATE FOREIGN TABLE events_s$i PARTITION OF events FOR VALUES IN ($i)
      SERVER shard$i OPTIONS (table_name 'events_local');
  END IF;
END \$\$;
EOF
            i=$((i + 1))
        done
    } | psql_at "$port" -d "$DBNAME"
}

case $CMD in
start)
    mkdir -p "$DIR"
    DIR=$(cd "$DIR" && pwd)
    if [ "$(id -u)" -eq 0 ]; then
        id "$PGUSER_SYS" >/dev/null 2>&1 ||
            useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PGUSER_SYS"
        chown "$PGUSER_SYS" "$DIR"
        runuser -u "$PGUSER_SYS" -- test -w "$DIR" ||
            die "$DIR: not reachable by $PGUSER_SYS (a parent folder is closed to it)"
    fi
    mkdir -p "$DIR/log"
    [ "$(id -u)" -ne 0 ] || chown "$PGUSER_SYS" "$DIR/log"
    if [ -f "$DIR/cluster.conf" ]; then
        # restart what is there, on the same shard count
        SHARDS=$(grep -c '^instance shard' "$DIR/cluster.conf")
    else
        {
            echo "shards $SHARDS"
            echo "instance coord $(free_port)"
            i=0
            while [ "$i" -lt "$SHARDS" ]; do
                echo "instance shard$i $(free_port)"
                i=$((i + 1))
            done
        } >"$DIR/cluster.conf"
    fi
    ports=""
    for name in $(instances); do
        p=$(port_of "$name")
        if [ -f "$DIR/$name/postmaster.pid" ] &&
            as_owner "$PGBIN/pg_ctl" -D "$DIR/$name" status >/dev/null 2>&1; then
            : # running already
        else
            start_one "$name" "$p"
        fi
        psql_at "$p" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DBNAME'" |
            grep -q 1 || psql_at "$p" -d postgres -c "CREATE DATABASE $DBNAME"
        case $name in
        shard*) schema_shard "$p"; ports="$ports $p" ;;
        esac
    done
    # shellcheck disable=SC2086
    schema_coord "$(port_of coord)" $ports
    echo "pg-cluster: coordinator and $SHARDS shard(s) running in $DIR" >&2
    url
    ;;
stop)
    [ -d "$DIR" ] || die "$DIR: no such folder"
    DIR=$(cd "$DIR" && pwd)
    for name in $(instances); do
        if [ -f "$DIR/$name/postmaster.pid" ]; then
            as_owner "$PGBIN/pg_ctl" -D "$DIR/$name" -m fast -w stop >/dev/null ||
                echo "pg-cluster: could not stop $name" >&2
        fi
    done
    ;;
url)
    DIR=$(cd "$DIR" && pwd)
    url
    ;;
*) usage ;;
esac
