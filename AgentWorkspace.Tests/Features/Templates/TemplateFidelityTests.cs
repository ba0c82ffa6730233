using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Queue;
using AgentWorkspace.Features.Templates;

namespace AgentWorkspace.Tests.Features.Templates;

/// <summary>Issue #12: greeting by salutation, optional compensation, no promises a frontline agent may not make, brand voice.</summary>
public sealed class TemplateFidelityTests
{
    private static readonly List<TemplateDraft> Library = DefaultTemplateLibrary.Create();

    private static TemplateParts Parts(string name) => Library.Single(t => t.Name == name).Parts;

    private static RenderedTemplate Render(string name, string? salutation, string? compensation = null)
    {
        var values = TemplateContextBuilder.Build("王芳", TemplateContextBuilder.GenderOf(salutation), "小李", ["订单【230518001】运单号SF1234567890"], eta: "明日18:00前", issue: "发货延迟");
        if (compensation is not null)
        {
            values[TemplateVariables.Compensation.Key] = compensation;
        }
        values[TemplateVariables.Deadline.Key] = "24小时";
        return TemplateRenderer.Render(Parts(name), values, agitated: false);
    }

    [Theory]
    [InlineData(Salutations.Mr, "您好，王先生！")]
    [InlineData(Salutations.Ms, "您好，王女士！")]
    [InlineData(null, "您好！")]
    public void The_greeting_uses_the_salutation_or_a_neutral_ninhao(string? salutation, string opening)
    {
        var text = Render("物流查询（表3示例）", salutation).Text;
        Assert.StartsWith(opening, text);
        Assert.DoesNotContain("先生/女士", text);
        Assert.DoesNotContain(TemplateMarkers.MissingPrefix, text);
    }

    [Fact]
    public void A_template_that_opens_with_the_salutation_drops_it_with_its_comma()
    {
        var text = TemplateRenderer.Render(new TemplateParts("{{客户称呼}}，非常抱歉！", "已确认。", "马上处理。", "稍后联系您。"), new Dictionary<string, string>(), agitated: false).Text;
        Assert.StartsWith("非常抱歉！", text);
    }

    [Fact]
    public void Compensation_is_optional_and_leaving_it_out_does_not_block_send()
    {
        var without = Render("投诉致歉（表3示例）", Salutations.Ms);
        Assert.DoesNotContain("补偿", without.Text);
        Assert.Empty(without.MissingVariables);
        var draft = new ReplyDraft([]);
        draft.Text = without.Text;
        Assert.True(draft.CanSend);

        var with = Render("投诉致歉（表3示例）", Salutations.Ms, compensation: "20元优惠券");
        Assert.Contains("申请20元优惠券作为补偿", with.Text);
        Assert.True(TemplatePartLabels.IsRequired(TemplateScenario.Complaint, TemplatePart.Solution));
        Assert.False(TemplatePartLabels.IsRequired(TemplateScenario.Complaint, TemplatePart.FollowUp));
    }

    [Fact]
    public void Default_templates_promise_nothing_a_frontline_agent_may_not_decide()
    {
        // Seed 001: financial compensation and liability go up; times are variables the agent fills.
        string[] promises = ["并补偿", "全额", "负责到底", "补发到账", "不会受影响", "今日处理完毕", "1小时内", "3个工作日内到账", "一周内"];
        foreach (var t in Library)
        {
            var text = string.Concat(t.Parts.Empathy, t.Parts.Confirmation, t.Parts.Solution, t.Parts.FollowUp);
            Assert.DoesNotContain(promises, p => text.Contains(p, StringComparison.Ordinal));
            if (text.Contains("补偿", StringComparison.Ordinal))
            {
                Assert.Contains("申请{{补偿方案}}", text);
            }
        }
    }

    [Theory]
    [InlineData(Channel.Phone, "非常感谢您联系我们，您的反馈对我们非常重要。")]
    [InlineData(Channel.Email, "非常感谢您联系我们，您的反馈对我们非常重要。")]
    [InlineData(Channel.Social, "您好！非常感谢您的参与，我们正在关注您提到的问题。")]
    public void Seed_001s_brand_voice_lines_are_in_the_library_for_their_channels(Channel channel, string line)
    {
        var template = Assert.Single(Library, t => t.Channel == channel);
        Assert.StartsWith(line, template.Parts.Empathy);
        // And they only apply on their own channel.
        Assert.Equal(-1, TemplateMatcher.Score(new Applicability(template), AgentWorkspace.Features.Category.Consultation, AgentWorkspace.Features.Priority.Medium, Channel.Chat, null));
    }

    private sealed record Applicability(TemplateDraft Draft) : ITemplateApplicability
    {
        public AgentWorkspace.Features.Category? Category => Draft.Category;
        public AgentWorkspace.Features.Priority? Priority => Draft.Priority;
        public Channel? Channel => Draft.Channel;
        public string? Topic => Draft.Topic;
    }
}
