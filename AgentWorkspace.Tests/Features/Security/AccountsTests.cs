using System.Net;
using System.Text.RegularExpressions;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Security;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWorkspace.Tests.Features.Security;

public sealed partial class AccountsTests(QuickRevalidationApp app) : IClassFixture<QuickRevalidationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TeamAdmin> LeadAdminAsync(Func<TeamAdmin, Task> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<TeamAdmin>();
        using (Callers.As("lead", Roles.TeamLead))
        {
            await act(admin);
        }
        return admin;
    }

    private async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string user, string password) =>
        await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = user, ["password"] = password }), Ct);

    private static async Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string next, string returnUrl = "")
    {
        var form = await client.GetStringAsync("/account/password", Ct);
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["current"] = current,
            ["next"] = next,
            ["confirm"] = next,
            ["returnUrl"] = returnUrl,
        }), Ct);
    }

    [Fact]
    public async Task A_lead_adds_a_member_who_must_set_their_own_password_before_anything_else()
    {
        TeamChange added = null!;
        await LeadAdminAsync(async a => added = await a.AddAsync("agent7", "小赵", Roles.Agent, "lead"));
        Assert.True(added.Succeeded, added.Error);
        Assert.Matches("^[A-Za-z2-9]{12}$", added.OneTimePassword);

        using var client = app.CreateClient(app.Options(cookies: true));
        var login = await PostLoginAsync(client, "agent7", added.OneTimePassword!);
        Assert.StartsWith("/account/password", login.Headers.Location!.OriginalString);
        var queue = await client.GetAsync("/queue", Ct);
        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.StartsWith("/account/password", queue.Headers.Location!.OriginalString);

        var changed = await ChangePasswordAsync(client, added.OneTimePassword!, "my-own-pass-1", "/queue");
        Assert.Equal("/queue", changed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/queue", Ct)).StatusCode);

        await using var db = app.Db();
        Assert.True(await db.Audit.AnyAsync(a => a.Action == "member-added" && a.Subject == "agent7" && a.Actor == "lead", Ct));
        Assert.False((await db.Users.SingleAsync(u => u.UserName == "agent7", Ct)).MustChangePassword);
    }

    [Fact]
    public async Task A_wrong_current_password_or_a_mismatch_changes_nothing()
    {
        using var client = await app.SignInAsync("wangjie");
        var wrong = await ChangePasswordAsync(client, "not-my-password", "another-pass-1");
        Assert.Contains("error=wrong", wrong.Headers.Location!.OriginalString);
        var weak = await ChangePasswordAsync(client, WorkspaceApp.DemoPassword, "short");
        Assert.Contains("error=weak", weak.Headers.Location!.OriginalString);
        using var again = await app.SignInAsync("wangjie");
    }

    [Fact]
    public async Task A_disabled_member_cannot_sign_in_and_their_open_session_ends()
    {
        await LeadAdminAsync(a => a.AddAsync("agent8", "小孙", Roles.Agent, "lead"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<WorkspaceUser>>();
            var user = (await users.FindByNameAsync("agent8"))!;
            await users.RemovePasswordAsync(user);
            await users.AddPasswordAsync(user, WorkspaceApp.DemoPassword);
            user.MustChangePassword = false;
            await users.UpdateAsync(user);
        }
        using var open = await app.SignInAsync("agent8");
        Assert.Equal(HttpStatusCode.OK, (await open.GetAsync("/queue", Ct)).StatusCode);

        TeamChange disabled = null!;
        await LeadAdminAsync(async a => disabled = await a.SetDisabledAsync("agent8", true, "lead"));
        Assert.True(disabled.Succeeded);

        using var fresh = app.CreateClient(app.Options());
        var login = await PostLoginAsync(fresh, "agent8", WorkspaceApp.DemoPassword);
        Assert.Contains("error=invalid", login.Headers.Location!.OriginalString);

        // The open session's cookie fails its next check (every second on this host).
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        var after = await open.GetAsync("/queue", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.OriginalString);

        await LeadAdminAsync(async a => Assert.True((await a.SetDisabledAsync("agent8", false, "lead")).Succeeded));
        using var back = await app.SignInAsync("agent8");
    }

    [Fact]
    public async Task Revalidation_notices_a_removed_role_a_changed_stamp_and_a_disabled_account()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<WorkspaceUser>>();
        var factory = services.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<WorkspaceUser>>();
        await LeadAdminAsync(a => a.AddAsync("sup2", "周主管", Roles.Supervisor, "lead"));
        var user = (await users.FindByNameAsync("sup2"))!;

        var principal = await factory.CreateAsync(user);
        Assert.True(await SessionCheck.IsCurrentAsync(principal, services, Ct));

        await users.RemoveFromRoleAsync(user, Roles.Supervisor);
        Assert.False(await SessionCheck.IsCurrentAsync(principal, services, Ct));

        await users.AddToRoleAsync(user, Roles.Supervisor);
        Assert.True(await SessionCheck.IsCurrentAsync(principal, services, Ct));
        await users.UpdateSecurityStampAsync(user);
        Assert.False(await SessionCheck.IsCurrentAsync(principal, services, Ct));

        principal = await factory.CreateAsync(user);
        user.IsDisabled = true;
        await users.UpdateAsync(user);
        Assert.False(await SessionCheck.IsCurrentAsync(principal, services, Ct));
    }

    [Fact]
    public async Task A_reset_password_replaces_the_old_one_and_must_be_changed()
    {
        TeamChange reset = null!;
        await LeadAdminAsync(a => a.AddAsync("agent6", "小钱", Roles.Agent, "lead"));
        await LeadAdminAsync(async a => reset = await a.ResetPasswordAsync("agent6", "lead"));
        Assert.True(reset.Succeeded);

        using var client = app.CreateClient(app.Options());
        var login = await PostLoginAsync(client, "agent6", reset.OneTimePassword!);
        Assert.StartsWith("/account/password", login.Headers.Location!.OriginalString);
        await using var db = app.Db();
        Assert.True(await db.Audit.AnyAsync(a => a.Action == "password-reset" && a.Subject == "agent6", Ct));
    }

    [Fact]
    public async Task Role_changes_are_audited_and_a_lead_cannot_demote_themselves_or_the_last_lead()
    {
        await LeadAdminAsync(a => a.AddAsync("agent5", "小周", Roles.Agent, "lead"));
        await LeadAdminAsync(async a =>
        {
            Assert.True((await a.ChangeRoleAsync("agent5", Roles.SeniorAgent, "lead")).Succeeded);
            Assert.Equal("team-error-self", (await a.ChangeRoleAsync("lead", Roles.Agent, "lead")).Error);
            Assert.Equal("team-error-self", (await a.SetDisabledAsync("lead", true, "lead")).Error);
            Assert.Equal("team-error-role", (await a.ChangeRoleAsync("agent5", "Admin", "lead")).Error);
            Assert.Equal("team-error-exists", (await a.AddAsync("agent1", "重复", Roles.Agent, "lead")).Error);
            Assert.Equal("team-error-username", (await a.AddAsync("a b", "空格", Roles.Agent, "lead")).Error);
        });
        // Another lead may not leave the team without one.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<TeamAdmin>();
            using (Callers.As("agent5", Roles.TeamLead))
            {
                Assert.Equal("team-error-last-lead", (await admin.ChangeRoleAsync("lead", Roles.Agent, "agent5")).Error);
            }
        }
        await using var db = app.Db();
        Assert.True(await db.Audit.AnyAsync(a => a.Action == "role-changed" && a.Subject == "agent5" && a.Detail!.Contains("SeniorAgent"), Ct));
    }

    [Fact]
    public async Task Only_a_team_lead_runs_the_team()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<TeamAdmin>();
        using (Callers.As("lijie", Roles.Supervisor))
        {
            await Assert.ThrowsAsync<RoleRequiredException>(() => admin.AddAsync("evil", "坏人", Roles.TeamLead, "lijie"));
            await Assert.ThrowsAsync<RoleRequiredException>(() => admin.ResetPasswordAsync("lead", "lijie"));
            await Assert.ThrowsAsync<RoleRequiredException>(() => admin.ChangeRoleAsync("lijie", Roles.TeamLead, "lijie"));
        }
        using var agent = await app.SignInAsync("agent1");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/settings/team", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/settings/connectors", Ct)).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
