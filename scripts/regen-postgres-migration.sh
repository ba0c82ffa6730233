#!/usr/bin/env bash
# Regenerates the one PostgreSQL migration from the current model (issue #13). PostgreSQL's
# migrations are a separate history (PostgreSqlWorkspaceDbContext, Data/Migrations/PostgreSql):
# after model changes land, delete it and generate it again. No server is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:-InitialPostgreSql}"
rm -rf AgentWorkspace/Data/Migrations/PostgreSql
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project AgentWorkspace --context PostgreSqlWorkspaceDbContext --output-dir Data/Migrations/PostgreSql
dotnet format AgentWorkspace.sln --include AgentWorkspace/Data/Migrations/PostgreSql/ >/dev/null || true
