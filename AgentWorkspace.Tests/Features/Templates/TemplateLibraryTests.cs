using System.Net;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.Templates;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Templates;

public sealed class TemplateLibraryTests(WorkspaceApp app) : IClassFixture<WorkspaceApp>
{
    private TemplateLibrary Library => app.Get<TemplateLibrary>();

    private static TemplateForm Form(string solution, string name = "测试模板") => new()
    {
        Name = name,
        Scenario = TemplateScenario.Refund,
        Category = Category.Consultation,
        Priority = Priority.Medium,
        Topic = "refund",
        Empathy = "您好，{{客户称呼}}！",
        Confirmation = "您订单【{{订单号}}】的退款已收到。",
        Solution = solution,
        FollowUp = "有问题随时找我。",
    };

    [Fact]
    public async Task Every_save_is_a_new_version_and_restore_brings_old_wording_back_as_the_newest()
    {
        var created = await Library.SaveAsync(null, Form("1-3个工作日原路退回。"), "lead");
        var edited = await Library.SaveAsync(created.TemplateId, Form("24小时内原路退回。"), "lead");
        Assert.Equal((1, 2), (created.VersionNumber, edited.VersionNumber));

        var restored = await Library.RestoreAsync(created.TemplateId!.Value, 1, "lead");

        Assert.Equal(3, restored.VersionNumber);
        var (template, versions) = (await Library.GetAsync(created.TemplateId.Value))!.Value;
        Assert.Equal(3, template.CurrentVersionNumber);
        Assert.Equal(["1-3个工作日原路退回。", "24小时内原路退回。", "1-3个工作日原路退回。"], versions.OrderBy(v => v.Number).Select(v => v.Solution));
        Assert.All(versions, v => Assert.Equal("lead", v.CreatedBy));
        await using var db = app.Db();
        Assert.Equal(3, await db.Audit.CountAsync(a => a.Subject == "测试模板" && a.Actor == "lead"));
    }

    [Fact]
    public async Task Invalid_template_saves_nothing()
    {
        await using var db = app.Db();
        var before = await db.TemplateVersions.CountAsync();

        var result = await Library.SaveAsync(null, Form("这个问题我们已经回答过了 {{不存在}}"), "lead");

        Assert.False(result.Saved);
        Assert.Contains(result.Errors, e => e.Code == TemplateErrorCode.ForbiddenPhrase);
        Assert.Contains(result.Errors, e => e.Code == TemplateErrorCode.UnknownVariable);
        Assert.Equal(before, await db.TemplateVersions.CountAsync());
        Assert.Equal("template-name-required", (await Library.SaveAsync(null, new TemplateForm { Empathy = "a", Confirmation = "b", Solution = "c", FollowUp = "d" }, "lead")).NameError);
    }

    [Fact]
    public async Task Agents_get_the_latest_version_and_a_retired_template_is_no_longer_suggested()
    {
        var posted = await app.PostMessageAsync("退款流程是什么？订单【555666777】", channel: "Email", customerId: "lib-suggest");
        var details = (await app.Get<ConversationQueries>().DetailsAsync(posted.ConversationId))!;
        var refund = (await app.Get<TemplateCatalog>().SuggestAsync(details, "小王")).First(s => s.Name == "退款流程说明");
        await Library.SaveAsync(refund.TemplateId, Form("【新措辞】审核通过后立即原路退回。", "退款流程说明"), "lead");

        var after = await app.Get<TemplateCatalog>().SuggestAsync(details, "小王");
        var newest = after.First(s => s.TemplateId == refund.TemplateId);
        Assert.Contains("【新措辞】", newest.Rendered.Text);
        Assert.Contains("555666777", newest.Rendered.Text);

        await Library.SetRetiredAsync(refund.TemplateId, true, "lead");
        Assert.DoesNotContain(await app.Get<TemplateCatalog>().SuggestAsync(details, "小王"), s => s.TemplateId == refund.TemplateId);
        Assert.Contains(await Library.ListAsync(new TemplateFilter { Retired = true }), r => r.Id == refund.TemplateId);
    }

    [Fact]
    public async Task Effectiveness_counts_uses_first_contact_resolution_satisfaction_and_median_time_to_resolve()
    {
        var created = await Library.SaveAsync(null, Form("效果测试。", "效果测试模板"), "lead");
        var version = (await Library.GetAsync(created.TemplateId!.Value))!.Value.Versions[0].Id;
        var service = app.Get<ConversationService>();
        var escalations = app.Get<RuleRunner>();
        var answers = new[] { SatisfactionAnswer.Satisfied, SatisfactionAnswer.Satisfied, SatisfactionAnswer.Unresolved };
        var minutesToResolve = new[] { 50, 10, 20 };
        foreach (var (answer, i) in answers.Select((a, i) => (a, i)))
        {
            var posted = await app.PostMessageAsync("退款多久到账", channel: "Email", customerId: $"eff-{i}");
            await service.ReplyAsync(posted.ConversationId, "agent1", null, "您好，退款1-3个工作日到账。", version);
            await service.ResolveAsync(posted.ConversationId, "agent1");
            await using (var db = app.Db())
            {
                // Stand in for the 3-minute delay: the check is due now.
                await db.Conversations.Where(c => c.Id == posted.ConversationId).ExecuteUpdateAsync(s => s.SetProperty(c => c.SatisfactionCheckDueAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
            }
            await escalations.FireIfDueAsync(RuleKind.SatisfactionCheck, posted.ConversationId);
            Assert.Equal(ActionKind.Done, (await app.Get<ConversationService>().AnswerSatisfactionAsync(posted.ConversationId, answer)).Kind);
            await using (var db = app.Db())
            {
                var resolvedAt = await db.Conversations.Where(c => c.Id == posted.ConversationId).Select(c => c.ResolvedAt!.Value).SingleAsync();
                var createdAt = resolvedAt - TimeSpan.FromMinutes(minutesToResolve[i]);
                await db.Conversations.Where(c => c.Id == posted.ConversationId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, createdAt));
            }
        }

        var row = (await Library.ListAsync(new TemplateFilter { Search = "效果测试模板" })).Single();

        Assert.Equal(3, row.Effectiveness.TimesUsed);
        Assert.Equal(2 / 3.0, row.Effectiveness.SatisfiedShare!.Value, 3);
        Assert.Equal(2 / 3.0, row.Effectiveness.FirstContactResolution!.Value, 3);
        Assert.Equal(TimeSpan.FromMinutes(20), row.Effectiveness.MedianTimeToResolve);
    }

    [Theory]
    [InlineData("/templates/new")]
    [InlineData("/templates/1")]
    [InlineData("/settings/keywords")]
    public async Task Agent_cannot_open_the_editors(string path)
    {
        using var agent = await app.SignInAsync("agent1");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(path)).StatusCode);
        using var lead = await app.SignInAsync("lead");
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Agent_reads_the_library()
    {
        using var agent = await app.SignInAsync("agent1");
        var html = await agent.GetStringAsync("/templates");
        Assert.Contains("data-testid=\"template-row\"", html);
        Assert.DoesNotContain("data-testid=\"template-new\"", html);
    }
}
