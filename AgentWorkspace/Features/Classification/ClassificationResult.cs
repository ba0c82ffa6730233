
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
    bool Agitated,
    IReadOnlyList<ClassificationReason> Reasons);

/// <summary>
/// Why one field of the hint has its value: <see cref="Source"/> is <c>keyword</c>, <c>rule</c> (a
/// combination rule), <c>negated</c> (a rule that matched but was cancelled), <c>form</c> (the text's form:
/// !!, ？？, 。。。, capitals), <c>category</c> (follows from the category), <c>vip</c> (customer value) or
/// <c>default</c>; <see cref="Evidence"/> is the word, the rule or the text that decided it.
/// </summary>
public sealed record ClassificationReason(string Field, string Value, string Source, string? Evidence);

/// <summary>Stores <see cref="ClassificationResult.Reasons"/> on the conversation row.</summary>
public static class ClassificationReasons
{
    public static string Write(IReadOnlyList<ClassificationReason> reasons) =>
        reasons.Count == 0 ? "" : System.Text.Json.JsonSerializer.Serialize(reasons);

    public static IReadOnlyList<ClassificationReason> Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<List<ClassificationReason>>(json) ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }
}
