using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.Templates;

namespace AgentWorkspace.Tests.Features.Templates;

public sealed class TemplateRendererTests
{
    private static readonly TemplateParts Logistics = DefaultTemplateLibrary.Create().First(t => t.Scenario == TemplateScenario.Logistics).Parts;

    [Fact]
    public void Filled_variables_are_replaced_and_unfilled_ones_stay_visibly_marked()
    {
        var values = TemplateContextBuilder.Build("王芳", CustomerGender.Female, "小王", ["我的订单【230518001】怎么还没发货"]);

        var rendered = TemplateRenderer.Render(Logistics, values, agitated: false);

        Assert.StartsWith("您好，王女士！关于您订单【230518001】的物流问题", rendered.Text);
        Assert.Contains("【待填写:物流单号】", rendered.Text);
        Assert.Contains("【待填写:预计送达】", rendered.Text);
        Assert.Equal(["物流单号", "预计送达"], rendered.MissingVariables);
        Assert.Equal(2, rendered.Segments.Count(s => s.IsMissing));
        Assert.DoesNotContain("{{", rendered.Text);
    }

    [Fact]
    public void Agitated_customer_gets_the_empathy_opener_first_and_only_once()
    {
        var rendered = TemplateRenderer.Render(Logistics, new Dictionary<string, string>(), agitated: true);
        Assert.StartsWith(TemplateRenderer.AgitatedOpener, rendered.Text);
        Assert.Equal(1, CountOf(rendered.Text, "非常理解您的着急"));

        var apology = DefaultTemplateLibrary.Create().First(t => t.Scenario == TemplateScenario.Complaint).Parts;
        Assert.StartsWith("非常抱歉", TemplateRenderer.Render(apology, new Dictionary<string, string>(), agitated: true).Text);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
