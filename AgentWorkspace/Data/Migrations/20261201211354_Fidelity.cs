using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentWorkspace.Data.Migrations
{
    /// <inheritdoc />
    public partial class Fidelity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Negations",
                table: "Keywords",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Window",
                table: "Keywords",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Salutation",
                table: "Customers",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "FirstResponseDueAt",
                table: "Conversations",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<long>(
                name: "AppointmentAt",
                table: "Conversations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClassificationReasons",
                table: "Conversations",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "NpsScore",
                table: "Conversations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChannelSlaTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ConsultationMinutes = table.Column<double>(type: "REAL", nullable: true),
                    ComplaintMinutes = table.Column<double>(type: "REAL", nullable: true),
                    ComplaintWorkingDays = table.Column<int>(type: "INTEGER", nullable: true),
                    UrgentComplaintMinutes = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChannelSlaTargets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TeamCalendars",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    WorkStart = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    WorkEnd = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    WorkDays = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Holidays = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamCalendars", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChannelSlaTargets_Channel",
                table: "ChannelSlaTargets",
                column: "Channel",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChannelSlaTargets");

            migrationBuilder.DropTable(
                name: "TeamCalendars");

            migrationBuilder.DropColumn(
                name: "Negations",
                table: "Keywords");

            migrationBuilder.DropColumn(
                name: "Window",
                table: "Keywords");

            migrationBuilder.DropColumn(
                name: "Salutation",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "AppointmentAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "ClassificationReasons",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "NpsScore",
                table: "Conversations");

            migrationBuilder.AlterColumn<long>(
                name: "FirstResponseDueAt",
                table: "Conversations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
