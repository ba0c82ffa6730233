using System.Net;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWorkspace.Tests.Features.Accounts;

public sealed class SignInAndAccessTests(SharedApp app)
{
    [Fact]
    public async Task Login_page_is_a_plain_form_with_username_and_password_fields()
    {
        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/account/login");

        Assert.Contains("method=\"post\"", html);
        Assert.Contains("action=\"/account/login\"", html);
        Assert.Contains("name=\"username\"", html);
        Assert.Contains("name=\"password\"", html);
        Assert.Contains("登录", html);
    }

    [Fact]
    public async Task Wrong_password_returns_to_the_login_page_with_an_error()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "agent1", ["password"] = "nope-nope" }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("error=invalid", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signed_out_visitor_is_sent_to_login_from_the_queue()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/queue");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Fqueue", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Agent_signs_in_and_sees_the_queue()
    {
        using var client = await app.SignInAsync("agent1");
        var response = await client.GetAsync("/queue");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("实时队列", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("agent1", HttpStatusCode.Forbidden)]
    [InlineData("wangjie", HttpStatusCode.Forbidden)]
    [InlineData("lijie", HttpStatusCode.OK)]
    [InlineData("lead", HttpStatusCode.OK)]
    public async Task Hangfire_dashboard_is_for_supervisors_and_team_leads(string user, HttpStatusCode expected)
    {
        using var client = await app.SignInAsync(user);
        Assert.Equal(expected, (await client.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task Hangfire_dashboard_sends_signed_out_visitors_to_login()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Fhangfire", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Signing_in_goes_back_to_the_page_asked_for_and_never_off_the_site()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        async Task<string?> SignIn(string? returnUrl)
        {
            var form = new Dictionary<string, string> { ["username"] = "agent1", ["password"] = WorkspaceApp.DemoPassword };
            if (returnUrl is not null)
            {
                form["returnUrl"] = returnUrl;
            }
            var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response.Headers.Location?.OriginalString;
        }

        Assert.Equal("/wallboard", await SignIn("/wallboard"));
        Assert.Equal("/queue", await SignIn(null));
        Assert.Equal("/queue", await SignIn("https://evil.example/"));
        Assert.Equal("/queue", await SignIn("//evil.example/"));
    }

    [Fact]
    public async Task Health_answers_when_the_database_does_and_openapi_is_served()
    {
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/messages", openApi);
    }

    [Fact]
    public async Task Demo_team_is_seeded_with_its_roles()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AgentWorkspace.Features.Accounts.WorkspaceUser>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByNameAsync("lijie"))!, "Supervisor"));
        Assert.True(await users.IsInRoleAsync((await users.FindByNameAsync("wangjie"))!, "SeniorAgent"));
        Assert.True(await users.IsInRoleAsync((await users.FindByNameAsync("lead"))!, "TeamLead"));
        Assert.True(await users.IsInRoleAsync((await users.FindByNameAsync("agent2"))!, "Agent"));
    }
}
