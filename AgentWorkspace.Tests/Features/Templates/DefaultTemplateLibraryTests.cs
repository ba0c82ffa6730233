using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.Templates;

namespace AgentWorkspace.Tests.Features.Templates;

public sealed class DefaultTemplateLibraryTests
{
    [Fact]
    public void Every_default_template_validates_cleanly()
    {
        foreach (var t in DefaultTemplateLibrary.Create())
        {
            Assert.True(TemplateValidator.Validate(t.Parts, t.Scenario, ForbiddenPhrases.Defaults).Count == 0, t.Name);
        }
    }

    [Fact]
    public void Every_category_and_priority_has_a_template_of_its_own()
    {
        var library = DefaultTemplateLibrary.Create();
        foreach (var category in Enum.GetValues<Category>().Where(c => c != Category.Unclassified))
        {
            foreach (var priority in Enum.GetValues<Priority>())
            {
                Assert.Contains(library, t => t.Category == category && t.Priority == priority);
            }
        }
        Assert.Equal(4, library.Count(t => t.Name.Contains("表3示例")));
    }
}
