// Temporary stand-ins until the classification and template helpers deliver.
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;

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

namespace AgentWorkspace.Features.Templates
{
    public static class TemplateMarkers
    {
        public const string MissingPrefix = "【待填写";
    }
}
