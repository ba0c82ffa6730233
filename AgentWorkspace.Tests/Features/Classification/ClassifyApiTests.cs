using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Classification;

public sealed class ClassifyApiTests(SharedApp app)
{
    [Fact]
    public async Task Classify_answers_the_hint_in_the_contract_shape()
    {
        using var client = app.ApiClient();
        var body = await (await client.PostAsJsonAsync("/api/classify", new { text = "賬號異常，馬上處理！！", channel = "Chat" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("TechnicalSupport", body.GetProperty("category").GetString());
        Assert.True(body.GetProperty("ambiguous").GetBoolean());
        Assert.True(body.GetProperty("agitated").GetBoolean());
        Assert.Equal("您是指无法登录，还是收不到验证码?", body.GetProperty("clarifyingQuestions")[0].GetString());
        foreach (var field in new[] { "topic", "priority", "matchedKeywords", "needsCollaboration" })
        {
            Assert.True(body.TryGetProperty(field, out _), field);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Empty_text_is_400(string text)
    {
        using var client = app.ApiClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/classify", new { text })).StatusCode);
    }

    [Fact]
    public async Task Over_long_text_and_unknown_channel_are_400_and_the_key_is_required()
    {
        using var client = app.ApiClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/classify", new { text = new string('字', 4001) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/classify", new { text = "你好", channel = "Fax" })).StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/classify", new { text = "你好" })).StatusCode);
    }
}
