using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.Templates;

namespace AgentWorkspace.Tests.Features.Templates;

public sealed class TemplateValidatorTests
{
    [Fact]
    public void Unknown_variable_empty_part_forbidden_phrase_and_broken_braces_are_reported()
    {
        var parts = new TemplateParts("您好，{{客户称呼}}！", "", "{{订单编号}} 这个问题我们已经回答过了", "跟进 {{订单号");

        var errors = TemplateValidator.Validate(parts, TemplateScenario.General, ForbiddenPhrases.Defaults);

        Assert.Contains(errors, e => e.Code == TemplateErrorCode.EmptyRequiredPart && e.Part == TemplatePart.Confirmation);
        Assert.Contains(errors, e => e.Code == TemplateErrorCode.UnknownVariable && e.Message.Contains("{{订单编号}}"));
        Assert.Contains(errors, e => e.Code == TemplateErrorCode.ForbiddenPhrase && e.Part == TemplatePart.Solution);
        Assert.Contains(errors, e => e.Code == TemplateErrorCode.UnbalancedPlaceholder && e.Part == TemplatePart.FollowUp);
        Assert.DoesNotContain(errors, e => e.Part == TemplatePart.Empathy);
    }

    [Fact]
    public void Complaint_compensation_is_optional()
    {
        var parts = new TemplateParts("非常抱歉！", "已记录。", "加急处理。", "");
        Assert.Empty(TemplateValidator.Validate(parts, TemplateScenario.Complaint, []));
        Assert.Single(TemplateValidator.Validate(parts, TemplateScenario.Logistics, []));
    }

    [Fact]
    public void Forbidden_phrase_is_found_in_traditional_script_too()
    {
        var found = ForbiddenPhraseChecker.Find("親，這個問題我們已經回答過了", ForbiddenPhrases.Defaults);
        Assert.Equal("这个问题我们已经回答过了", Assert.Single(found).Phrase);
        Assert.Equal(2, found[0].Index);
    }
}
