using System.ComponentModel.DataAnnotations;

namespace AgentWorkspace.Features.Conversations;

/// <summary>Bound from <c>Workspace:Ingest</c>: how long a message's text may be.</summary>
public sealed class IngestOptions
{
    [Range(1, MessageText.MaxLength)]
    public int MaxTextLength { get; set; } = MessageText.MaxLength;
}
