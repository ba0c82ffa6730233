using System.Net;
using AgentWorkspace.Tests.Infrastructure;

namespace AgentWorkspace.Tests.Features.Security;

/// <summary>On a host with the suite's high limits: many failures never lock the account.</summary>
public sealed class NoLockoutTests(WorkspaceApp app) : IClassFixture<WorkspaceApp>
{
    [Fact]
    public async Task Twenty_wrong_passwords_do_not_lock_the_supervisor_out()
    {
        using var attacker = app.CreateClient(app.Options());
        for (var i = 0; i < 20; i++)
        {
            var attempt = await attacker.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "lijie", ["password"] = $"guess-{i}" }), TestContext.Current.CancellationToken);
            Assert.Contains("error=invalid", attempt.Headers.Location!.OriginalString);
        }

        using var lijie = await app.SignInAsync("lijie");
        Assert.Equal(HttpStatusCode.OK, (await lijie.GetAsync("/escalations", TestContext.Current.CancellationToken)).StatusCode);
    }
}
