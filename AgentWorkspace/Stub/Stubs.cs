// Temporary stand-ins until the classification and template helpers deliver.
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Features.Classification
{
    public enum KeywordKind { Category, Topic, Priority, Agitation, Ambiguity, Suggestion, Collaboration }
    public sealed class KeywordEntry
    {
        public int Id { get; set; }
        public string Keyword { get; set; } = "";
        public KeywordKind Kind { get; set; }
        public Category? Category { get; set; }
        public string? Topic { get; set; }
        public Priority? Priority { get; set; }
        public string? ClarifyingQuestions { get; set; }
        public int Weight { get; set; } = 1;
    }
    public sealed record ClassificationResult(Category Category, string? Topic, Priority Priority, IReadOnlyList<string> MatchedKeywords, bool Ambiguous, IReadOnlyList<string> ClarifyingQuestions, bool NeedsCollaboration, bool Agitated);
    public sealed class Classifier
    {
        public static Classifier Build(IEnumerable<KeywordEntry> rows) => new();
        public ClassificationResult Classify(string text, Channel channel) => new(Category.Unclassified, null, Priority.Medium, [], false, [], true, false);
    }
    public sealed class KeywordTable
    {
        public Classifier Current { get; private set; } = new();
        public void Replace(IEnumerable<KeywordEntry> rows) => Current = Classifier.Build(rows);
    }
    public static class KeywordTableDefaults
    {
        public static IReadOnlyList<KeywordEntry> Create() => [];
    }
}

namespace AgentWorkspace.Features.Templates
{
    using AgentWorkspace.Features.Classification;
    public enum TemplateScenario { General, Logistics, Refund, Complaint, TechnicalSupport, Suggestion, Membership, Payment, Coupon }
    public sealed record TemplateParts(string Empathy, string Confirmation, string Solution, string FollowUp);
    public interface ITemplateApplicability
    {
        Category? Category { get; }
        Priority? Priority { get; }
        Channel? Channel { get; }
        string? Topic { get; }
    }
    public sealed record TemplateDraft(string Name, TemplateScenario Scenario, Category? Category, Priority? Priority, Channel? Channel, string? Topic, TemplateParts Parts);
    public static class DefaultTemplateLibrary
    {
        public static IReadOnlyList<TemplateDraft> Create() => [];
    }
    public static class ForbiddenPhrases
    {
        public static IReadOnlyList<string> Defaults => [];
    }
    public enum CustomerGender { Unknown, Male, Female }
    public sealed record RenderedTemplate(string Text, IReadOnlyList<string> MissingVariables);
    public static class TemplateRenderer
    {
        public static RenderedTemplate Render(TemplateParts parts, IReadOnlyDictionary<string, string> values, bool agitated) => new(parts.Empathy + parts.Confirmation + parts.Solution + parts.FollowUp, []);
    }
    public static class TemplateContextBuilder
    {
        public static IReadOnlyDictionary<string, string> Build(string? customerName, CustomerGender gender, string? agentName, IEnumerable<string> customerMessages, string? eta = null) => new Dictionary<string, string>();
    }
    public static class TemplateMatcher
    {
        public static IEnumerable<T> Rank<T>(IEnumerable<T> candidates, Category category, Priority priority, Channel channel, string? topic) where T : ITemplateApplicability => candidates;
    }
    public sealed record ForbiddenPhraseMatch(string Phrase, int Index);
    public static class ForbiddenPhraseChecker
    {
        public static IReadOnlyList<ForbiddenPhraseMatch> Find(string text, IEnumerable<string> phrases) => [.. phrases.Where(p => text.Contains(p)).Select(p => new ForbiddenPhraseMatch(p, text.IndexOf(p)))];
    }
}

namespace AgentWorkspace.Features.Classification
{
    public static class ScriptFolding
    {
        public static string Fold(string s) => s.ToLowerInvariant();
    }
}

namespace AgentWorkspace.Features.Templates
{
    public static class TemplateMarkers
    {
        public const string MissingPrefix = "【待填写";
    }
}
