using System.Net;
using AgentWorkspace.Tests.Infrastructure;

namespace AgentWorkspace.Tests.Features.Security;

public sealed class LoginLimitTests(LimitedApp app) : IClassFixture<LimitedApp>
{
    private static FormUrlEncodedContent Form(string user, string password) =>
        new(new Dictionary<string, string> { ["username"] = user, ["password"] = password });

    [Fact]
    public async Task Beyond_the_limit_per_client_address_sign_in_answers_429_with_Retry_After_and_signs_nobody_in()
    {
        using var client = app.Client("10.0.1.1");
        for (var i = 0; i < 3; i++)
        {
            var attempt = await client.PostAsync("/account/login", Form($"nobody{i}", "wrong-password"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, attempt.StatusCode);
        }

        // Even the right password: the address has used its attempts for this minute.
        var refused = await client.PostAsync("/account/login", Form("agent2", WorkspaceApp.DemoPassword), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.False(refused.Headers.Contains("Set-Cookie") && refused.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("AgentWorkspace.Auth")));
    }

    [Fact]
    public async Task Beyond_the_limit_per_user_name_sign_in_answers_429_whatever_the_address()
    {
        for (var i = 0; i < 3; i++)
        {
            using var client = app.Client($"10.0.2.{i + 1}");
            var attempt = await client.PostAsync("/account/login", Form("wangjie", "wrong-password"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, attempt.StatusCode);
        }

        using var fresh = app.Client("10.0.2.99");
        var refused = await fresh.PostAsync("/account/login", Form("wangjie", "wrong-password"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);

        // Another name from that address is unaffected.
        using var other = app.Client("10.0.2.98");
        var ok = await other.PostAsync("/account/login", Form("agent1", WorkspaceApp.DemoPassword), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/queue", ok.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Unknown_and_known_user_names_get_the_same_answer_after_the_same_password_work()
    {
        using var a = app.Client("10.0.3.1");
        using var b = app.Client("10.0.3.2");

        var before = app.Hasher.Verifications;
        var unknown = await a.PostAsync("/account/login", Form("no-such-user", "wrong-password"), TestContext.Current.CancellationToken);
        var afterUnknown = app.Hasher.Verifications;
        var known = await b.PostAsync("/account/login", Form("lijie", "wrong-password"), TestContext.Current.CancellationToken);
        var afterKnown = app.Hasher.Verifications;

        Assert.Equal(unknown.StatusCode, known.StatusCode);
        Assert.Equal(unknown.Headers.Location, known.Headers.Location);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await known.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        // One password hash verified for each: the unknown name costs what a known one does.
        Assert.Equal(1, afterUnknown - before);
        Assert.Equal(1, afterKnown - afterUnknown);
    }
}
