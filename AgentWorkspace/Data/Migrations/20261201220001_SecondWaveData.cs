using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentWorkspace.Data.Migrations
{
    /// <summary>
    /// Data that the second wave's schema change cannot carry over by itself. Kept apart from the
    /// schema migration because SQLite rebuilds the Conversations table there, and SQL run in the
    /// same migration as a pending rebuild sees the table in an undefined state.
    /// </summary>
    [DbContext(typeof(WorkspaceDbContext))]
    [Migration("20261201220001_SecondWaveData")]
    public partial class SecondWaveData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Conversation versions were GUID strings; they now count writes, starting at 1.
            migrationBuilder.Sql("UPDATE Conversations SET Version = 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
