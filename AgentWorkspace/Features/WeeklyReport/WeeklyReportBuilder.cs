using System.Text.Json;
using System.Text.Json.Serialization;
using AgentWorkspace.Data;
using AgentWorkspace.Features.Conversations;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.WeeklyReport;

/// <summary>
/// Seed 000 step 5: each week, the most frequent issues (e.g. 退款流程, 优惠券使用), the ones without a
/// good template, and response-time compliance by category, so team leads update the templates.
/// </summary>
public sealed class WeeklyReportBuilder(IDbContextFactory<WorkspaceDbContext> dbFactory, TeamClock clock)
{
    public const int TopCount = 10;
    public const int LowUsage = 3;
    public const double LowSatisfaction = 0.8;

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Monday 00:00 (team zone) of the week containing <paramref name="instant"/>.</summary>
    public DateTimeOffset WeekStartOf(DateTimeOffset instant)
    {
        var day = clock.DayOf(instant);
        var back = ((int)day.DayOfWeek + 6) % 7;
        return clock.StartOf(day.AddDays(-back));
    }

    public async Task<WeeklyReportContent> BuildAsync(DateTimeOffset weekStart, CancellationToken ct = default)
    {
        var weekEnd = clock.StartOf(clock.DayOf(weekStart).AddDays(7));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var week = db.Conversations.AsNoTracking().Where(c => c.CreatedAt >= weekStart && c.CreatedAt < weekEnd);
        var rows = await week.Select(c => new { c.Id, c.Topic, c.Category, c.MatchedKeywords, c.FirstRespondedAt, c.FirstResponseBreached, c.Satisfaction }).ToListAsync(ct);

        var topics = rows.Where(r => r.Topic is not null).GroupBy(r => r.Topic!).Select(g => new CountRow(g.Key, g.Count()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal).Take(TopCount).ToList();
        var keywords = rows.SelectMany(r => ConversationSummary.SplitList(r.MatchedKeywords)).GroupBy(k => k).Select(g => new CountRow(g.Key, g.Count()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal).Take(TopCount).ToList();

        var ids = rows.Select(r => r.Id).ToList();
        var usages = await db.TemplateUsages.AsNoTracking().Where(u => ids.Contains(u.ConversationId))
            .Join(db.Templates, u => u.TemplateId, t => t.Id, (u, t) => new { u.ConversationId, t.Id, t.Name, t.Topic })
            .ToListAsync(ct);
        var templatesByTopic = await db.Templates.AsNoTracking().Where(t => !t.IsRetired && t.Topic != null)
            .Select(t => new { t.Id, t.Name, t.Topic }).ToListAsync(ct);
        var satisfaction = rows.ToDictionary(r => r.Id, r => r.Satisfaction);

        var gaps = new List<TemplateGap>();
        foreach (var topic in topics)
        {
            var candidates = templatesByTopic.Where(t => t.Topic == topic.Key).ToList();
            if (candidates.Count == 0)
            {
                gaps.Add(new TemplateGap(topic.Key, topic.Count, null, 0, null, "no-template"));
                continue;
            }
            foreach (var template in candidates)
            {
                var used = usages.Where(u => u.Id == template.Id).Select(u => u.ConversationId).Distinct().ToList();
                var share = SatisfactionFigures.SatisfiedShare(used.Select(id => satisfaction.GetValueOrDefault(id)));
                if (used.Count < LowUsage)
                {
                    gaps.Add(new TemplateGap(topic.Key, topic.Count, template.Name, used.Count, share, "low-usage"));
                }
                else if (share is { } s && s < LowSatisfaction)
                {
                    gaps.Add(new TemplateGap(topic.Key, topic.Count, template.Name, used.Count, share, "low-satisfaction"));
                }
            }
        }

        var compliance = Enum.GetValues<Category>().Select(category =>
        {
            var responded = rows.Where(r => r.Category == category && r.FirstRespondedAt is not null).ToList();
            var within = responded.Count(r => !r.FirstResponseBreached);
            return new ComplianceRow(category, responded.Count, within, responded.Count == 0 ? null : within / (double)responded.Count);
        }).ToList();

        return new WeeklyReportContent(weekStart, weekEnd, rows.Count, topics, keywords, gaps, compliance);
    }

    /// <summary>Compiles and keeps the week (replacing an earlier compilation of the same week).</summary>
    public async Task<WeeklyReportRecord> CompileAsync(DateTimeOffset weekStart, string actor, CancellationToken ct = default)
    {
        // Defence in depth: the page attribute is not the only check.
        WorkspaceCaller.Require(Accounts.Roles.Supervisor, Accounts.Roles.TeamLead);
        var content = await BuildAsync(weekStart, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.WeeklyReports.SingleOrDefaultAsync(r => r.WeekStart == weekStart, ct);
        if (record is null)
        {
            record = new WeeklyReportRecord { WeekStart = weekStart };
            db.WeeklyReports.Add(record);
        }
        record.GeneratedAt = clock.Now;
        record.GeneratedBy = actor;
        record.Json = JsonSerializer.Serialize(content, JsonOptions);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>The kept weeks, newest first (half a year on the page).</summary>
    public async Task<List<WeeklyReportRecord>> RecentAsync(int take = 26, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WeeklyReports.AsNoTracking().OrderByDescending(r => r.WeekStart).Take(take).ToListAsync(ct);
    }

    public static WeeklyReportContent Read(WeeklyReportRecord record) =>
        JsonSerializer.Deserialize<WeeklyReportContent>(record.Json, JsonOptions)!;
}
