using AgentWorkspace.Features.Classification;

namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// The compact row a queue or wall board needs; never the whole thread. Also the hub's
/// <c>ConversationChanged</c> and <c>ClassificationConfirmed</c> payload and the API's answer to a
/// satisfaction answer: each property is a JSON field (camelCase) that connectors parse, so a name
/// here is a contract (see the README's "Hub contract" table and <c>ContractJsonTests</c>).
/// </summary>
public sealed record ConversationSummary
{
    /// <summary>The conversation's id (<c>/api/conversations/{id}</c>).</summary>
    public required int Id { get; init; }

    /// <summary>The customer's id in their channel, as a connector posted it (<c>customerId</c> on ingest).</summary>
    public required string CustomerExternalId { get; init; }

    public string? CustomerName { get; init; }
    public required Channel Channel { get; init; }

    /// <summary>The first line of the latest customer message.</summary>
    public required string Preview { get; init; }

    public required ConversationStatus Status { get; init; }
    public required Category Category { get; init; }
    public string? Topic { get; init; }
    public required Priority Priority { get; init; }
    public IReadOnlyList<string> MatchedKeywords { get; init; } = [];
    public bool Ambiguous { get; init; }
    public bool NeedsCollaboration { get; init; }
    public bool Agitated { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When staff (or the auto-accept) confirmed the classification; null while it is a guess.</summary>
    public DateTimeOffset? ClassifiedAt { get; init; }

    public bool ClassificationAutoAccepted { get; init; }
    public DateTimeOffset? FirstResponseDueAt { get; init; }
    public DateTimeOffset? FirstRespondedAt { get; init; }
    public required DateTimeOffset LastCustomerMessageAt { get; init; }
    public string? AssigneeUserName { get; init; }
    public DateTimeOffset? EscalatedAt { get; init; }
    public string? EscalatedTo { get; init; }
    public string? SecondHandlingOwner { get; init; }
    public DateTimeOffset? SecondHandlingDueAt { get; init; }

    /// <summary>The concurrency version: a listener keeps the highest it has seen.</summary>
    public required long Version { get; init; }

    public DateTimeOffset? ReviewRequestedAt { get; init; }
    public DateTimeOffset? ResolutionDueAt { get; init; }
    public IReadOnlyList<ClassificationReason>? Reasons { get; init; }

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

    /// <summary>The one place a summary is built from a stored conversation (its customer loaded).</summary>
    public static ConversationSummary From(Conversation c) => new()
    {
        Id = c.Id,
        CustomerExternalId = c.Customer.ExternalId,
        CustomerName = c.Customer.Name,
        Channel = c.Channel,
        Preview = c.Preview,
        Status = c.Status,
        Category = c.Category,
        Topic = c.Topic,
        Priority = c.Priority,
        MatchedKeywords = SplitList(c.MatchedKeywords),
        Ambiguous = c.Ambiguous,
        NeedsCollaboration = c.NeedsCollaboration,
        Agitated = c.Agitated,
        CreatedAt = c.CreatedAt,
        ClassifiedAt = c.ClassifiedAt,
        ClassificationAutoAccepted = c.ClassificationAutoAccepted,
        FirstResponseDueAt = c.FirstResponseDueAt,
        FirstRespondedAt = c.FirstRespondedAt,
        LastCustomerMessageAt = c.LastCustomerMessageAt,
        AssigneeUserName = c.AssigneeUserName,
        EscalatedAt = c.EscalatedAt,
        EscalatedTo = c.EscalatedTo,
        SecondHandlingOwner = c.SecondHandlingOwner,
        SecondHandlingDueAt = c.SecondHandlingDueAt,
        Version = c.Version,
        ReviewRequestedAt = c.ReviewRequestedAt,
        ResolutionDueAt = c.ResolutionDueAt,
        Reasons = ClassificationReasons.Read(c.ClassificationReasons),
    };

    internal static IReadOnlyList<string> SplitList(string joined) =>
        string.IsNullOrEmpty(joined) ? [] : joined.Split('\n');
}
