namespace AgentWorkspace.Features.Conversations;

/// <summary>A notice for a person (李姐 on an escalation, 王姐 on second handling, an owner's update reminder).</summary>
public sealed class Notification
{
    public int Id { get; set; }
    public string Recipient { get; set; } = "";
    public string Kind { get; set; } = "";
    public int? ConversationId { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the recipient read it (opened it, or marked all read); null while unread.</summary>
    public DateTimeOffset? ReadAt { get; set; }
}
