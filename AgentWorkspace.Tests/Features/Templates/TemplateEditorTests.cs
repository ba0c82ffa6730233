using AgentWorkspace.Features;
using AgentWorkspace.Features.Templates;
using AgentWorkspace.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AgentWorkspace.Tests.Features.Templates;

/// <summary>The editor page over the real library and database, as the team lead uses it.</summary>
public sealed class TemplateEditorTests : ComponentTest, IClassFixture<WorkspaceApp>
{
    private readonly WorkspaceApp _app;

    public TemplateEditorTests(WorkspaceApp app)
    {
        _app = app;
        Services.AddSingleton(app.Get<TemplateLibrary>());
        Services.AddSingleton(app.Get<TeamClock>());
        AddAuthorization().SetAuthorized("lead").SetRoles("TeamLead");
    }

    [Fact]
    public void Invalid_parts_show_inline_errors_and_save_stays_disabled()
    {
        var cut = RenderInteractive<TemplateEditorPage>();
        cut.Find("[data-testid=template-name]").Input("新模板");
        cut.Find("[data-testid=template-part-Empathy]").Input("您好，{{订单编号}}");
        cut.Find("[data-testid=template-part-Solution]").Input("这个问题我们已经回答过了");

        var errors = cut.FindAll("[data-testid=template-error]").Select(e => e.TextContent).ToList();
        Assert.Contains(errors, e => e.Contains("未知变量 {{订单编号}}"));
        Assert.Contains(errors, e => e.Contains("禁用话术"));
        Assert.Contains(errors, e => e.Contains("不能为空"));
        Assert.True(cut.Find("[data-testid=template-save]").HasAttribute("disabled"));
    }

    [Fact]
    public void Preview_fills_sample_data_live_and_marks_what_it_cannot_fill()
    {
        var cut = RenderInteractive<TemplateEditorPage>();
        cut.Find("[data-testid=template-part-Empathy]").Input("您好，{{客户称呼}}！订单【{{订单号}}】");

        var preview = cut.Find("[data-testid=template-preview]");
        Assert.Contains("您好，王女士！订单【230518001】", preview.TextContent);

        cut.Find("[data-testid=template-part-Confirmation]").Focus();
        cut.FindAll("[data-testid=template-variable]").First(b => b.TextContent == "{{物流单号}}").Click();
        Assert.Contains("SF1234567890", cut.Find("[data-testid=template-preview]").TextContent);
    }

    [Fact]
    public async Task Restoring_a_version_from_the_history_makes_it_the_newest()
    {
        var library = _app.Get<TemplateLibrary>();
        var form = new TemplateForm { Name = "恢复测试", Empathy = "您好！", Confirmation = "已收到。", Solution = "旧的解决办法。", FollowUp = "谢谢。" };
        var created = await library.SaveAsync(null, form, "lead");
        form.Solution = "新的解决办法。";
        await library.SaveAsync(created.TemplateId, form, "lead");
        Render<MudSnackbarProvider>();

        var cut = RenderInteractive<TemplateEditorPage>(p => p.Add(x => x.Id, created.TemplateId));
        Assert.Equal("新的解决办法。", cut.Find("[data-testid=template-part-Solution]").GetAttribute("value"));
        cut.Find("[data-testid=template-version][data-version='1'] [data-testid=template-diff]").Click();
        Assert.Contains("旧", cut.Find("[data-testid=template-diff-view] del").TextContent);

        cut.Find("[data-testid=template-version][data-version='1'] [data-testid=template-restore]").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=template-version]").Count));
        Assert.Equal("旧的解决办法。", cut.Find("[data-testid=template-part-Solution]").GetAttribute("value"));
    }
}
