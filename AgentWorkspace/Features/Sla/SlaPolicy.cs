using AgentWorkspace.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Sla;

/// <summary>
/// The priority × channel table (表2), seed 001's channel targets by consultation and complaint, and
/// the team calendar, read from the database for each computation so an edit by a team lead applies
/// to the next due time on every node (a few dozen rows; no cache is the truth).
/// </summary>
public sealed class SlaPolicy(IReadOnlyList<SlaPolicyRow> rows, IReadOnlyList<ChannelSlaTarget>? channels = null, TeamCalendar? calendar = null)
{
    public IReadOnlyList<SlaPolicyRow> Rows { get; } = rows;

    public IReadOnlyList<ChannelSlaTarget> Channels { get; } = channels is { Count: > 0 } ? channels : [.. ChannelSlaTarget.Defaults()];

    public WorkingCalendar Calendar { get; } = new(calendar ?? new TeamCalendar());

    public static async Task<SlaPolicy> LoadAsync(WorkspaceDbContext db, CancellationToken ct = default) =>
        new(await db.SlaPolicy.AsNoTracking().ToListAsync(ct),
            await db.ChannelSlaTargets.AsNoTracking().ToListAsync(ct),
            await db.TeamCalendars.AsNoTracking().OrderBy(c => c.Id).FirstOrDefaultAsync(ct));

    public TimeSpan FirstResponse(Priority priority, Channel channel) =>
        Find(priority, channel)?.FirstResponse ?? Defaults.FirstResponse(priority, channel);

    public TimeSpan? Resolution(Priority priority, Channel channel) =>
        Find(priority, channel) is { } row ? row.Resolution : Defaults.Resolution(priority);

    /// <summary>
    /// Due times for a conversation. Self-service has no agent SLA (null, never breaches). A face-to-face
    /// appointment is the first-response due time. Otherwise the stricter of the priority target and the
    /// channel's target for the kind applies — a complaint follows the channel's complaint column.
    /// </summary>
    public SlaDueTimes Compute(Priority priority, Channel channel, DateTimeOffset arrivedAt, bool complaint = false, DateTimeOffset? appointmentAt = null)
    {
        if (channel == Channel.SelfService)
        {
            return new(null, null);
        }
        var resolution = Resolution(priority, channel);
        if (appointmentAt is { } appointment)
        {
            var from = appointment > arrivedAt ? appointment : arrivedAt;
            return new(appointment, resolution is { } ra ? from + ra : null);
        }
        var due = arrivedAt + FirstResponse(priority, channel);
        if (ChannelDue(priority, channel, arrivedAt, complaint) is { } byChannel && byChannel < due)
        {
            due = byChannel;
        }
        return new(due, resolution is { } r ? arrivedAt + r : null);
    }

    /// <summary>The channel's own target for this kind of conversation, or null where it sets none.</summary>
    public DateTimeOffset? ChannelDue(Priority priority, Channel channel, DateTimeOffset arrivedAt, bool complaint)
    {
        var target = Channels.FirstOrDefault(c => c.Channel == channel);
        if (target is null)
        {
            return null;
        }
        if (!complaint)
        {
            return target.ConsultationMinutes is { } m ? arrivedAt + TimeSpan.FromMinutes(m) : null;
        }
        if (priority == Priority.Urgent && target.UrgentComplaintMinutes is { } urgent)
        {
            return arrivedAt + TimeSpan.FromMinutes(urgent);
        }
        if (target.ComplaintMinutes is { } minutes)
        {
            return arrivedAt + TimeSpan.FromMinutes(minutes);
        }
        return target.ComplaintWorkingDays is { } days ? Calendar.AddWorkingDays(arrivedAt, days) : null;
    }

    private SlaPolicyRow? Find(Priority priority, Channel channel)
    {
        foreach (var row in Rows)
        {
            if (row.Priority == priority && row.Channel == channel)
            {
                return row;
            }
        }
        return null;
    }

    /// <summary>
    /// The seeds' defaults: 表2 by priority (urgent 5 min, high 30 min, medium 2 h, low 24 h; high
    /// closed within 4 h). Seed 001's channel targets (live chat and phone 60 s, social 2 h, email 4 h;
    /// the complaint column) are the separate channel table, and the stricter of the two applies.
    /// </summary>
    public static class Defaults
    {
        public static TimeSpan FirstResponse(Priority priority, Channel channel) => priority switch
        {
            Priority.Urgent => TimeSpan.FromMinutes(5),
            Priority.High => TimeSpan.FromMinutes(30),
            Priority.Medium => TimeSpan.FromHours(2),
            _ => TimeSpan.FromHours(24),
        };

        public static TimeSpan? Resolution(Priority priority) =>
            priority == Priority.High ? TimeSpan.FromHours(4) : null;

        public static IEnumerable<SlaPolicyRow> Rows() =>
            from priority in Enum.GetValues<Priority>()
            from channel in Enum.GetValues<Channel>()
            select new SlaPolicyRow
            {
                Priority = priority,
                Channel = channel,
                FirstResponse = FirstResponse(priority, channel),
                Resolution = Resolution(priority),
            };
    }
}

/// <summary>A null first-response due time means no agent SLA (self-service): nothing to count down, nothing to breach.</summary>
public readonly record struct SlaDueTimes(DateTimeOffset? FirstResponseDueAt, DateTimeOffset? ResolutionDueAt);
