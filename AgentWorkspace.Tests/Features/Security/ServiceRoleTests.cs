using AgentWorkspace.Features;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Security;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.Templates;
using AgentWorkspace.Features.WeeklyReport;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Security;

/// <summary>The services that change templates, keywords, the SLA table and reports check the caller's role themselves.</summary>
public sealed class ServiceRoleTests(WorkspaceApp app) : IClassFixture<WorkspaceApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TemplateForm Form(string name) => new()
    {
        Name = name,
        Scenario = TemplateScenario.Refund,
        Category = AgentWorkspace.Features.Category.Consultation,
        Priority = Priority.Medium,
        Topic = "refund",
        Empathy = "您好，{{客户称呼}}！",
        Confirmation = "您的退款申请已收到。",
        Solution = "1-3个工作日原路退回。",
        FollowUp = "有问题随时找我。",
    };

    private async Task<string> SnapshotAsync()
    {
        await using var db = app.Db();
        var sla = string.Join(",", await db.SlaPolicy.OrderBy(r => r.Id).Select(r => r.FirstResponse.Ticks).ToListAsync(Ct));
        return $"{sla}|{await db.Keywords.CountAsync(Ct)}|{await db.Templates.CountAsync(Ct)}|{await db.TemplateVersions.CountAsync(Ct)}|{await db.ForbiddenPhrases.CountAsync(Ct)}|{await db.WeeklyReports.CountAsync(Ct)}|{await db.Audit.CountAsync(Ct)}";
    }

    [Theory]
    [InlineData("agent1", "Agent")]
    [InlineData("wangjie", "SeniorAgent")]
    [InlineData("lijie", "Supervisor")]
    [InlineData("nobody", null)]
    public async Task Only_a_team_lead_changes_the_sla_table_keywords_and_templates(string user, string? role)
    {
        var sla = app.Get<SlaPolicyEditor>();
        var keywords = app.Get<KeywordTableEditor>();
        var library = app.Get<TemplateLibrary>();
        var cells = await sla.LoadAsync(Ct);
        cells.ForEach(c => c.FirstResponseMinutes += 1);
        var rows = await keywords.LoadAsync(Ct);
        rows.RemoveAt(0);
        var before = await SnapshotAsync();

        using (role is null ? WorkspaceCaller.As(WorkspaceCaller.Nobody) : Callers.As(user, role))
        {
            await Assert.ThrowsAsync<RoleRequiredException>(() => sla.SaveAsync(cells, user, Ct));
            await Assert.ThrowsAsync<RoleRequiredException>(() => keywords.SaveAsync(rows, user, Ct));
            await Assert.ThrowsAsync<RoleRequiredException>(() => library.SaveAsync(null, Form("越权模板"), user, Ct));
            await Assert.ThrowsAsync<RoleRequiredException>(() => library.SaveForbiddenPhrasesAsync(["随便"], user, Ct));
            await Assert.ThrowsAsync<RoleRequiredException>(() => library.SetRetiredAsync(1, true, user, Ct));
            await Assert.ThrowsAsync<RoleRequiredException>(() => library.RestoreAsync(1, 1, user, Ct));
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Weekly_reports_are_compiled_by_supervisors_and_leads_only()
    {
        var builder = app.Get<WeeklyReportBuilder>();
        var week = builder.WeekStartOf(app.Get<TeamClock>().Now);
        using (Callers.As("agent1", "Agent"))
        {
            await Assert.ThrowsAsync<RoleRequiredException>(() => builder.CompileAsync(week, "agent1", Ct));
        }
        using (Callers.As("lijie", "Supervisor"))
        {
            var record = await builder.CompileAsync(week, "lijie", Ct);
            Assert.Equal("lijie", record.GeneratedBy);
        }
    }

    [Fact]
    public async Task A_team_lead_still_saves()
    {
        using var lead = Callers.As("lead", "TeamLead");
        var result = await app.Get<TemplateLibrary>().SaveAsync(null, Form("组长的模板"), "lead", Ct);
        Assert.True(result.Saved);
    }
}
