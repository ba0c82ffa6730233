using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Features.Alerts;

public enum AlertKind
{
    Assigned,
    CustomerReply,
    AtRisk,
    Mention,
}

/// <summary>One alert for the signed-in user; the page words it in their language.</summary>
public sealed record Alert(AlertKind Kind, int? ConversationId, string Who, string Text)
{
    /// <summary>One alert per kind and conversation replaces the last in the notification tray.</summary>
    public string Tag => $"{Kind}:{ConversationId}";
}

/// <summary>
/// "Should this event alert me?" for one user in one tab. It remembers, per conversation, who owned
/// it and whether its at-risk alert went out, so it alerts when a conversation becomes mine (not on
/// every change of one that already was), when the customer writes on mine, once when mine drops
/// under a fifth of its SLA (again only for a new due time), and for notifications raised for me.
/// Each kind is off when the user switched it off. Pure: the caller feeds it events and the clock.
/// </summary>
public sealed class AlertDecider(string userName, AlertPreferences preferences)
{
    private readonly Dictionary<int, ConversationSummary> _mine = [];
    private readonly Dictionary<int, long> _versions = [];
    private readonly Dictionary<int, DateTimeOffset> _atRiskSent = [];

    public string UserName { get; } = userName;
    public AlertPreferences Preferences { get; set; } = preferences;

    /// <summary>What the user already has when the tab opens: none of it is news.</summary>
    public void Seed(IEnumerable<ConversationSummary> open, DateTimeOffset now)
    {
        foreach (var c in open)
        {
            _versions[c.Id] = c.Version;
            if (c.AssigneeUserName == UserName && c.IsOpen)
            {
                _mine[c.Id] = c;
                if (IsAtRisk(c, now) && c.DueAt is { } due)
                {
                    // Already at risk when the tab opened: the queue shows it in red; the alert is for news.
                    _atRiskSent[c.Id] = due;
                }
            }
        }
    }

    public IReadOnlyCollection<ConversationSummary> Mine => _mine.Values;

    public Alert? Decide(WorkspaceEvent e) => e switch
    {
        WorkspaceEvent.ConversationChanged changed => OnChanged(changed.Conversation),
        WorkspaceEvent.MessageAppended appended => OnMessage(appended.Message),
        WorkspaceEvent.NotificationRaised raised => OnNotification(raised.Notification),
        _ => null,
    };

    private Alert? OnChanged(ConversationSummary c)
    {
        if (_versions.TryGetValue(c.Id, out var seen) && c.Version <= seen)
        {
            // An older or repeated event (a push racing a reload, or two nodes): nothing new.
            return null;
        }
        _versions[c.Id] = c.Version;
        var wasMine = _mine.ContainsKey(c.Id);
        var isMine = c.AssigneeUserName == UserName && c.IsOpen;
        if (!isMine)
        {
            _mine.Remove(c.Id);
            _atRiskSent.Remove(c.Id);
            return null;
        }
        _mine[c.Id] = c;
        return !wasMine && Preferences.Assigned
            ? new Alert(AlertKind.Assigned, c.Id, c.CustomerName ?? c.CustomerExternalId, c.Preview)
            : null;
    }

    private Alert? OnMessage(MessageView m) =>
        m.AuthorKind == AuthorKind.Customer && Preferences.CustomerReply && _mine.ContainsKey(m.ConversationId)
            ? new Alert(AlertKind.CustomerReply, m.ConversationId, m.AuthorName ?? "", m.Text)
            : null;

    private Alert? OnNotification(NotificationView n) =>
        n.Recipient == UserName && Preferences.Mention
            ? new Alert(AlertKind.Mention, n.ConversationId, "", n.Text)
            : null;

    /// <summary>Mine that have just fallen under a fifth of their SLA; each once per due time.</summary>
    public IReadOnlyList<Alert> Tick(DateTimeOffset now)
    {
        if (!Preferences.AtRisk)
        {
            return [];
        }
        var alerts = new List<Alert>();
        foreach (var c in _mine.Values)
        {
            if (IsAtRisk(c, now) && c.DueAt is { } due && (!_atRiskSent.TryGetValue(c.Id, out var sent) || sent != due))
            {
                _atRiskSent[c.Id] = due;
                alerts.Add(new Alert(AlertKind.AtRisk, c.Id, c.CustomerName ?? c.CustomerExternalId, SlaCountdown.For(StartOf(c), due, now).Text));
            }
        }
        return alerts;
    }

    /// <summary>At risk as the queue's red: under a fifth left, not yet breached, clock still running.</summary>
    public static bool IsAtRisk(ConversationSummary c, DateTimeOffset now) =>
        c.IsOpen && c.DueAt is { } due && RunsClock(c) && SlaCountdown.IsAtRisk(StartOf(c), due, now);

    private static bool RunsClock(ConversationSummary c) =>
        c.Status == ConversationStatus.SecondHandling ? c.SecondHandlingDueAt is not null : c.AwaitsFirstResponse;

    private static DateTimeOffset StartOf(ConversationSummary c) =>
        c.Status == ConversationStatus.SecondHandling && c.SecondHandlingDueAt is not null ? c.LastCustomerMessageAt : c.CreatedAt;
}
