using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Security;

/// <summary>
/// A few hundred malformed bodies at every endpoint that takes one: never a 5xx, the API answers
/// 400 problem+json naming a field (413 over the size limit), and no row is written anywhere.
/// The bodies come from a seeded generator, so a failure reproduces.
/// </summary>
public sealed class MalformedInputTests(WorkspaceApp app) : IClassFixture<WorkspaceApp>
{
    private static readonly string[] IngestFields = ["channel", "customerId", "customerName", "text", "externalId"];

    private sealed record Body(string Label, HttpContent Content);

    private static HttpContent Raw(byte[] bytes, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return content;
    }

    private static HttpContent Raw(string text, string? contentType = "application/json") => Raw(Encoding.UTF8.GetBytes(text), contentType);

    /// <summary>Bodies every JSON endpoint must refuse, built around a valid one so each has a definite defect.</summary>
    private static IEnumerable<Body> Malformed(Dictionary<string, object?> valid, string[] stringFields, string[] numericOk, int seed, int count)
    {
        var random = new Random(seed);
        var validJson = JsonSerializer.Serialize(valid);
        for (var i = 0; i < count; i++)
        {
            var kind = i % 12;
            switch (kind)
            {
                case 0:
                    {
                        // Invalid UTF-8 inside a string value.
                        var field = stringFields[random.Next(stringFields.Length)];
                        var bytes = new List<byte>(Encoding.UTF8.GetBytes($"{{\"{field}\":\""));
                        bytes.AddRange([0xC3, 0x28, 0xFF, (byte)random.Next(0x80, 0xC0)]);
                        bytes.AddRange(Encoding.UTF8.GetBytes("\"}"));
                        yield return new Body($"invalid UTF-8 in {field}", Raw([.. bytes]));
                        break;
                    }
                case 1:
                    {
                        var bytes = new byte[random.Next(1, 200)];
                        random.NextBytes(bytes);
                        yield return new Body("random bytes", Raw(bytes));
                        break;
                    }
                case 2:
                    {
                        var types = new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1", null };
                        var type = types[random.Next(types.Length)];
                        yield return new Body($"content type {type ?? "none"}", Raw(validJson, type));
                        break;
                    }
                case 3:
                    {
                        var depth = random.Next(65, 2000);
                        var nested = random.Next(2) == 0
                            ? new string('[', depth) + new string(']', depth)
                            : string.Concat(Enumerable.Repeat("{\"text\":", depth)) + "\"x\"" + new string('}', depth);
                        yield return new Body($"nested {depth}", Raw(nested));
                        break;
                    }
                case 4:
                case 5:
                    {
                        // A boolean, object, array or number where a string belongs.
                        var field = stringFields[random.Next(stringFields.Length)];
                        object[] wrong = numericOk.Contains(field) ? [true, new { a = 1 }, new[] { 1, 2 }] : [true, false, new { a = 1 }, new[] { "x" }, 42, 1.5];
                        var body = new Dictionary<string, object?>(valid) { [field] = wrong[random.Next(wrong.Length)] };
                        yield return new Body($"wrong type for {field}", Raw(JsonSerializer.Serialize(body)));
                        break;
                    }
                case 6:
                    {
                        var cut = validJson[..random.Next(1, validJson.Length - 1)];
                        yield return new Body("truncated", Raw(cut));
                        break;
                    }
                case 7:
                    yield return new Body("trailing garbage", Raw(validJson + "}{" + random.Next()));
                    break;
                case 8:
                    {
                        var scalars = new[] { "", "null", "true", "42", "\"text\"", "[]", "{", "}" };
                        yield return new Body("not an object", Raw(scalars[random.Next(scalars.Length)]));
                        break;
                    }
                case 9:
                    {
                        var field = stringFields[random.Next(stringFields.Length)];
                        var body = new Dictionary<string, object?>(valid) { [field] = new string('长', 5000 + random.Next(1000)) };
                        yield return new Body($"{field} too long", Raw(JsonSerializer.Serialize(body)));
                        break;
                    }
                case 10:
                    yield return new Body("over the size limit", Raw("{\"text\":\"" + new string('x', 70 * 1024 + random.Next(1000)) + "\"}"));
                    break;
                default:
                    {
                        // Lone surrogates and control characters as escapes, in a field that must be valid text.
                        var field = stringFields[random.Next(stringFields.Length)];
                        yield return new Body($"escapes in {field}", Raw($"{{\"{field}\":\"\\ud800\\u0000{random.Next()}\",\"{field}\":{{}}}}"));
                        break;
                    }
            }
        }
    }

    private async Task<long[]> RowCountsAsync()
    {
        // Jobs from earlier tests (the hint's auto-accept) may still write system timeline entries; everything a caller could write is counted.
        await using var db = app.Db();
        return
        [
            await db.Customers.CountAsync(), await db.Conversations.CountAsync(), await db.Messages.CountAsync(),
            await db.Conversations.CountAsync(c => c.Satisfaction != null), await db.Timeline.CountAsync(t => t.Actor != "system" && t.RuleKey == null),
            await db.Audit.CountAsync(), await db.Users.CountAsync(), await db.ConnectorKeys.CountAsync(),
        ];
    }

    private async Task AssertRefusedAsync(string path, IEnumerable<Body> bodies, bool api = true)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = api ? app.ApiClient() : app.CreateClient(app.Options());
        var before = await RowCountsAsync();
        var failures = new List<string>();
        var sent = 0;
        foreach (var body in bodies)
        {
            sent++;
            var response = await client.PostAsync(path, body.Content, ct);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(ct);
            if (status >= 500)
            {
                failures.Add($"{body.Label}: {status} {text[..Math.Min(200, text.Length)]}");
            }
            else if (api && status is not (400 or 413))
            {
                failures.Add($"{body.Label}: {status} (expected 400/413)");
            }
            else if (api)
            {
                using var problem = JsonDocument.Parse(text);
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                    || !problem.RootElement.TryGetProperty("errors", out var errors) || !errors.EnumerateObject().Any())
                {
                    failures.Add($"{body.Label}: {status} without a problem naming the field: {text[..Math.Min(200, text.Length)]}");
                }
            }
        }
        Assert.True(sent >= 240, $"only {sent} bodies");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)) + $"\n({failures.Count} of {sent})\n{app.Log.Tail(5)}");
        Assert.Equal(before, await RowCountsAsync());
    }

    [Fact]
    public Task Ingest_refuses_every_malformed_body_with_400_naming_the_field_and_writes_nothing() =>
        AssertRefusedAsync("/api/messages", Malformed(
            new() { ["channel"] = "Chat", ["customerId"] = "fuzz-1", ["customerName"] = "王芳", ["text"] = "我的订单怎么还没发货", ["externalId"] = "fuzz-ext" },
            IngestFields, ["customerId", "externalId"], seed: 14, count: 300));

    [Fact]
    public Task Classify_refuses_every_malformed_body_with_400_naming_the_field() =>
        AssertRefusedAsync("/api/classify", Malformed(new() { ["text"] = "发票", ["channel"] = "Chat" }, ["text", "channel"], [], seed: 15, count: 300));

    [Fact]
    public async Task Satisfaction_refuses_every_malformed_body_with_400_naming_the_field_and_writes_nothing()
    {
        var posted = await app.PostMessageAsync("衣服尺码不对想换货", customerId: "fuzz-sat");
        await AssertRefusedAsync($"/api/conversations/{posted.ConversationId}/satisfaction", Malformed(new() { ["answer"] = "满意" }, ["answer"], [], seed: 16, count: 300));
    }

    [Fact]
    public async Task Sign_in_refuses_every_malformed_body_without_a_5xx_and_writes_nothing()
    {
        var random = new Random(17);
        var bodies = new List<Body>();
        for (var i = 0; i < 300; i++)
        {
            bodies.Add((i % 6) switch
            {
                0 => new Body("json", Raw("{\"username\":\"agent1\",\"password\":\"x\"}")),
                1 => new Body("invalid UTF-8 form", Raw([.. Encoding.ASCII.GetBytes("username="), 0xC3, 0x28, 0xFF, .. Encoding.ASCII.GetBytes("&password=%FF%FE")], "application/x-www-form-urlencoded")),
                2 => new Body("huge form", Raw("username=" + new string('a', 70 * 1024 + random.Next(100)) + "&password=x", "application/x-www-form-urlencoded")),
                3 => new Body("long name", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = new string('李', 200 + random.Next(100)), ["password"] = "x" })),
                4 => new Body("no content type", Raw("username=agent1&password=x", null)),
                _ => new Body("broken multipart", Raw("--x\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nagent1", "multipart/form-data; boundary=x")),
            });
        }
        await AssertRefusedAsync("/account/login", bodies, api: false);
    }

    [Fact]
    public async Task Staff_endpoints_refuse_malformed_queries_and_forms_without_a_5xx_and_write_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var lead = await app.SignInAsync("lead");
        using var api = app.ApiClient();
        var before = await RowCountsAsync();
        var random = new Random(18);
        string[] junk = ["", "%FF%FE", "2026-13-45", "9999999999", "-1", "%00", "<script>", "Chat%00", new string('9', 400), "1e308", "null"];
        var failures = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var value = junk[random.Next(junk.Length)];
            // TestServer itself refuses a NUL in the path (Kestrel answers 400 before the app).
            var segment = value.Replace("%00", "0", StringComparison.Ordinal);
            (HttpClient Client, HttpRequestMessage Request) call = (i % 5) switch
            {
                0 => (lead, new HttpRequestMessage(HttpMethod.Get, $"/reports/export.csv?from={value}&to={value}&channel={value}&category={value}")),
                1 => (lead, new HttpRequestMessage(HttpMethod.Get, $"/reports/weekly/{segment}.csv")),
                2 => (api, new HttpRequestMessage(HttpMethod.Get, $"/api/conversations/{segment}")),
                3 => (lead, new HttpRequestMessage(HttpMethod.Post, "/account/culture") { Content = Raw($"culture={value}&returnUrl={value}", "application/x-www-form-urlencoded") }),
                _ => (lead, new HttpRequestMessage(HttpMethod.Post, "/account/logout") { Content = Raw([0xC3, 0x28, 0xFF], "application/x-www-form-urlencoded") }),
            };
            var response = await call.Client.SendAsync(call.Request, ct);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{call.Request.Method} {call.Request.RequestUri}: {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
        Assert.Equal(before, await RowCountsAsync());
    }

    [Fact]
    public async Task A_numeric_customerId_and_externalId_stay_accepted()
    {
        using var client = app.ApiClient();
        var response = await client.PostAsync("/api/messages", Raw("{\"channel\":\"Chat\",\"customerId\":20231,\"text\":\"你好\",\"externalId\":7788}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_type_answers_400_naming_that_field()
    {
        using var client = app.ApiClient();
        var ingest = await client.PostAsync("/api/messages", Raw("{\"channel\":\"Chat\",\"customerId\":\"c\",\"text\":true}"), TestContext.Current.CancellationToken);
        var classify = await client.PostAsync("/api/classify", Raw("{\"text\":{\"a\":1}}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, ingest.StatusCode);
        Assert.Contains("\"text\"", await ingest.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, classify.StatusCode);
        Assert.Contains("\"text\"", await classify.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_body_over_the_limit_answers_413()
    {
        using var client = app.ApiClient();
        var response = await client.PostAsync("/api/messages", Raw("{\"text\":\"" + new string('x', 100 * 1024) + "\"}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
