namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// One message as pages, the API (<c>messages</c> of <c>/api/conversations/{id}</c>) and the hub's
/// <c>MessageAppended</c> show it. Property names are JSON contracts (see the README's "Hub contract").
/// </summary>
public sealed record MessageView
{
    public required long Id { get; init; }
    public required int ConversationId { get; init; }

    /// <summary>Who wrote it: Customer, Agent, System, or Note (staff only, never sent to connectors).</summary>
    public required AuthorKind AuthorKind { get; init; }

    public string? AuthorName { get; init; }
    public required string Text { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The conversation's channel, so a connector routes a reply without asking for the conversation.</summary>
    public Channel? Channel { get; init; }

    /// <summary>The customer's id in that channel (the <c>customerId</c> a connector posted).</summary>
    public string? CustomerId { get; init; }

    /// <summary>The message's kind (customer, agent, system, note): <see cref="AuthorKind"/> in lower case.</summary>
    public string Kind => AuthorKind.ToString().ToLowerInvariant();

    /// <summary>
    /// The one place a view is built from a stored message; <paramref name="conversation"/> (its customer
    /// loaded) names the channel and customer, else the message's own loaded conversation does.
    /// </summary>
    public static MessageView From(Message m, Conversation? conversation = null)
    {
        var c = conversation ?? m.Conversation;
        return new()
        {
            Id = m.Id,
            ConversationId = m.ConversationId,
            AuthorKind = m.AuthorKind,
            AuthorName = m.AuthorName,
            Text = m.Text,
            CreatedAt = m.CreatedAt,
            Channel = c?.Channel,
            CustomerId = c?.Customer?.ExternalId,
        };
    }
}
