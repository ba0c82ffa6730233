using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.Templates;

namespace AgentWorkspace.Tests.Features.Templates;

public sealed class TemplateMatcherTests
{
    private sealed record T(string Name, Category? Category, Priority? Priority, Channel? Channel, string? Topic) : ITemplateApplicability;

    [Fact]
    public void Exact_category_topic_and_priority_rank_first_and_contradicting_templates_are_left_out()
    {
        T[] candidates =
        [
            new("general", null, null, null, null),
            new("consult-any", Category.Consultation, null, null, null),
            new("logistics-medium", Category.Consultation, Priority.Medium, null, "logistics"),
            new("refund", Category.Consultation, Priority.Medium, null, "refund"),
            new("complaint", Category.Complaint, Priority.High, null, null),
            new("email-only", Category.Consultation, null, Channel.Email, null),
        ];

        var ranked = TemplateMatcher.Rank(candidates, Category.Consultation, Priority.Medium, Channel.Chat, "logistics").Select(t => t.Name).ToList();

        Assert.Equal(["logistics-medium", "consult-any", "general"], ranked);
    }
}
