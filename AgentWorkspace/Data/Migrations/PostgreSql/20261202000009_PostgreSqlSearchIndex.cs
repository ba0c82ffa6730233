using AgentWorkspace.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentWorkspace.Data.Migrations.PostgreSql;

/// <summary>
/// Search (issue #15) on PostgreSQL: a tsvector per conversation with a GIN index, filled by the
/// app (folding needs C#). Not part of the EF model, so it is written by hand and survives
/// scripts/regen-postgres-migration.sh. A copy of PostgreSqlSearchIndex.Ddl: a migration must not
/// change after it ships.
/// </summary>
[DbContext(typeof(PostgreSqlWorkspaceDbContext))]
[Migration("20261202000009_PostgreSqlSearchIndex")]
public partial class PostgreSqlSearchIndex : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE IF NOT EXISTS "SearchConversations" (
                "ConversationId" integer NOT NULL PRIMARY KEY REFERENCES "Conversations" ("Id") ON DELETE CASCADE,
                "Terms" tsvector NOT NULL);
            CREATE INDEX IF NOT EXISTS "IX_SearchConversations_Terms" ON "SearchConversations" USING GIN ("Terms");
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TABLE IF EXISTS "SearchConversations";""");
    }
}
