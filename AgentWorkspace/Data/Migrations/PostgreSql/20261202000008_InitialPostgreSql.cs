using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AgentWorkspace.Data.Migrations.PostgreSql;

/// <inheritdoc />
public partial class InitialPostgreSql : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AgentStates",
            columns: table => new
            {
                UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                Chosen = table.Column<bool>(type: "boolean", nullable: false),
                ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                LastAssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                Version = table.Column<long>(type: "bigint", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AgentStates", x => x.UserName);
            });

        migrationBuilder.CreateTable(
            name: "AlertPreferences",
            columns: table => new
            {
                UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                Assigned = table.Column<bool>(type: "boolean", nullable: false),
                CustomerReply = table.Column<bool>(type: "boolean", nullable: false),
                AtRisk = table.Column<bool>(type: "boolean", nullable: false),
                Mention = table.Column<bool>(type: "boolean", nullable: false),
                Sound = table.Column<bool>(type: "boolean", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AlertPreferences", x => x.UserName);
            });

        migrationBuilder.CreateTable(
            name: "AspNetRoles",
            columns: table => new
            {
                Id = table.Column<string>(type: "text", nullable: false),
                Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoles", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<string>(type: "text", nullable: false),
                DisplayName = table.Column<string>(type: "text", nullable: false),
                Culture = table.Column<string>(type: "text", nullable: false),
                LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                IsDisabled = table.Column<bool>(type: "boolean", nullable: false),
                MustChangePassword = table.Column<bool>(type: "boolean", nullable: false),
                UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                PasswordHash = table.Column<string>(type: "text", nullable: true),
                SecurityStamp = table.Column<string>(type: "text", nullable: true),
                ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                PhoneNumber = table.Column<string>(type: "text", nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUsers", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AssignmentSettings",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false),
                Mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AssignmentSettings", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Audit",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Actor = table.Column<string>(type: "text", nullable: false),
                At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                Action = table.Column<string>(type: "text", nullable: false),
                Subject = table.Column<string>(type: "text", nullable: false),
                Detail = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Audit", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ChannelSlaTargets",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                ConsultationMinutes = table.Column<double>(type: "double precision", nullable: true),
                ComplaintMinutes = table.Column<double>(type: "double precision", nullable: true),
                ComplaintWorkingDays = table.Column<int>(type: "integer", nullable: true),
                UrgentComplaintMinutes = table.Column<double>(type: "double precision", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ChannelSlaTargets", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "CollaborationTickets",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConversationId = table.Column<int>(type: "integer", nullable: false),
                Department = table.Column<string>(type: "text", nullable: false),
                ResponsiblePerson = table.Column<string>(type: "text", nullable: false),
                Description = table.Column<string>(type: "text", nullable: false),
                CustomerDetails = table.Column<string>(type: "text", nullable: true),
                ExpectedBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                CreatedBy = table.Column<string>(type: "text", nullable: false),
                FeedbackDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                FeedbackAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                Feedback = table.Column<string>(type: "text", nullable: true),
                FeedbackBy = table.Column<string>(type: "text", nullable: true),
                EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CollaborationTickets", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ConnectorKeys",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                Prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                Scopes = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                CreatedBy = table.Column<string>(type: "text", nullable: false),
                RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                RevokedBy = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConnectorKeys", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Customers",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ExternalId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                IsVip = table.Column<bool>(type: "boolean", nullable: false),
                Salutation = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Customers", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "DataProtectionKeys",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                FriendlyName = table.Column<string>(type: "text", nullable: true),
                Xml = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Escalations",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConversationId = table.Column<int>(type: "integer", nullable: false),
                CollaborationTicketId = table.Column<int>(type: "integer", nullable: true),
                Reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                RaisedBy = table.Column<string>(type: "text", nullable: false),
                Note = table.Column<string>(type: "text", nullable: true),
                AssignedTo = table.Column<string>(type: "text", nullable: false),
                AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                AcknowledgedBy = table.Column<string>(type: "text", nullable: true),
                ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                ClosedBy = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Escalations", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ForbiddenPhrases",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Phrase = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ForbiddenPhrases", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Keywords",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Keyword = table.Column<string>(type: "text", nullable: false),
                Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                Category = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                Topic = table.Column<string>(type: "text", nullable: true),
                Priority = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                ClarifyingQuestions = table.Column<string>(type: "text", nullable: true),
                Weight = table.Column<int>(type: "integer", nullable: false),
                Window = table.Column<int>(type: "integer", nullable: true),
                Negations = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Keywords", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Notifications",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Recipient = table.Column<string>(type: "text", nullable: false),
                Kind = table.Column<string>(type: "text", nullable: false),
                ConversationId = table.Column<int>(type: "integer", nullable: true),
                Text = table.Column<string>(type: "text", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Notifications", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "SlaPolicy",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Priority = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                FirstResponse = table.Column<TimeSpan>(type: "interval", nullable: false),
                Resolution = table.Column<TimeSpan>(type: "interval", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SlaPolicy", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "TeamCalendars",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                WorkStart = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                WorkEnd = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                WorkDays = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                Holidays = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TeamCalendars", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Templates",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = table.Column<string>(type: "text", nullable: false),
                Scenario = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                Category = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                Priority = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                Topic = table.Column<string>(type: "text", nullable: true),
                IsRetired = table.Column<bool>(type: "boolean", nullable: false),
                CurrentVersionNumber = table.Column<int>(type: "integer", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Templates", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "TemplateUsages",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                TemplateId = table.Column<int>(type: "integer", nullable: false),
                TemplateVersionId = table.Column<int>(type: "integer", nullable: false),
                ConversationId = table.Column<int>(type: "integer", nullable: false),
                UsedBy = table.Column<string>(type: "text", nullable: false),
                UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TemplateUsages", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Timeline",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConversationId = table.Column<int>(type: "integer", nullable: false),
                Kind = table.Column<string>(type: "text", nullable: false),
                At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                Actor = table.Column<string>(type: "text", nullable: false),
                Detail = table.Column<string>(type: "text", nullable: true),
                RuleKey = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Timeline", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "WeeklyReports",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                WeekStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                GeneratedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                GeneratedBy = table.Column<string>(type: "text", nullable: false),
                Json = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WeeklyReports", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AspNetRoleClaims",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RoleId = table.Column<string>(type: "text", nullable: false),
                ClaimType = table.Column<string>(type: "text", nullable: true),
                ClaimValue = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                table.ForeignKey(
                    name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                    column: x => x.RoleId,
                    principalTable: "AspNetRoles",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<string>(type: "text", nullable: false),
                ClaimType = table.Column<string>(type: "text", nullable: true),
                ClaimValue = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey(
                    name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(type: "text", nullable: false),
                ProviderKey = table.Column<string>(type: "text", nullable: false),
                ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                UserId = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey(
                    name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserRoles",
            columns: table => new
            {
                UserId = table.Column<string>(type: "text", nullable: false),
                RoleId = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                table.ForeignKey(
                    name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                    column: x => x.RoleId,
                    principalTable: "AspNetRoles",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<string>(type: "text", nullable: false),
                LoginProvider = table.Column<string>(type: "text", nullable: false),
                Name = table.Column<string>(type: "text", nullable: false),
                Value = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey(
                    name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Conversations",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CustomerId = table.Column<int>(type: "integer", nullable: false),
                Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                Preview = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                Category = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                Topic = table.Column<string>(type: "text", nullable: true),
                Priority = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                MatchedKeywords = table.Column<string>(type: "text", nullable: false),
                Ambiguous = table.Column<bool>(type: "boolean", nullable: false),
                ClarifyingQuestions = table.Column<string>(type: "text", nullable: false),
                NeedsCollaboration = table.Column<bool>(type: "boolean", nullable: false),
                Agitated = table.Column<bool>(type: "boolean", nullable: false),
                ClassificationReasons = table.Column<string>(type: "text", nullable: false),
                ClassifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                ClassifiedBy = table.Column<string>(type: "text", nullable: true),
                ClassificationAutoAccepted = table.Column<bool>(type: "boolean", nullable: false),
                SecondsToClassify = table.Column<double>(type: "double precision", nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                LastCustomerMessageAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                LastAgentMessageAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                FirstResponseDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                AppointmentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                ResolutionDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                FirstRespondedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                FirstResponseBreached = table.Column<bool>(type: "boolean", nullable: false),
                AssigneeUserName = table.Column<string>(type: "text", nullable: true),
                ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                NoResponseEscalationDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                EscalatedTo = table.Column<string>(type: "text", nullable: true),
                EscalationReason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                NextCustomerUpdateDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                UrgentReportDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                UrgentCount = table.Column<int>(type: "integer", nullable: false),
                ReviewRequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                ResolvedBy = table.Column<string>(type: "text", nullable: true),
                Resolution = table.Column<string>(type: "text", nullable: true),
                ResolveCount = table.Column<int>(type: "integer", nullable: false),
                ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                SatisfactionCheckDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                SatisfactionCheckSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                Satisfaction = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                SatisfactionAnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                NpsScore = table.Column<int>(type: "integer", nullable: true),
                SecondHandlingOwner = table.Column<string>(type: "text", nullable: true),
                SecondHandlingDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                SecondHandlingRepliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                LastTemplateVersionId = table.Column<int>(type: "integer", nullable: true),
                Version = table.Column<long>(type: "bigint", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Conversations", x => x.Id);
                table.ForeignKey(
                    name: "FK_Conversations_Customers_CustomerId",
                    column: x => x.CustomerId,
                    principalTable: "Customers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "TemplateVersions",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                TemplateId = table.Column<int>(type: "integer", nullable: false),
                Number = table.Column<int>(type: "integer", nullable: false),
                Empathy = table.Column<string>(type: "text", nullable: false),
                Confirmation = table.Column<string>(type: "text", nullable: false),
                Solution = table.Column<string>(type: "text", nullable: false),
                FollowUp = table.Column<string>(type: "text", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                CreatedBy = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TemplateVersions", x => x.Id);
                table.ForeignKey(
                    name: "FK_TemplateVersions_Templates_TemplateId",
                    column: x => x.TemplateId,
                    principalTable: "Templates",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Messages",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConversationId = table.Column<int>(type: "integer", nullable: false),
                AuthorKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                AuthorName = table.Column<string>(type: "text", nullable: true),
                Text = table.Column<string>(type: "text", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                IngestKey = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Messages", x => x.Id);
                table.ForeignKey(
                    name: "FK_Messages_Conversations_ConversationId",
                    column: x => x.ConversationId,
                    principalTable: "Conversations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_AgentStates_Status",
            table: "AgentStates",
            column: "Status");

        migrationBuilder.CreateIndex(
            name: "IX_AspNetRoleClaims_RoleId",
            table: "AspNetRoleClaims",
            column: "RoleId");

        migrationBuilder.CreateIndex(
            name: "RoleNameIndex",
            table: "AspNetRoles",
            column: "NormalizedName",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserClaims_UserId",
            table: "AspNetUserClaims",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserLogins_UserId",
            table: "AspNetUserLogins",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserRoles_RoleId",
            table: "AspNetUserRoles",
            column: "RoleId");

        migrationBuilder.CreateIndex(
            name: "EmailIndex",
            table: "AspNetUsers",
            column: "NormalizedEmail");

        migrationBuilder.CreateIndex(
            name: "UserNameIndex",
            table: "AspNetUsers",
            column: "NormalizedUserName",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ChannelSlaTargets_Channel",
            table: "ChannelSlaTargets",
            column: "Channel",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_CollaborationTickets_FeedbackAt_FeedbackDueAt",
            table: "CollaborationTickets",
            columns: new[] { "FeedbackAt", "FeedbackDueAt" });

        migrationBuilder.CreateIndex(
            name: "IX_ConnectorKeys_Hash",
            table: "ConnectorKeys",
            column: "Hash",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Conversations_AssigneeUserName",
            table: "Conversations",
            column: "AssigneeUserName");

        migrationBuilder.CreateIndex(
            name: "IX_Conversations_CreatedAt",
            table: "Conversations",
            column: "CreatedAt");

        migrationBuilder.CreateIndex(
            name: "IX_Conversations_CustomerId_Channel_Status",
            table: "Conversations",
            columns: new[] { "CustomerId", "Channel", "Status" });

        migrationBuilder.CreateIndex(
            name: "IX_Conversations_NoResponseEscalationDueAt",
            table: "Conversations",
            column: "NoResponseEscalationDueAt");

        migrationBuilder.CreateIndex(
            name: "IX_Conversations_SatisfactionCheckDueAt",
            table: "Conversations",
            column: "SatisfactionCheckDueAt");

        migrationBuilder.CreateIndex(
            name: "IX_Conversations_Status_FirstResponseDueAt",
            table: "Conversations",
            columns: new[] { "Status", "FirstResponseDueAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Customers_ExternalId",
            table: "Customers",
            column: "ExternalId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Escalations_ClosedAt_RaisedAt",
            table: "Escalations",
            columns: new[] { "ClosedAt", "RaisedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Escalations_ConversationId",
            table: "Escalations",
            column: "ConversationId");

        migrationBuilder.CreateIndex(
            name: "IX_Messages_ConversationId_CreatedAt",
            table: "Messages",
            columns: new[] { "ConversationId", "CreatedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Messages_IngestKey",
            table: "Messages",
            column: "IngestKey",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Notifications_Recipient_CreatedAt",
            table: "Notifications",
            columns: new[] { "Recipient", "CreatedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Notifications_Recipient_Kind_ReadAt",
            table: "Notifications",
            columns: new[] { "Recipient", "Kind", "ReadAt" });

        migrationBuilder.CreateIndex(
            name: "IX_SlaPolicy_Priority_Channel",
            table: "SlaPolicy",
            columns: new[] { "Priority", "Channel" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_TemplateUsages_TemplateId_ConversationId",
            table: "TemplateUsages",
            columns: new[] { "TemplateId", "ConversationId" });

        migrationBuilder.CreateIndex(
            name: "IX_TemplateVersions_TemplateId_Number",
            table: "TemplateVersions",
            columns: new[] { "TemplateId", "Number" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Timeline_ConversationId_At",
            table: "Timeline",
            columns: new[] { "ConversationId", "At" });

        migrationBuilder.CreateIndex(
            name: "IX_Timeline_RuleKey",
            table: "Timeline",
            column: "RuleKey",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_WeeklyReports_WeekStart",
            table: "WeeklyReports",
            column: "WeekStart",
            unique: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "AgentStates");

        migrationBuilder.DropTable(
            name: "AlertPreferences");

        migrationBuilder.DropTable(
            name: "AspNetRoleClaims");

        migrationBuilder.DropTable(
            name: "AspNetUserClaims");

        migrationBuilder.DropTable(
            name: "AspNetUserLogins");

        migrationBuilder.DropTable(
            name: "AspNetUserRoles");

        migrationBuilder.DropTable(
            name: "AspNetUserTokens");

        migrationBuilder.DropTable(
            name: "AssignmentSettings");

        migrationBuilder.DropTable(
            name: "Audit");

        migrationBuilder.DropTable(
            name: "ChannelSlaTargets");

        migrationBuilder.DropTable(
            name: "CollaborationTickets");

        migrationBuilder.DropTable(
            name: "ConnectorKeys");

        migrationBuilder.DropTable(
            name: "DataProtectionKeys");

        migrationBuilder.DropTable(
            name: "Escalations");

        migrationBuilder.DropTable(
            name: "ForbiddenPhrases");

        migrationBuilder.DropTable(
            name: "Keywords");

        migrationBuilder.DropTable(
            name: "Messages");

        migrationBuilder.DropTable(
            name: "Notifications");

        migrationBuilder.DropTable(
            name: "SlaPolicy");

        migrationBuilder.DropTable(
            name: "TeamCalendars");

        migrationBuilder.DropTable(
            name: "TemplateUsages");

        migrationBuilder.DropTable(
            name: "TemplateVersions");

        migrationBuilder.DropTable(
            name: "Timeline");

        migrationBuilder.DropTable(
            name: "WeeklyReports");

        migrationBuilder.DropTable(
            name: "AspNetRoles");

        migrationBuilder.DropTable(
            name: "AspNetUsers");

        migrationBuilder.DropTable(
            name: "Conversations");

        migrationBuilder.DropTable(
            name: "Templates");

        migrationBuilder.DropTable(
            name: "Customers");
    }
}
