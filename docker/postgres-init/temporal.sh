#!/bin/sh
# Runs once, when the postgres image initialises its data directory: Temporal's own role and its
# two databases (history and SQL visibility); the admin-tools job then sets up their schemas.
set -eu
psql -v ON_ERROR_STOP=1 -v pw="$TEMPORAL_DB_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE temporal LOGIN PASSWORD :'pw';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
SQL
