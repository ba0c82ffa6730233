using System.Net;
using AgentWorkspace.Tests.Infrastructure;

namespace AgentWorkspace.Tests.Features.Search;

/// <summary>/search over real HTTP: the link runs the search (prerendered), staff only, customer text as text.</summary>
public sealed class SearchPageTests(SharedApp app)
{
    [Fact]
    public async Task A_search_link_renders_its_results_with_customer_text_escaped()
    {
        var order = $"7{Random.Shared.NextInt64(10_000_000, 99_999_999)}";
        var posted = await app.PostMessageAsync($"<script>alert(1)</script>订单【{order}】", customerId: $"page-{order}", customerName: "<b>王芳</b>");
        using var client = await app.SignInAsync("agent1");

        var html = await client.GetStringAsync($"/search?q=%E3%80%90{order}%E3%80%91");

        Assert.Contains($"href=\"/conversations/{posted.ConversationId}\"", html);
        Assert.Contains("data-testid=\"search-result\"", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;b&gt;王芳&lt;/b&gt;", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.DoesNotContain("<b>王芳", html);
    }

    [Fact]
    public async Task Search_is_for_signed_in_staff()
    {
        using var anonymous = app.CreateClient(app.Options());
        var response = await anonymous.GetAsync("/search?q=123");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location?.OriginalString);
    }
}
