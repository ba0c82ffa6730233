using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentWorkspace.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchAndAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AlertPreferences",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Assigned = table.Column<bool>(type: "INTEGER", nullable: false),
                    CustomerReply = table.Column<bool>(type: "INTEGER", nullable: false),
                    AtRisk = table.Column<bool>(type: "INTEGER", nullable: false),
                    Mention = table.Column<bool>(type: "INTEGER", nullable: false),
                    Sound = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertPreferences", x => x.UserName);
                });

            // Search (issue #15): FTS5 tables filled by the app (SearchIndexInterceptor) and, for rows
            // written before this migration, by the start-up catch-up: folding needs C#, not SQL.
            // PostgreSQL keeps its own DDL in Features/Search/PostgreSqlSearchIndex.Ddl.
            if (migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
            {
                // A copy, not a reference to SqliteSearchIndex.Ddl: a migration must not change after it ships.
                migrationBuilder.Sql("""
                    CREATE VIRTUAL TABLE "SearchConversations" USING fts5("Terms", content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertPreferences");

            if (migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
            {
                migrationBuilder.Sql("""
                    DROP TABLE IF EXISTS "SearchConversations";
                    """);
            }
        }
    }
}
