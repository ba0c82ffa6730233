
namespace AgentWorkspace.Features.Classification;

/// <summary>What a keyword row does when it fires.</summary>
public enum KeywordKind
{
    /// <summary>Adds its weight to <see cref="KeywordEntry.Category"/> (表1 typical keywords).</summary>
    Category,

    /// <summary>Names the topic (物流, 退款 …) and adds to its category.</summary>
    Topic,

    /// <summary>Raises the priority to at least <see cref="KeywordEntry.Priority"/> (表2 criteria).</summary>
    Priority,

    /// <summary>The customer is agitated: the reply opens with empathy.</summary>
    Agitation,

    /// <summary>Ambiguous wording: offer the row's clarifying questions.</summary>
    Ambiguity,

    /// <summary>A suggestion: wins over the topic words it mentions; low priority.</summary>
    Suggestion,

    /// <summary>Complex or cross-department: mark 待协同 for the supervisor.</summary>
    Collaboration,

    /// <summary>
    /// A combination rule: <see cref="KeywordEntry.Keyword"/> holds term sets written
    /// <c>支付失败|扣款 + 订单取消|被取消</c> ("+" between sets, "|" between alternatives). It fires when one
    /// term of every set occurs within <see cref="KeywordEntry.Window"/> characters, in any order, and no
    /// term of <see cref="KeywordEntry.Negations"/> is nearby; then it adds its category, topic and priority.
    /// </summary>
    Combination,
}

/// <summary>One row of the keyword table a team lead edits. Keywords are written in Simplified script.</summary>
public sealed class KeywordEntry
{
    public int Id { get; set; }
    public string Keyword { get; set; } = "";
    public KeywordKind Kind { get; set; }
    public Category? Category { get; set; }
    public string? Topic { get; set; }
    public Priority? Priority { get; set; }

    /// <summary>For <see cref="KeywordKind.Ambiguity"/> rows: ready-to-send questions, one per line.</summary>
    public string? ClarifyingQuestions { get; set; }

    public int Weight { get; set; } = 1;

    /// <summary>For <see cref="KeywordKind.Combination"/> rows: the largest span, in characters, that may hold all the sets' terms.</summary>
    public int? Window { get; set; }

    /// <summary>For <see cref="KeywordKind.Combination"/> rows: terms ("|" between them) that cancel the rule when found near its span.</summary>
    public string? Negations { get; set; }
}
