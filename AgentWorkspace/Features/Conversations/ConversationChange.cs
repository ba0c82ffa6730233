using AgentWorkspace.Data;

namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// One change to one conversation, as its writer sees it: the loaded row, the clock reading, and what
/// the change adds besides the row (messages, steps, escalations, notifications). The writer saves it
/// all in one transaction and publishes it after the save, so nothing is announced that was not stored.
/// </summary>
public sealed class ConversationChange
{
    private readonly WriterSettings _options;

    internal ConversationChange(WorkspaceDbContext db, Conversation conversation, DateTimeOffset now, string actor, WriterSettings options)
    {
        Db = db;
        Conversation = conversation;
        Now = now;
        Actor = actor;
        _options = options;
    }

    public WorkspaceDbContext Db { get; }
    public Conversation Conversation { get; }
    public DateTimeOffset Now { get; }
    public string Actor { get; }

    /// <summary>Set by a rule firing: the change is stored at most once under this key (a unique timeline column).</summary>
    public string? RuleKey { get; set; }

    internal List<Message> Messages { get; } = [];
    internal List<Escalation> Escalations { get; } = [];
    internal List<Notification> Notifications { get; } = [];
    internal List<CollaborationTicket> Tickets { get; } = [];

    public Message Say(AuthorKind kind, string? authorName, string text, string? ingestKey = null)
    {
        var message = new Message { ConversationId = Conversation.Id, AuthorKind = kind, AuthorName = authorName, Text = text, CreatedAt = Now, IngestKey = ingestKey };
        Db.Messages.Add(message);
        Messages.Add(message);
        return message;
    }

    public void Step(string kind, string? detail = null, string? actor = null, string? ruleKey = null) =>
        Db.Timeline.Add(ConversationService.Step(Conversation.Id, kind, Now, actor ?? Actor, detail, ruleKey));

    public void Notify(string recipient, string kind, string text)
    {
        var notification = new Notification { Recipient = recipient, Kind = kind, ConversationId = Conversation.Id, Text = text, CreatedAt = Now };
        Db.Notifications.Add(notification);
        Notifications.Add(notification);
    }

    public void Schedule(CollaborationTicket ticket) => Tickets.Add(ticket);

    /// <summary>
    /// Opens an escalation to the supervisor: she is notified, the conversation shows as escalated,
    /// and the customer-update window starts (seed 000 步骤4: the customer hears from us every 2 hours).
    /// </summary>
    public ActionOutcome Escalate(EscalationReason reason, int? ticketId = null, string? note = null)
    {
        var c = Conversation;
        var supervisor = _options.Escalation.Supervisor;
        var escalation = new Escalation
        {
            ConversationId = c.Id,
            CollaborationTicketId = ticketId,
            Reason = reason,
            RaisedAt = Now,
            RaisedBy = Actor,
            Note = note,
            AssignedTo = supervisor,
        };
        Db.Escalations.Add(escalation);
        Escalations.Add(escalation);
        if (c.EscalatedAt is null)
        {
            c.EscalatedAt = Now;
            c.EscalatedTo = supervisor;
            c.EscalationReason = reason;
        }
        if (reason == EscalationReason.NeedsReview)
        {
            c.ReviewRequestedAt ??= Now;
        }
        c.NextCustomerUpdateDueAt ??= Now + _options.Escalation.CustomerUpdateEvery;
        Notify(supervisor, "escalation", $"{TeamWording(reason)}：{c.Customer.DisplayName} — {note ?? c.Preview}");
        return ActionOutcome.Done($"escalated-{Kebab(reason)}", note);
    }

    /// <summary>Stored notifications are written in the team's language, like the other notification texts.</summary>
    private static string TeamWording(EscalationReason reason) => reason switch
    {
        EscalationReason.NoResponse => "超 1 小时未响应",
        EscalationReason.CollaborationNoFeedback => "协同单 1 小时无反馈",
        EscalationReason.Urgent => "紧急问题",
        EscalationReason.NeedsReview => "待协同",
        EscalationReason.SecondHandlingOverdue => "二次处理超时",
        _ => "手动升级",
    };

    public static string Kebab<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((ch, i) => char.IsUpper(ch) && i > 0 ? $"-{char.ToLowerInvariant(ch)}" : char.ToLowerInvariant(ch).ToString()));
}
