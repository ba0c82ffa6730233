using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// One customer's issue on one channel. Every rule's due time is stored here so that the
/// database, not a job queue, is the source of truth (a restart must lose nothing).
/// </summary>
public sealed class Conversation
{
    public int Id { get; set; }
    public int CustomerId { get; set; }
    public Customer Customer { get; set; } = null!;
    public Channel Channel { get; set; }
    public ConversationStatus Status { get; set; } = ConversationStatus.New;

    /// <summary>First line of the latest customer message, for queue rows.</summary>
    public string Preview { get; set; } = "";

    // Classification: the machine's hint, then the agent's confirmation or correction.
    public Category Category { get; set; } = Category.Unclassified;
    public string? Topic { get; set; }
    public Priority Priority { get; set; } = Priority.Medium;
    public string MatchedKeywords { get; set; } = "";
    public bool Ambiguous { get; set; }
    public string ClarifyingQuestions { get; set; } = "";
    public bool NeedsCollaboration { get; set; }
    public bool Agitated { get; set; }

    /// <summary>The hint's <c>reasons[]</c> as JSON, so the conversation page and a connector's retry show why.</summary>
    public string ClassificationReasons { get; set; } = "";
    public DateTimeOffset? ClassifiedAt { get; set; }
    public string? ClassifiedBy { get; set; }
    public bool ClassificationAutoAccepted { get; set; }
    public double? SecondsToClassify { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastCustomerMessageAt { get; set; }
    public DateTimeOffset? LastAgentMessageAt { get; set; }

    // SLA
    /// <summary>Null: no agent SLA (self-service). A face-to-face appointment is its own due time.</summary>
    public DateTimeOffset? FirstResponseDueAt { get; set; }

    /// <summary>Face-to-face: the agreed appointment (ingest's <c>appointmentAt</c>).</summary>
    public DateTimeOffset? AppointmentAt { get; set; }
    public DateTimeOffset? ResolutionDueAt { get; set; }
    public DateTimeOffset? FirstRespondedAt { get; set; }
    public bool FirstResponseBreached { get; set; }

    public string? AssigneeUserName { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }

    // Escalation (a side state: the conversation keeps its status and owner).
    public DateTimeOffset? NoResponseEscalationDueAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public string? EscalatedTo { get; set; }
    public EscalationReason? EscalationReason { get; set; }
    public DateTimeOffset? NextCustomerUpdateDueAt { get; set; }

    /// <summary>Set when the conversation becomes urgent, cleared when 李姐 has been told: a crash in between still reports it.</summary>
    public DateTimeOffset? UrgentReportDueAt { get; set; }

    /// <summary>How many times it became urgent; each time is reported once.</summary>
    public int UrgentCount { get; set; }

    /// <summary>待协同: an open review request to the supervisor, until she classifies, assigns or takes over.</summary>
    public DateTimeOffset? ReviewRequestedAt { get; set; }

    // Closing the loop
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public string? Resolution { get; set; }
    public int ResolveCount { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? SatisfactionCheckDueAt { get; set; }
    public DateTimeOffset? SatisfactionCheckSentAt { get; set; }
    public SatisfactionAnswer? Satisfaction { get; set; }
    public DateTimeOffset? SatisfactionAnsweredAt { get; set; }

    /// <summary>The optional 0–10 "would you recommend us" answer given with 满意/不满意 (seed 001 NPS).</summary>
    public int? NpsScore { get; set; }
    public string? SecondHandlingOwner { get; set; }
    public DateTimeOffset? SecondHandlingDueAt { get; set; }

    /// <summary>When the second handler's solution reached the customer (stops the overdue rule).</summary>
    public DateTimeOffset? SecondHandlingRepliedAt { get; set; }

    public int? LastTemplateVersionId { get; set; }

    /// <summary>
    /// Optimistic concurrency (two agents claiming at once, or two nodes sweeping at once) and the
    /// order of events: it grows by one with every write, so a receiver can drop an event older
    /// than the row it already shows, even when events cross nodes out of order.
    /// </summary>
    public long Version { get; set; } = 1;

    public List<Message> Messages { get; set; } = [];

    public bool IsOpen => Status.IsOpen();
    public bool IsEscalated => EscalatedAt is not null && IsOpen;
}

public enum EscalationReason
{
    NoResponse,
    CollaborationNoFeedback,
    Urgent,
    Manual,
    NeedsReview,
    SecondHandlingOverdue,
}

public enum SatisfactionAnswer
{
    Satisfied,
    Unsatisfied,
    Unresolved,
}

public sealed class Customer
{
    public int Id { get; set; }

    /// <summary>The connector's own id for the customer (用户ID), unique per team.</summary>
    public string ExternalId { get; set; } = "";
    public string? Name { get; set; }
    /// <summary>用户价值 (seed 000 step 2): a VIP's conversations are one priority level more pressing.</summary>
    public bool IsVip { get; set; }

    /// <summary>先生 or 女士 when the connector knows it: the greeting says 王先生 / 王女士, otherwise 您好.</summary>
    public string? Salutation { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>What staff call the customer: the name the connector sent, else its id.</summary>
    public string DisplayName => DisplayNameOf(Name, ExternalId);

    /// <summary>The one rule for <see cref="DisplayName"/>, for rows read without the entity.</summary>
    public static string DisplayNameOf(string? name, string externalId) => name ?? externalId;
}

public sealed class Message
{
    public long Id { get; set; }
    public int ConversationId { get; set; }
    public Conversation Conversation { get; set; } = null!;
    public AuthorKind AuthorKind { get; set; }
    public string? AuthorName { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>"{channel}:{externalId}" so that a connector's retry is stored once.</summary>
    public string? IngestKey { get; set; }
}

public enum AuthorKind
{
    Customer,
    Agent,
    System,

    /// <summary>An internal note (issue #15): staff only, never on /chat or in the connectors' hub stream.</summary>
    Note,
}

/// <summary>Every step, as seed 000 §4.2 asks: nobody asks the customer twice.</summary>
public sealed class TimelineEntry
{
    public long Id { get; set; }
    public int ConversationId { get; set; }
    public string Kind { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string? Detail { get; set; }

    /// <summary>Set for fired rules: a unique key per rule firing, so a rule is recorded exactly once.</summary>
    public string? RuleKey { get; set; }
}
