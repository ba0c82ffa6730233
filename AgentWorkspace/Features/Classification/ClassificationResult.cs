using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Features.Classification;

/// <summary>The hint shown to the agent and returned by the API (property names are a public contract).</summary>
public sealed record ClassificationResult(
    Category Category,
    string? Topic,
    Priority Priority,
    IReadOnlyList<string> MatchedKeywords,
    bool Ambiguous,
    IReadOnlyList<string> ClarifyingQuestions,
    bool NeedsCollaboration,
    bool Agitated);
