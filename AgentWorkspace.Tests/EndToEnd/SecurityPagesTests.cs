using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentWorkspace.Tests.EndToEnd;

/// <summary>Sessions that notice a removed role, and the pages under the content security policy, in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityPagesTests(BrowserFixture browser)
{
    private async Task CreateUserAsync(string userName, string role)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountSeeder>().CreateAsync(userName, "临时组长", role, WorkspaceApp.DemoPassword);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task A_lead_whose_role_is_removed_can_no_longer_save_on_an_open_sla_page()
    {
        await CreateUserAsync("lead-revoked", Roles.TeamLead);
        var page = await browser.SignedInPageAsync("lead-revoked");
        await BrowserFixture.OpenAsync(page, "/settings/sla");
        var cell = page.GetByTestId("sla-High-Email");
        await Expect(cell).ToBeVisibleAsync();
        await cell.FillAsync("3");

        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkspaceUser>>();
            var user = (await users.FindByNameAsync("lead-revoked"))!;
            await users.RemoveFromRoleAsync(user, Roles.TeamLead);
            await users.AddToRoleAsync(user, Roles.Agent);
        }

        // The circuit revalidates within seconds and leaves the page; its save button goes with it.
        await Expect(page.GetByTestId("sla-save")).Not.ToBeVisibleAsync(new() { Timeout = 15_000 });
        await BrowserFixture.ScreenshotAsync(page, "sla-after-role-removed");
        await using var db = browser.App.Db();
        var row = await db.SlaPolicy.SingleAsync(r => r.Priority == Priority.High && r.Channel == AgentWorkspace.Features.Channel.Email, TestContext.Current.CancellationToken);
        Assert.NotEqual(TimeSpan.FromMinutes(3), row.FirstResponse);

        // Opening it again: the refreshed sign-in carries the agent role only.
        var response = await page.GotoAsync("/settings/sla");
        Assert.Equal(403, response!.Status);
    }

    [Fact]
    public async Task Pages_work_under_the_content_security_policy_without_console_errors()
    {
        var page = await browser.SignedInPageAsync("lead");
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                problems.Add($"{page.Url}: {m.Text}");
            }
        };
        page.PageError += (_, e) => problems.Add($"{page.Url}: {e}");

        foreach (var path in new[] { "/queue", "/wallboard", "/templates/new", "/settings/keywords", "/settings/team", "/settings/connectors" })
        {
            var response = await page.GotoAsync(path);
            Assert.Contains("script-src 'self' 'nonce-", (await response!.AllHeadersAsync())["content-security-policy"]);
            await BrowserFixture.WaitInteractiveAsync(page);
        }

        // Interactive under the policy: create a connector key and see it once.
        await page.GetByTestId("keys-name").FillAsync("京东客服接入");
        await page.GetByTestId("keys-scope-read").CheckAsync();
        await page.GetByTestId("keys-create").ClickAsync();
        await Expect(page.GetByTestId("keys-secret")).ToContainTextAsync(ConnectorKeyStore.SecretPrefix);
        await Expect(page.GetByTestId("keys-row").Filter(new() { HasText = "京东客服接入" })).ToContainTextAsync("ingest read");
        await BrowserFixture.ScreenshotAsync(page, "connector-keys");

        await BrowserFixture.OpenAsync(page, "/settings/team");
        await page.GetByTestId("team-new-username").FillAsync("agent9");
        await page.GetByTestId("team-new-display-name").FillAsync("小李");
        await page.GetByTestId("team-add").ClickAsync();
        await Expect(page.GetByTestId("team-one-time-password")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Za-z2-9]{12}$"));
        await Expect(page.GetByTestId("team-row").Filter(new() { HasText = "agent9" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "team");

        var chat = await browser.AnonymousPageAsync();
        chat.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                problems.Add($"{chat.Url}: {m.Text}");
            }
        };
        await BrowserFixture.OpenAsync(chat, "/chat");
        await chat.GetByTestId("chat-input").FillAsync("你好，CSP 下也能发消息吗？");
        await chat.GetByTestId("chat-send").ClickAsync();
        await Expect(chat.GetByTestId("chat-message")).ToHaveCountAsync(1);

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task Every_user_can_change_their_password()
    {
        await CreateUserAsync("agent-pw", Roles.Agent);
        var page = await browser.SignedInPageAsync("agent-pw");
        await page.GetByTestId("signed-in-user").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/password"));
        await page.GetByTestId("password-current").FillAsync(WorkspaceApp.DemoPassword);
        await page.GetByTestId("password-new").FillAsync("new-pass-2026");
        await page.GetByTestId("password-confirm").FillAsync("new-pass-2026");
        await BrowserFixture.ScreenshotAsync(page, "change-password");
        await page.GetByTestId("password-submit").ClickAsync();
        // Hashing the new password and refreshing the sign-in can take seconds on a loaded machine.
        await Expect(page.GetByTestId("password-changed")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        await using var scope = browser.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkspaceUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync("agent-pw"))!, "new-pass-2026"));
    }
}
