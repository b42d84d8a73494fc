#!/bin/sh
# Runs once, when the postgres image initialises its data directory: the login role the API and
# the worker use, a member of the migrations' group role sss_app (rows only, no schema changes).
set -eu
psql -v ON_ERROR_STOP=1 -v pw="$APP_DB_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE sss_app NOLOGIN;
CREATE ROLE sss_app_login LOGIN PASSWORD :'pw' IN ROLE sss_app;
SQL
