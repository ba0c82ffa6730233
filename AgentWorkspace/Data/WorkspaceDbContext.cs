using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Assignment;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.Templates;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Data;

public class WorkspaceDbContext : IdentityDbContext<WorkspaceUser>, IDataProtectionKeyContext
{
    public WorkspaceDbContext(DbContextOptions<WorkspaceDbContext> options)
        : base(options)
    {
    }

    /// <summary>For <see cref="PostgreSqlWorkspaceDbContext"/>, which differs only in where its migrations live.</summary>
    protected WorkspaceDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>ASP.NET Core Data Protection's key ring: cookies and the chat identity stay readable across restarts and nodes.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ConnectorKey> ConnectorKeys => Set<ConnectorKey>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<SlaPolicyRow> SlaPolicy => Set<SlaPolicyRow>();
    public DbSet<KeywordEntry> Keywords => Set<KeywordEntry>();
    public DbSet<ChannelSlaTarget> ChannelSlaTargets => Set<ChannelSlaTarget>();
    public DbSet<TeamCalendar> TeamCalendars => Set<TeamCalendar>();
    public DbSet<ResponseTemplate> Templates => Set<ResponseTemplate>();
    public DbSet<TemplateVersion> TemplateVersions => Set<TemplateVersion>();
    public DbSet<TemplateUsage> TemplateUsages => Set<TemplateUsage>();
    public DbSet<ForbiddenPhrase> ForbiddenPhrases => Set<ForbiddenPhrase>();
    public DbSet<Escalation> Escalations => Set<Escalation>();
    public DbSet<CollaborationTicket> CollaborationTickets => Set<CollaborationTicket>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<Features.WeeklyReport.WeeklyReportRecord> WeeklyReports => Set<Features.WeeklyReport.WeeklyReportRecord>();
    public DbSet<AgentState> AgentStates => Set<AgentState>();
    public DbSet<AssignmentSetting> AssignmentSettings => Set<AssignmentSetting>();
    public DbSet<Features.Alerts.AlertPreferences> AlertPreferences => Set<Features.Alerts.AlertPreferences>();

    /// <summary>The search index's matches, only ever read through <c>FromSqlRaw</c> (no table of its own).</summary>
    public DbSet<Features.Search.SearchMatch> SearchMatches => Set<Features.Search.SearchMatch>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Features.Search.SearchMatch>(e => e.HasNoKey().ToView(null));

        builder.Entity<Customer>(e =>
        {
            e.HasIndex(c => c.ExternalId).IsUnique();
            e.Property(c => c.ExternalId).HasMaxLength(128);
            e.Property(c => c.Name).HasMaxLength(100);
            e.Property(c => c.Salutation).HasMaxLength(4);
        });

        builder.Entity<Conversation>(e =>
        {
            e.Property(c => c.Version).IsConcurrencyToken();
            e.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(24);
            e.Property(c => c.Category).HasConversion<string>().HasMaxLength(24);
            e.Property(c => c.Priority).HasConversion<string>().HasMaxLength(8);
            e.Property(c => c.EscalationReason).HasConversion<string>().HasMaxLength(32);
            e.Property(c => c.Satisfaction).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Preview).HasMaxLength(200);
            e.HasIndex(c => new { c.Status, c.FirstResponseDueAt });
            e.HasIndex(c => new { c.CustomerId, c.Channel, c.Status });
            e.HasIndex(c => c.CreatedAt);
            e.HasIndex(c => c.AssigneeUserName);
            e.HasIndex(c => c.NoResponseEscalationDueAt);
            e.HasIndex(c => c.SatisfactionCheckDueAt);
            e.HasOne(c => c.Customer).WithMany().HasForeignKey(c => c.CustomerId);
            e.HasMany(c => c.Messages).WithOne(m => m.Conversation).HasForeignKey(m => m.ConversationId);
            e.Ignore(c => c.IsOpen);
            e.Ignore(c => c.IsEscalated);
        });

        builder.Entity<Message>(e =>
        {
            e.Property(m => m.AuthorKind).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(m => m.IngestKey).IsUnique();
            e.HasIndex(m => new { m.ConversationId, m.CreatedAt });
        });

        builder.Entity<TimelineEntry>(e =>
        {
            e.HasIndex(t => new { t.ConversationId, t.At });
            e.HasIndex(t => t.RuleKey).IsUnique();
        });

        builder.Entity<SlaPolicyRow>(e =>
        {
            e.Property(r => r.Priority).HasConversion<string>().HasMaxLength(8);
            e.Property(r => r.Channel).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(r => new { r.Priority, r.Channel }).IsUnique();
        });

        builder.Entity<ChannelSlaTarget>(e =>
        {
            e.Property(r => r.Channel).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(r => r.Channel).IsUnique();
        });
        builder.Entity<TeamCalendar>(e =>
        {
            e.Property(c => c.TimeZone).HasMaxLength(64);
            e.Property(c => c.WorkDays).HasMaxLength(7);
        });

        builder.Entity<KeywordEntry>(e =>
        {
            e.Property(k => k.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(k => k.Category).HasConversion<string>().HasMaxLength(24);
            e.Property(k => k.Priority).HasConversion<string>().HasMaxLength(8);
        });

        builder.Entity<ResponseTemplate>(e =>
        {
            e.Property(t => t.Scenario).HasConversion<string>().HasMaxLength(24);
            e.Property(t => t.Category).HasConversion<string>().HasMaxLength(24);
            e.Property(t => t.Priority).HasConversion<string>().HasMaxLength(8);
            e.Property(t => t.Channel).HasConversion<string>().HasMaxLength(16);
            e.HasMany(t => t.Versions).WithOne(v => v.Template).HasForeignKey(v => v.TemplateId);
        });
        builder.Entity<TemplateVersion>(e => e.HasIndex(v => new { v.TemplateId, v.Number }).IsUnique());
        builder.Entity<TemplateVersion>().Ignore(v => v.Parts);
        builder.Entity<TemplateUsage>(e => e.HasIndex(u => new { u.TemplateId, u.ConversationId }));

        builder.Entity<Escalation>(e =>
        {
            e.Property(x => x.Reason).HasConversion<string>().HasMaxLength(32);
            e.HasIndex(x => new { x.ClosedAt, x.RaisedAt });
            e.HasIndex(x => x.ConversationId);
        });
        builder.Entity<CollaborationTicket>(e => e.HasIndex(t => new { t.FeedbackAt, t.FeedbackDueAt }));
        builder.Entity<Notification>(e =>
        {
            e.HasIndex(n => new { n.Recipient, n.CreatedAt });
            // The unread-mentions badge: one person's unread ones of a kind.
            e.HasIndex(n => new { n.Recipient, n.Kind, n.ReadAt });
        });
        builder.Entity<Features.WeeklyReport.WeeklyReportRecord>(e => e.HasIndex(r => r.WeekStart).IsUnique());
        // Issue #15: each staff member's status (its Version guards automatic assignment to them) and the team's mode.
        builder.Entity<AgentState>(e =>
        {
            e.HasKey(s => s.UserName);
            e.Property(s => s.UserName).HasMaxLength(256);
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.ChangedBy).HasMaxLength(256);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.HasIndex(s => s.Status);
        });
        builder.Entity<AssignmentSetting>(e =>
        {
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.Mode).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.ChangedBy).HasMaxLength(256);
        });
        builder.Entity<Features.Alerts.AlertPreferences>(e =>
        {
            e.HasKey(p => p.UserName);
            e.Property(p => p.UserName).HasMaxLength(Features.Alerts.AlertPreferences.MaxUserNameLength);
        });
        builder.Entity<ConnectorKey>(e =>
        {
            e.Property(k => k.Name).HasMaxLength(ConnectorKey.MaxNameLength);
            e.Property(k => k.Prefix).HasMaxLength(16);
            e.Property(k => k.Hash).HasMaxLength(64);
            e.Property(k => k.Scopes).HasMaxLength(64);
            e.HasIndex(k => k.Hash).IsUnique();
        });
    }

    /// <summary>Every write to a conversation takes the next version, so a concurrent writer's save fails instead of overwriting.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries<Conversation>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version = entry.Property(c => c.Version).OriginalValue + 1;
            }
        }
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// SQLite cannot order or compare DateTimeOffset natively; storing UTC ticks keeps every
    /// due-time query indexable. PostgreSQL stores timestamptz natively, normalised to UTC (Npgsql
    /// writes no other offset). These are the only provider-specific choices and live here.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicks>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcTicks>();
        }
        else if (Database.IsNpgsql())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtc>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtc>();
        }
    }
}
