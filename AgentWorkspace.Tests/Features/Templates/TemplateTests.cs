using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.Templates;

namespace AgentWorkspace.Tests.Features.Templates;

public sealed class TemplateContextTests
{
    [Theory]
    [InlineData("我的订单【230518001】怎么还没发货", "230518001")]
    [InlineData("订单号：230520002 还没到", "230520002")]
    [InlineData("訂單編號:88776655", "88776655")]
    public void Order_number_is_recognised_in_the_seed_formats(string message, string expected) =>
        Assert.Equal(expected, TemplateContextBuilder.Build(null, CustomerGender.Unknown, null, [message])["订单号"]);

    [Theory]
    [InlineData("运单号SF1234567890一直没更新", "SF1234567890")]
    [InlineData("快递单号：yt9876543210", "YT9876543210")]
    [InlineData("JD0012345678 显示已签收", "JD0012345678")]
    public void Tracking_number_is_recognised(string message, string expected) =>
        Assert.Equal(expected, TemplateContextBuilder.Build(null, CustomerGender.Unknown, null, [message])["物流单号"]);

    [Theory]
    [InlineData("王芳", CustomerGender.Female, "王女士")]
    [InlineData("张伟", CustomerGender.Male, "张先生")]
    [InlineData("李娜", CustomerGender.Unknown, null)]
    [InlineData("欧阳明", CustomerGender.Male, "欧阳先生")]
    [InlineData("Tom", CustomerGender.Male, "Tom")]
    public void Salutation_uses_the_surname_with_xiansheng_or_nvshi(string name, CustomerGender gender, string? expected) =>
        Assert.Equal(expected, TemplateContextBuilder.Salutation(name, gender));

    [Fact]
    public void The_latest_mention_of_an_order_wins()
    {
        var values = TemplateContextBuilder.Build("王芳", CustomerGender.Female, "小王", ["订单【111111】", "不好意思，是订单【222222】"]);
        Assert.Equal("222222", values["订单号"]);
        Assert.Equal("小王", values["客服姓名"]);
    }
}

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

public sealed class ReplyDraftTests
{
    private static TemplateSuggestion Suggestion(string text) =>
        new(1, 42, 3, "物流查询", TemplateScenario.Logistics, new RenderedTemplate(text, [], []));

    [Fact]
    public void Inserting_a_template_records_its_version_and_unfilled_markers_block_sending()
    {
        var draft = new AgentWorkspace.Features.Queue.ReplyDraft(ForbiddenPhrases.Defaults);
        draft.InsertTemplate(Suggestion("您好！物流单号：【待填写:物流单号】"));

        Assert.Equal(42, draft.TemplateVersionId);
        Assert.True(draft.HasUnfilledVariables);
        Assert.False(draft.CanSend);

        draft.Text = "您好！物流单号：SF1234567890";
        Assert.True(draft.CanSend);
        Assert.Equal(42, draft.TemplateVersionId);
    }

    [Fact]
    public void Forbidden_phrase_in_the_reply_box_is_flagged_and_blocks_sending()
    {
        var draft = new AgentWorkspace.Features.Queue.ReplyDraft(ForbiddenPhrases.Defaults) { Text = "这个问题我们已经回答过了，请看上面" };
        Assert.Equal(["这个问题我们已经回答过了"], draft.Violations);
        Assert.False(draft.CanSend);
    }

    [Fact]
    public void Clarifying_question_goes_below_what_is_typed()
    {
        var draft = new AgentWorkspace.Features.Queue.ReplyDraft([]) { Text = "您好，" };
        draft.InsertQuestion("您是指无法登录，还是收不到验证码?");
        Assert.Equal("您好，\n您是指无法登录，还是收不到验证码?", draft.Text);
    }
}
