using AgentWorkspace.Features.Conversations;

namespace AgentWorkspace.Features.WallBoard;

/// <summary>The columns a metric needs, and nothing else: reports and the board never load whole conversations.</summary>
public sealed record MetricRow(
    DateTimeOffset CreatedAt,
    DateTimeOffset? FirstResponseDueAt,
    DateTimeOffset? FirstRespondedAt,
    bool FirstResponseBreached,
    DateTimeOffset? ResolvedAt,
    int ResolveCount,
    SatisfactionAnswer? Satisfaction,
    bool Escalated,
    double? SecondsToClassify,
    bool AutoAccepted,
    DateTimeOffset? ClassifiedAt,
    string? Assignee,
    Priority Priority,
    Channel Channel,
    Category Category,
    ConversationStatus Status,
    DateTimeOffset? ResolutionDueAt = null,
    int? NpsScore = null);

/// <summary>
/// The seed metrics over a set of conversations. Null means "no data" (an empty day), never zero.
/// </summary>
public sealed record MetricSet(
    int Conversations,
    int Responded,
    int WithinSla,
    int BreachedUnanswered,
    double? ResponseCompliance,
    TimeSpan? AverageFirstResponse,
    int Resolved,
    double? FirstContactResolution,
    int Answered,
    double? Csat,
    int Escalated,
    double? EscalationRate,
    int Classified,
    double? ClassifiedWithin10s,
    int Complaints = 0,
    int ComplaintsEscalated = 0,
    double? ComplaintEscalationRate = null,
    int MajorComplaints = 0,
    double? ComplaintClosure = null,
    int NpsAnswers = 0,
    double? Nps = null,
    int HighWithCloseTarget = 0,
    int HighCloseBreaches = 0)
{
    public static MetricSet Of(IReadOnlyCollection<MetricRow> rows, DateTimeOffset now)
    {
        var responded = rows.Where(r => r.FirstRespondedAt is not null).ToList();
        // Compliance is judged only where an agent SLA applies (self-service has none).
        var respondedWithTarget = responded.Where(r => r.FirstResponseDueAt is not null).ToList();
        var within = respondedWithTarget.Count(r => !r.FirstResponseBreached);
        // Still waiting past the due time counts against compliance now, not only once answered.
        var breachedWaiting = rows.Count(r => r.FirstRespondedAt is null && r.FirstResponseDueAt < now
            && r.Status.IsOpen());
        var judged = respondedWithTarget.Count + breachedWaiting;
        TimeSpan? average = responded.Count == 0 ? null
            : TimeSpan.FromTicks((long)responded.Average(r => (r.FirstRespondedAt!.Value - r.CreatedAt).Ticks));
        var resolved = rows.Where(r => r.ResolvedAt is not null).ToList();
        // First contact: resolved once, never reopened, and not answered 未解决.
        var firstContact = resolved.Count(r => r.ResolveCount == 1 && r.Satisfaction != SatisfactionAnswer.Unresolved);
        var answered = rows.Where(r => r.Satisfaction is not null).ToList();
        var classified = rows.Where(r => r.ClassifiedAt is not null).ToList();
        var escalated = rows.Count(r => r.Escalated);
        // Seed 001 (未来生物): escalation rate = complaints escalated ÷ complaints; closure = major (高/紧急) complaints closed.
        var complaints = rows.Where(r => r.Category == Category.Complaint).ToList();
        var major = complaints.Where(r => r.Priority <= Priority.High).ToList();
        var nps = rows.Where(r => r.NpsScore is not null).Select(r => r.NpsScore!.Value).ToList();
        // 表2 高: closed within 4 hours. Still open past the target counts now, not only once closed.
        var withCloseTarget = rows.Where(r => r.Priority == Priority.High && r.ResolutionDueAt is not null).ToList();
        return new MetricSet(
            rows.Count,
            responded.Count,
            within,
            breachedWaiting,
            Share(within, judged),
            average,
            resolved.Count,
            Share(firstContact, resolved.Count),
            answered.Count,
            Share(answered.Count(r => r.Satisfaction == SatisfactionAnswer.Satisfied), answered.Count),
            escalated,
            Share(escalated, rows.Count),
            classified.Count,
            Share(classified.Count(r => !r.AutoAccepted && r.SecondsToClassify <= 10), classified.Count),
            complaints.Count,
            complaints.Count(r => r.Escalated),
            Share(complaints.Count(r => r.Escalated), complaints.Count),
            major.Count,
            Share(major.Count(r => r.ResolvedAt is not null), major.Count),
            nps.Count,
            NetPromoterScore(nps),
            withCloseTarget.Count,
            withCloseTarget.Count(r => (r.ResolvedAt ?? now) > r.ResolutionDueAt));
    }

    /// <summary>NPS: % promoters (9–10) − % detractors (0–6), from −100 to 100; null without answers.</summary>
    public static double? NetPromoterScore(IReadOnlyCollection<int> scores) =>
        scores.Count == 0 ? null : 100.0 * (scores.Count(s => s >= 9) - scores.Count(s => s <= 6)) / scores.Count;

    /// <summary>Average first response per channel, for the channel's own target (phone &lt; 30 s, chat &lt; 2 min …).</summary>
    public static Dictionary<Channel, TimeSpan?> AverageFirstResponseByChannel(IReadOnlyCollection<MetricRow> rows) =>
        Enum.GetValues<Channel>().ToDictionary(ch => ch, ch =>
        {
            var responded = rows.Where(r => r.Channel == ch && r.FirstRespondedAt is not null).ToList();
            return responded.Count == 0 ? (TimeSpan?)null : TimeSpan.FromTicks((long)responded.Average(r => (r.FirstRespondedAt!.Value - r.CreatedAt).Ticks));
        });

    private static double? Share(int part, int whole) => whole == 0 ? null : part / (double)whole;
}
