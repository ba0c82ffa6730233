using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Features.Templates;

/// <summary>A template's identity and applicability; its wording lives in versions.</summary>
public sealed class ResponseTemplate : ITemplateApplicability
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public TemplateScenario Scenario { get; set; }
    public Category? Category { get; set; }
    public Priority? Priority { get; set; }
    public Channel? Channel { get; set; }
    public string? Topic { get; set; }
    public bool IsRetired { get; set; }
    public int CurrentVersionNumber { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<TemplateVersion> Versions { get; set; } = [];
}

/// <summary>Every save is a new version; agents always get the newest of an active template.</summary>
public sealed class TemplateVersion
{
    public int Id { get; set; }
    public int TemplateId { get; set; }
    public ResponseTemplate Template { get; set; } = null!;
    public int Number { get; set; }
    public string Empathy { get; set; } = "";
    public string Confirmation { get; set; } = "";
    public string Solution { get; set; } = "";
    public string FollowUp { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    public TemplateParts Parts => new(Empathy, Confirmation, Solution, FollowUp);
}

/// <summary>Records which template version went into which conversation (seed 002 effect tracking).</summary>
public sealed class TemplateUsage
{
    public long Id { get; set; }
    public int TemplateId { get; set; }
    public int TemplateVersionId { get; set; }
    public int ConversationId { get; set; }
    public string UsedBy { get; set; } = "";
    public DateTimeOffset UsedAt { get; set; }
}

public sealed class ForbiddenPhrase
{
    public int Id { get; set; }
    public string Phrase { get; set; } = "";
}
