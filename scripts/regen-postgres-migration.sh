#!/usr/bin/env bash
# Regenerates the PostgreSQL initial migration from the current model (issue #13). PostgreSQL's
# migrations are a separate history (PostgreSqlWorkspaceDbContext, Data/Migrations/PostgreSql):
# after model changes land, generate the initial one again. No server is needed. The initial keeps
# its id (20261202000008) so the hand-written steps after it (the search index) stay in order.
set -euo pipefail
cd "$(dirname "$0")/.."
id=20261202000008
dir=AgentWorkspace/Data/Migrations/PostgreSql
rm -f "$dir"/${id}_InitialPostgreSql.cs "$dir"/${id}_InitialPostgreSql.Designer.cs "$dir"/PostgreSqlWorkspaceDbContextModelSnapshot.cs
dotnet tool restore >/dev/null
dotnet ef migrations add InitialPostgreSql --project AgentWorkspace --context PostgreSqlWorkspaceDbContext --output-dir Data/Migrations/PostgreSql
for f in "$dir"/*_InitialPostgreSql.cs "$dir"/*_InitialPostgreSql.Designer.cs; do
  base=$(basename "$f"); new="$dir/${id}_${base#*_}"
  [ "$f" = "$new" ] || mv "$f" "$new"
  sed -i -E "s/\[Migration\(\"[0-9]+_InitialPostgreSql\"\)\]/[Migration(\"${id}_InitialPostgreSql\")]/" "$new"
done
dotnet format AgentWorkspace.sln --include "$dir/" >/dev/null || true
