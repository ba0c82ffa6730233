using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Realtime;

namespace AgentWorkspace.Features.Queue;

public sealed record QueueFilter(bool Mine = false, bool Unclaimed = false, bool Escalated = false, Priority? Priority = null, Channel? Channel = null,
    bool NeedsReview = false, bool SecondHandling = false)
{
    public bool Matches(ConversationSummary c, string? userName) =>
        (!Mine || c.AssigneeUserName == userName)
        && (!Unclaimed || c.AssigneeUserName is null)
        && (!Escalated || c.IsEscalated)
        && (!NeedsReview || c.AwaitsReview)
        && (!SecondHandling || c.Status == ConversationStatus.SecondHandling)
        && (Priority is not { } p || c.Priority == p)
        && (Channel is not { } ch || c.Channel == ch);
}

/// <summary>
/// The agent's queue in one circuit: every open conversation, filtered and ordered by due time.
/// Events replace rows by id, and only a newer version replaces a row: events can arrive out of
/// order (a page load racing a push, or two nodes), so an older one never undoes a newer state.
/// Closed ones leave.
/// </summary>
public sealed class QueueModel(string? userName)
{
    private readonly Dictionary<int, ConversationSummary> _rows = [];

    // The version at which a row left, so a late, older event cannot bring it back.
    private readonly Dictionary<int, long> _left = [];
    private List<ConversationSummary>? _visible;

    public QueueFilter Filter { get; private set; } = new();
    public string? UserName { get; } = userName;
    public int Total => _rows.Count;

    // A List because Virtualize takes an ICollection.
    public List<ConversationSummary> Visible => _visible ??= [.. _rows.Values.Where(r => Filter.Matches(r, UserName)).OrderBy(r => r, Order)];

    public void Load(IEnumerable<ConversationSummary> rows)
    {
        _rows.Clear();
        _left.Clear();
        foreach (var row in rows.Where(r => r.IsOpen))
        {
            _rows[row.Id] = row;
        }
        _visible = null;
    }

    /// <summary>True when the queue changed.</summary>
    public bool Apply(ConversationSummary summary)
    {
        var known = _rows.TryGetValue(summary.Id, out var existing) ? existing.Version : _left.GetValueOrDefault(summary.Id);
        if (summary.Version < known || existing == summary)
        {
            return false;
        }
        if (!summary.IsOpen)
        {
            _left[summary.Id] = summary.Version;
            var removed = _rows.Remove(summary.Id);
            _visible = removed ? null : _visible;
            return removed;
        }
        _left.Remove(summary.Id);
        _rows[summary.Id] = summary;
        _visible = null;
        return true;
    }

    public void SetFilter(QueueFilter filter)
    {
        Filter = filter;
        _visible = null;
    }

    /// <summary>When a visible row next looks different with time alone (its tone, hint ring or close-by); MaxValue if never.</summary>
    public DateTimeOffset NextFaceChange(DateTimeOffset now, TimeSpan confirmWithin)
    {
        var next = DateTimeOffset.MaxValue;
        foreach (var row in Visible)
        {
            var change = RowClock.NextFaceChange(row, now, confirmWithin);
            next = change < next ? change : next;
        }
        return next;
    }

    public int Count(QueueFilter filter) => _rows.Values.Count(r => filter.Matches(r, UserName));

    /// <summary>Waiting for a first response first, by due time; then the rest by their next due time.</summary>
    public static readonly IComparer<ConversationSummary> Order = Comparer<ConversationSummary>.Create((a, b) =>
    {
        var byWaiting = b.AwaitsFirstResponse.CompareTo(a.AwaitsFirstResponse);
        if (byWaiting != 0)
        {
            return byWaiting;
        }
        // No agent SLA (self-service) sorts after every conversation that has a due time.
        var byDue = (a.DueAt, b.DueAt) switch
        {
            ({ } x, { } y) => x.CompareTo(y),
            (null, { }) => 1,
            ({ }, null) => -1,
            _ => 0,
        };
        return byDue != 0 ? byDue : a.Id.CompareTo(b.Id);
    });
}
