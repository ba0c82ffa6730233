using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.Templates;

namespace AgentWorkspace.Tests.Features.Queue;

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
