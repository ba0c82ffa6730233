using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentWorkspace.Data.Migrations
{
    /// <inheritdoc />
    public partial class SecondWave : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UsageCount",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "ReadAt",
                table: "Notifications");

            migrationBuilder.AddColumn<string>(
                name: "AcknowledgedBy",
                table: "Escalations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedBy",
                table: "Escalations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "Escalations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RaisedBy",
                table: "Escalations",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<long>(
                name: "Version",
                table: "Conversations",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<long>(
                name: "ReviewRequestedAt",
                table: "Conversations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SecondHandlingRepliedAt",
                table: "Conversations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UrgentCount",
                table: "Conversations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "UrgentReportDueAt",
                table: "Conversations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeedbackBy",
                table: "CollaborationTickets",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AcknowledgedBy",
                table: "Escalations");

            migrationBuilder.DropColumn(
                name: "ClosedBy",
                table: "Escalations");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "Escalations");

            migrationBuilder.DropColumn(
                name: "RaisedBy",
                table: "Escalations");

            migrationBuilder.DropColumn(
                name: "ReviewRequestedAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "SecondHandlingRepliedAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "UrgentCount",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "UrgentReportDueAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "FeedbackBy",
                table: "CollaborationTickets");

            migrationBuilder.AddColumn<int>(
                name: "UsageCount",
                table: "Templates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ReadAt",
                table: "Notifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "Version",
                table: "Conversations",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");
        }
    }
}
