using System.Net;
using System.Net.Http.Json;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Security;

public sealed class ApiLimitTests(LimitedApp app) : IClassFixture<LimitedApp>
{
    [Fact]
    public async Task Beyond_the_requests_per_second_of_a_key_the_api_answers_429_with_Retry_After_and_stores_nothing()
    {
        using var client = app.ApiClient();
        var posts = Enumerable.Range(0, 12).Select(i => client.PostAsJsonAsync("/api/messages",
            new { channel = "Email", customerId = $"limit-{i}", text = $"第{i}封邮件：发票什么时候开" }, TestContext.Current.CancellationToken));
        var responses = await Task.WhenAll(posts);

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        // 3 a second: twelve at once cannot all pass, even across a window boundary.
        Assert.True(refused.Count >= 6, $"refused {refused.Count}, created {created}");
        Assert.Equal(12, refused.Count + created);
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        await using var db = app.Db();
        Assert.Equal(created, await db.Customers.CountAsync(c => c.ExternalId.StartsWith("limit-"), TestContext.Current.CancellationToken));
    }
}
