using AgentWorkspace.Features.Security;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Tests.Features.Security;
using AgentWorkspace.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AgentWorkspace.Tests.Components;

/// <summary>A save that fails shows why and leaves the page (and its edits) alive.</summary>
public sealed class SafeHandlerTests : ComponentTest, IClassFixture<WorkspaceApp>
{
    private readonly WorkspaceApp _app;

    public SafeHandlerTests(WorkspaceApp app)
    {
        _app = app;
        Services.AddSingleton(app.Get<SlaPolicyEditor>());
        AddAuthorization().SetAuthorized("lead").SetRoles("TeamLead");
    }

    [Fact]
    public async Task Sla_save_refused_by_the_service_shows_the_error_and_keeps_the_edit()
    {
        var snackbars = Render<MudSnackbarProvider>();
        var page = RenderInteractive<SlaPolicyPage>();
        page.WaitForElement("[data-testid=sla-High-Chat]");
        page.Find("[data-testid=sla-High-Chat]").Change("7");

        // The lead's role was removed since the page opened: the circuit's caller is now an agent.
        using (WorkspaceCaller.As(Callers.User("lead", "Agent")))
        {
            page.Find("[data-testid=sla-save]").Click();
        }

        snackbars.WaitForAssertion(() => Assert.Contains("您的角色不能执行此操作", snackbars.Markup));
        Assert.Equal("7", page.Find("[data-testid=sla-High-Chat]").GetAttribute("value"));
        await using var db = _app.Db();
        Assert.NotEqual(TimeSpan.FromMinutes(7), (await db.SlaPolicy.SingleAsync(r => r.Priority == Priority.High && r.Channel == AgentWorkspace.Features.Channel.Chat, Xunit.TestContext.Current.CancellationToken)).FirstResponse);
    }
}
