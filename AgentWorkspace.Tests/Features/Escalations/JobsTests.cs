using System.Net.Http.Json;
using System.Text.Json;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Tests.Infrastructure;

namespace AgentWorkspace.Tests.Features.Escalations;

/// <summary>Real Hangfire (its SQLite job file, 250 ms polling) with rule durations of seconds.</summary>
public sealed class JobsTests(ShortRulesApp app) : IClassFixture<ShortRulesApp>
{
    [Fact]
    public async Task Escalation_fires_once_after_the_delay_and_not_when_an_agent_replied()
    {
        var waiting = await app.PostMessageAsync("我的订单怎么还没发货？", customerId: "jobs-wait");
        var answered = await app.PostMessageAsync("优惠券怎么用", customerId: "jobs-answered");
        await app.Get<ConversationService>().ReplyAsync(answered.ConversationId, "agent1", "小王", "您好，结算时选择优惠券即可。");

        var escalated = await PollAsync(waiting.ConversationId, c => c.GetProperty("escalatedAt").ValueKind != JsonValueKind.Null, TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var after = await GetAsync(waiting.ConversationId);
        Assert.Equal("lijie", after.GetProperty("escalatedTo").GetString());
        Assert.Equal(escalated.GetProperty("escalatedAt").GetDateTimeOffset(), after.GetProperty("escalatedAt").GetDateTimeOffset());
        Assert.Single(Timeline(after), k => k == "escalated-no-response");
        Assert.DoesNotContain("escalated-no-response", Timeline(await GetAsync(answered.ConversationId)));
    }

    [Fact]
    public async Task Satisfaction_check_is_sent_after_resolve_and_unsatisfied_lands_with_wangjie()
    {
        var posted = await app.PostMessageAsync("退款多久到账？", customerId: "jobs-csat");
        await app.Get<ConversationService>().ResolveAsync(posted.ConversationId, "agent1");

        var sent = await PollAsync(posted.ConversationId, c => c.GetProperty("satisfactionCheckSentAt").ValueKind != JsonValueKind.Null, TimeSpan.FromSeconds(15));
        Assert.Contains(sent.GetProperty("messages").EnumerateArray(), m => m.GetProperty("text").GetString()!.StartsWith("您的问题已解决，请问对本次服务是否满意?", StringComparison.Ordinal));

        using var client = app.ApiClient();
        var answer = await client.PostAsJsonAsync($"/api/conversations/{posted.ConversationId}/satisfaction", new { answer = "不满意" });
        answer.EnsureSuccessStatusCode();

        var after = await GetAsync(posted.ConversationId);
        Assert.Equal("SecondHandling", after.GetProperty("status").GetString());
        Assert.Equal("Unsatisfied", after.GetProperty("satisfaction").GetString());
        Assert.Equal("wangjie", after.GetProperty("secondHandlingOwner").GetString());
        Assert.NotEqual(JsonValueKind.Null, after.GetProperty("secondHandlingDueAt").ValueKind);
        Assert.Single(Timeline(after), k => k == "satisfaction-check-sent");
    }

    [Fact]
    public async Task Bad_satisfaction_answer_is_400_an_unasked_one_409_and_neither_changes_anything()
    {
        var posted = await app.PostMessageAsync("积分怎么兑换", customerId: "jobs-bad-answer");
        using var client = app.ApiClient();
        var response = await client.PostAsJsonAsync($"/api/conversations/{posted.ConversationId}/satisfaction", new { answer = "还行" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var early = await client.PostAsJsonAsync($"/api/conversations/{posted.ConversationId}/satisfaction", new { answer = "满意" });
        Assert.Equal(System.Net.HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await GetAsync(posted.ConversationId)).GetProperty("satisfaction").ValueKind);
    }

    private async Task<JsonElement> GetAsync(int id)
    {
        using var client = app.ApiClient();
        return await client.GetFromJsonAsync<JsonElement>($"/api/conversations/{id}");
    }

    private async Task<JsonElement> PollAsync(int id, Func<JsonElement, bool> until, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var c = await GetAsync(id);
            if (until(c))
            {
                return c;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Rule did not fire within {within}: {c}\nServer log:\n{app.Log.Tail()}\nJobs:\n{app.JobsReport()}");
            await Task.Delay(200);
        }
    }

    internal static List<string> Timeline(JsonElement c) =>
        [.. c.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()!)];
}
