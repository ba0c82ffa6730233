using AgentWorkspace.Features.Classification;

namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// What the writer tells the rest of the workspace after each committed change. Conversations owns
/// the words; Realtime implements the port (hub clients and this node's circuits), so the writer
/// never knows who listens or on how many nodes.
/// </summary>
public interface IConversationEvents
{
    Task ConversationChanged(ConversationSummary summary);
    Task MessageAppended(MessageView message);
    Task ClassificationConfirmed(ConversationSummary summary);
    Task EscalationRaised(EscalationView escalation);
    Task NotificationRaised(NotificationView notification);
}

/// <summary>One change as a page on this node receives it.</summary>
public abstract record WorkspaceEvent
{
    public sealed record ConversationChanged(ConversationSummary Conversation) : WorkspaceEvent;
    public sealed record MessageAppended(MessageView Message) : WorkspaceEvent;
    public sealed record EscalationRaised(EscalationView Escalation) : WorkspaceEvent;
    public sealed record NotificationRaised(NotificationView Notification) : WorkspaceEvent;

    /// <summary>Who has the conversation open and who is typing in it (issue #15); pages only, never hub clients.</summary>
    public sealed record ViewersChanged(int ConversationId, IReadOnlyList<ConversationViewer> Viewers) : WorkspaceEvent;

    /// <summary>A staff member's 在线/忙碌/小休/离线 changed (issue #15); <paramref name="Status"/> is its name (Online, Busy, Break, Offline).</summary>
    public sealed record AgentStatusChanged(string UserName, string Status, string ChangedBy) : WorkspaceEvent;

    /// <summary><paramref name="UserName"/> read some or all of their mentions (issue #15): their badge and 我的提及 follow.</summary>
    public sealed record MentionsRead(string UserName) : WorkspaceEvent;
}

/// <summary>One person with a conversation open; <paramref name="Typing"/> while they type a reply or note.</summary>
public sealed record ConversationViewer(string UserName, string DisplayName, bool Typing);

/// <summary>The compact row a queue or wall board needs; never the whole thread.</summary>
public sealed record ConversationSummary(
    int Id,
    string CustomerExternalId,
    string? CustomerName,
    Channel Channel,
    string Preview,
    ConversationStatus Status,
    Category Category,
    string? Topic,
    Priority Priority,
    IReadOnlyList<string> MatchedKeywords,
    bool Ambiguous,
    bool NeedsCollaboration,
    bool Agitated,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClassifiedAt,
    bool ClassificationAutoAccepted,
    DateTimeOffset? FirstResponseDueAt,
    DateTimeOffset? FirstRespondedAt,
    DateTimeOffset LastCustomerMessageAt,
    string? AssigneeUserName,
    DateTimeOffset? EscalatedAt,
    string? EscalatedTo,
    string? SecondHandlingOwner,
    DateTimeOffset? SecondHandlingDueAt,
    long Version,
    DateTimeOffset? ReviewRequestedAt = null,
    DateTimeOffset? ResolutionDueAt = null,
    IReadOnlyList<ClassificationReason>? Reasons = null)
{
    public bool IsOpen => Status.IsOpen();
    public string CustomerDisplayName => Customer.DisplayNameOf(CustomerName, CustomerExternalId);
    public bool IsEscalated => EscalatedAt is not null && IsOpen;
    public bool IsClassified => ClassifiedAt is not null;

    /// <summary>The due time the queue counts down to: first response, or second handling once that runs; null = no agent SLA.</summary>
    public DateTimeOffset? DueAt => Status == ConversationStatus.SecondHandling && SecondHandlingDueAt is { } s
        ? s
        : FirstResponseDueAt;

    public bool AwaitsFirstResponse => FirstRespondedAt is null;

    /// <summary>待协同: waiting for the supervisor to classify, assign or take it over.</summary>
    public bool AwaitsReview => ReviewRequestedAt is not null && IsOpen;

    public static ConversationSummary From(Conversation c) => new(
        c.Id,
        c.Customer.ExternalId,
        c.Customer.Name,
        c.Channel,
        c.Preview,
        c.Status,
        c.Category,
        c.Topic,
        c.Priority,
        SplitList(c.MatchedKeywords),
        c.Ambiguous,
        c.NeedsCollaboration,
        c.Agitated,
        c.CreatedAt,
        c.ClassifiedAt,
        c.ClassificationAutoAccepted,
        c.FirstResponseDueAt,
        c.FirstRespondedAt,
        c.LastCustomerMessageAt,
        c.AssigneeUserName,
        c.EscalatedAt,
        c.EscalatedTo,
        c.SecondHandlingOwner,
        c.SecondHandlingDueAt,
        c.Version,
        c.ReviewRequestedAt,
        c.ResolutionDueAt,
        ClassificationReasons.Read(c.ClassificationReasons));

    internal static IReadOnlyList<string> SplitList(string joined) =>
        string.IsNullOrEmpty(joined) ? [] : joined.Split('\n');
}

public sealed record MessageView(long Id, int ConversationId, AuthorKind AuthorKind, string? AuthorName, string Text, DateTimeOffset CreatedAt)
{
    public static MessageView From(Message m) => new(m.Id, m.ConversationId, m.AuthorKind, m.AuthorName, m.Text, m.CreatedAt);
}

public sealed record EscalationView(int Id, int ConversationId, EscalationReason Reason, DateTimeOffset RaisedAt, string AssignedTo, string? CustomerName, string Preview,
    DateTimeOffset? AcknowledgedAt = null, string? Note = null);

public sealed record NotificationView(int Id, string Recipient, string Kind, int? ConversationId, string Text, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt = null);
