using AgentWorkspace.Data;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Realtime;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.WallBoard;

public sealed record UrgentItem(int Id, string Customer, Channel Channel, Priority Priority, string Preview, DateTimeOffset CreatedAt, DateTimeOffset DueAt);

public sealed record AgentLoad(string UserName, int Open, DateTimeOffset? OldestSince);

public sealed record HourCount(int Hour, int Arrivals, int FirstResponses);

public sealed record DayMetrics(DateOnly Day, MetricSet Metrics);

public sealed record BoardSnapshot(
    DateTimeOffset At,
    int Open,
    IReadOnlyDictionary<Priority, int> ByPriority,
    IReadOnlyDictionary<Channel, int> ByChannel,
    int Unclaimed,
    TimeSpan? LongestWait,
    int AtRisk,
    int Breached,
    IReadOnlyList<UrgentItem> MostUrgent,
    IReadOnlyList<EscalationView> Escalations,
    MetricSet Today,
    int SecondHandlingBacklog,
    IReadOnlyList<AgentLoad> Agents,
    IReadOnlyList<HourCount> Hours,
    HandOffFigures HandOffs,
    IReadOnlyDictionary<Channel, TimeSpan?>? AverageFirstResponseByChannel = null);

/// <summary>
/// How the hand-offs are kept today: escalations 李姐 has not acknowledged, customer-update windows that
/// passed without a message (seed 000 步骤4), and the share of second handlings settled within their due time.
/// </summary>
public sealed record HandOffFigures(int UnacknowledgedEscalations, int CustomerUpdatesMissedToday, int SecondHandlingsDecidedToday, double? SecondHandlingWithinDue);

/// <summary>
/// The figures behind the wall board and the reports. Every query is bounded: the open set (indexed
/// on status), today's rows (indexed on CreatedAt), or a date range; never the whole history.
/// </summary>
public sealed class TeamMetrics(IDbContextFactory<WorkspaceDbContext> dbFactory, EscalationQueries escalationQueries, TeamClock clock, PresenceTracker presence)
{
    public async Task<BoardSnapshot> BoardAsync(CancellationToken ct = default)
    {
        var now = clock.Now;
        var dayStart = clock.StartOfDay(now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.Conversations.AsNoTracking()
            .WhereOpen()
            .Select(c => new
            {
                c.Id,
                Customer = Customer.DisplayNameOf(c.Customer.Name, c.Customer.ExternalId),
                c.Channel,
                c.Priority,
                c.Preview,
                c.Status,
                c.CreatedAt,
                c.FirstResponseDueAt,
                c.FirstRespondedAt,
                c.AssigneeUserName,
            })
            .ToListAsync(ct);
        var waiting = open.Where(c => c.FirstRespondedAt is null).ToList();
        var today = await RowsAsync(db, dayStart, now.AddTicks(1), null, null, ct);
        var escalations = await escalationQueries.OpenAsync(ct);
        var online = presence.Online;
        var agents = online.Select(user =>
        {
            var mine = open.Where(c => c.AssigneeUserName == user).ToList();
            return new AgentLoad(user, mine.Count, mine.Count == 0 ? null : mine.Min(c => c.CreatedAt));
        }).OrderByDescending(a => a.Open).ThenBy(a => a.UserName, StringComparer.Ordinal).ToList();
        var hours = HourCounts(today, dayStart, now);
        var handOffs = await HandOffsAsync(db, escalations, dayStart, now, ct);

        return new BoardSnapshot(
            now,
            open.Count,
            Enum.GetValues<Priority>().ToDictionary(p => p, p => open.Count(c => c.Priority == p)),
            Enum.GetValues<Channel>().ToDictionary(ch => ch, ch => open.Count(c => c.Channel == ch)),
            open.Count(c => c.AssigneeUserName is null),
            waiting.Count == 0 ? null : now - waiting.Min(c => c.CreatedAt),
            waiting.Count(c => c.FirstResponseDueAt is { } due && due >= now && SlaCountdown.IsAtRisk(c.CreatedAt, due, now)),
            waiting.Count(c => c.FirstResponseDueAt < now),
            // Self-service has no agent SLA: it never appears among the most pressing.
            [.. waiting.Where(c => c.FirstResponseDueAt is not null).OrderBy(c => c.FirstResponseDueAt).Take(5)
                .Select(c => new UrgentItem(c.Id, c.Customer, c.Channel, c.Priority, c.Preview, c.CreatedAt, c.FirstResponseDueAt!.Value))],
            escalations,
            MetricSet.Of(today, now),
            open.Count(c => c.Status == ConversationStatus.SecondHandling),
            agents,
            hours,
            handOffs,
            MetricSet.AverageFirstResponseByChannel(today));
    }

    private static async Task<HandOffFigures> HandOffsAsync(WorkspaceDbContext db, IReadOnlyList<EscalationView> open, DateTimeOffset dayStart, DateTimeOffset now, CancellationToken ct)
    {
        var missed = await db.Timeline.AsNoTracking().CountAsync(t => t.Kind == "customer-update-missed" && t.At >= dayStart && t.At <= now, ct);
        // Decided today: her solution went out today, or her due time passed today without one.
        var decided = await db.Conversations.AsNoTracking()
            .Where(c => c.SecondHandlingDueAt != null
                && ((c.SecondHandlingRepliedAt >= dayStart && c.SecondHandlingRepliedAt <= now)
                    || (c.SecondHandlingRepliedAt == null && c.SecondHandlingDueAt >= dayStart && c.SecondHandlingDueAt <= now)))
            .Select(c => new { c.SecondHandlingRepliedAt, c.SecondHandlingDueAt })
            .ToListAsync(ct);
        var inTime = decided.Count(d => d.SecondHandlingRepliedAt is { } r && r <= d.SecondHandlingDueAt);
        return new HandOffFigures(open.Count(e => e.AcknowledgedAt is null), missed, decided.Count, decided.Count == 0 ? null : (double)inTime / decided.Count);
    }

    /// <summary>Arrivals and first responses per hour of the team's day, in one pass over today's rows.</summary>
    private static List<HourCount> HourCounts(IReadOnlyCollection<MetricRow> today, DateTimeOffset dayStart, DateTimeOffset now)
    {
        var hoursSoFar = (int)Math.Min(24, Math.Floor((now - dayStart).TotalHours) + 1);
        var arrivals = new int[hoursSoFar];
        var responses = new int[hoursSoFar];
        foreach (var r in today)
        {
            // Hours since the team's midnight: no time-zone conversion per row.
            if ((int)((r.CreatedAt - dayStart).TotalHours) is var a and >= 0 && a < hoursSoFar)
            {
                arrivals[a]++;
            }
            if (r.FirstRespondedAt is { } f && (int)Math.Floor((f - dayStart).TotalHours) is var h and >= 0 && h < hoursSoFar)
            {
                responses[h]++;
            }
        }
        return [.. Enumerable.Range(0, hoursSoFar).Select(h => new HourCount(h, arrivals[h], responses[h]))];
    }

    /// <summary>Response-time compliance per team day, for the trend chart.</summary>
    public async Task<List<DayMetrics>> TrendAsync(int days, CancellationToken ct = default)
    {
        var now = clock.Now;
        var from = clock.StartOfDay(now.AddDays(-(days - 1)));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await RowsAsync(db, from, now.AddTicks(1), null, null, ct);
        return PerDay(rows, from, days, now);
    }

    public async Task<List<MetricRow>> RowsAsync(DateTimeOffset from, DateTimeOffset to, Channel? channel, Category? category, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RowsAsync(db, from, to, channel, category, ct);
    }

    public List<DayMetrics> PerDay(IReadOnlyCollection<MetricRow> rows, DateTimeOffset from, int days, DateTimeOffset now)
    {
        var byDay = rows.ToLookup(r => clock.DayOf(r.CreatedAt));
        var first = clock.DayOf(from);
        return [.. Enumerable.Range(0, days).Select(i => first.AddDays(i)).Select(day => new DayMetrics(day, MetricSet.Of([.. byDay[day]], now)))];
    }

    private static Task<List<MetricRow>> RowsAsync(WorkspaceDbContext db, DateTimeOffset from, DateTimeOffset to, Channel? channel, Category? category, CancellationToken ct)
    {
        var query = db.Conversations.AsNoTracking().Where(c => c.CreatedAt >= from && c.CreatedAt < to);
        if (channel is { } ch)
        {
            query = query.Where(c => c.Channel == ch);
        }
        if (category is { } cat)
        {
            query = query.Where(c => c.Category == cat);
        }
        return query.Select(c => new MetricRow(
            c.CreatedAt,
            c.FirstResponseDueAt,
            c.FirstRespondedAt,
            c.FirstResponseBreached,
            c.ResolvedAt,
            c.ResolveCount,
            c.Satisfaction,
            // Urgent reports are not escalations for the ≤ 5 % target: only no response and no ticket feedback.
            db.Escalations.Any(e => e.ConversationId == c.Id && e.Reason != EscalationReason.Urgent && e.Reason != EscalationReason.NeedsReview),
            c.SecondsToClassify,
            c.ClassificationAutoAccepted,
            c.ClassifiedAt,
            c.AssigneeUserName,
            c.Priority,
            c.Channel,
            c.Category,
            c.Status,
            c.ResolutionDueAt,
            c.NpsScore)).ToListAsync(ct);
    }
}
