using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;

namespace AgentWorkspace.Features.Templates;

/// <summary>What a template applies to; null means "any".</summary>
public interface ITemplateApplicability
{
    Category? Category { get; }
    Priority? Priority { get; }
    Channel? Channel { get; }
    string? Topic { get; }
}

/// <summary>Best template first for a conversation; templates that contradict it are left out.</summary>
public static class TemplateMatcher
{
    public static IEnumerable<T> Rank<T>(IEnumerable<T> candidates, Category category, Priority priority, Channel channel, string? topic)
        where T : ITemplateApplicability =>
        candidates
            .Select(t => (Template: t, Score: Score(t, category, priority, channel, topic)))
            .Where(x => x.Score >= 0)
            .OrderByDescending(x => x.Score)
            .Select(x => x.Template);

    /// <summary>-1 excludes. Category weighs most, then topic, priority, channel; "any" scores a little.</summary>
    public static int Score(ITemplateApplicability t, Category category, Priority priority, Channel channel, string? topic)
    {
        if ((t.Category is { } c && c != category) || (t.Channel is { } ch && ch != channel) || (t.Topic is { } tp && tp != topic))
        {
            return -1;
        }
        return (t.Category is null ? 1 : 16)
            + (t.Topic is null ? 0 : 8)
            + (t.Priority is null ? 1 : t.Priority == priority ? 4 : 0)
            + (t.Channel is null ? 0 : 2);
    }
}
