using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentWorkspace.Tests.EndToEnd;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace AgentWorkspace.Tests.Features.Nodes;

/// <summary>
/// Two app processes on one real PostgreSQL and one real Redis: what one node does, the other shows
/// live; claims and rules stay single; a cookie and a keyword table travel; node A dies (SIGKILL) and
/// its pending rule still fires on node B. Runs with the browser flows (one at a time, after the
/// parallel tests), since it is two more servers and Chromium on the same cores.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoNodeTests(BrowserFixture browser)
{
    private static readonly TimeSpan NoResponseAfter = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(15);

    private static AppProcessOptions Node(ClusterServices cluster, string database) =>
        new(Path.Combine(Path.GetTempPath(), "unused.db"), WorkspaceApp.ApiKey)
        {
            DemoPassword = WorkspaceApp.DemoPassword,
            StartTimeout = TimeSpan.FromSeconds(180),
            Settings = new Dictionary<string, string>
            {
                ["Workspace__Database__Provider"] = "PostgreSql",
                ["ConnectionStrings__Workspace"] = cluster.Database(database),
                ["ConnectionStrings__Redis"] = cluster.Redis,
                ["Workspace__Escalation__NoResponseAfter"] = "00:00:08",
                ["Workspace__Jobs__SweepEvery"] = "00:00:03",
                ["Workspace__Jobs__LockTimeout"] = "00:00:05",
                ["Workspace__Nodes__HeartbeatEvery"] = "00:00:02",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__AgentWorkspace.Realtime"] = "Information",
            },
        };

    [Fact]
    public async Task Two_nodes_on_PostgreSQL_and_Redis_act_as_one_workspace()
    {
        Assert.SkipWhen(ClusterServices.WhyNot() is not null, $"Two-node test skipped: {ClusterServices.WhyNot()}");
        Assert.SkipWhen(NginxProxy.WhyNot() is not null, $"Two-node test skipped: {NginxProxy.WhyNot()}");
        Assert.SkipWhen(browser.SkipReason is not null, browser.SkipReason ?? "");
        await using var cluster = await ClusterServices.StartAsync();
        // Both start at once on a database that does not exist yet: one creates, migrates and seeds
        // it under the lock, the other waits and finds it done.
        var starting = new[] { AppProcess.StartAsync(Node(cluster, "aw_nodes")), AppProcess.StartAsync(Node(cluster, "aw_nodes")) };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var s in starting.Where(s => s.IsCompletedSuccessfully))
            {
                (await s).Dispose();
            }
            throw;
        }
        using var a = await starting[0];
        using var b = await starting[1];
        // The README's nginx example in front of both, as a team would run it.
        await using var proxy = await NginxProxy.StartAsync([a.Address, b.Address]);
        string Logs() => $"node A:\n{string.Join('\n', a.Log.TakeLast(30))}\nnode B:\n{string.Join('\n', b.Log.TakeLast(30))}";

        try
        {
            await ActAsOneAsync(a, b, proxy, Logs);
        }
        catch
        {
            // The nodes' own words are what explains a failure here.
            TestContext.Current.TestOutputHelper?.WriteLine(Logs());
            throw;
        }
    }

    private async Task ActAsOneAsync(AppProcess a, AppProcess b, NginxProxy proxy, Func<string> Logs)
    {
        using var apiA = a.ApiClient();
        using var apiB = b.ApiClient();

        // /health names all three parts on each node.
        var health = await apiB.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        foreach (var part in new[] { "database", "jobs", "redis" })
        {
            Assert.Equal("Healthy", health.GetProperty("checks").GetProperty(part).GetProperty("status").GetString());
        }

        // A rule that must fire exactly once while both nodes and both sweeps race for it.
        var raced = await PostAsync(apiA, "你好，请问退货地址是哪里？", "nodes-race");

        // 1. Cookie: signed in on A, valid on B (Data Protection keys in the database).
        using (var cookies = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        using (var http = new HttpClient(cookies))
        {
            var login = await http.PostAsync(new Uri(a.Address, "/account/login"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = "agent1",
                ["password"] = WorkspaceApp.DemoPassword,
            }));
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            var anonymous = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }).GetAsync(new Uri(b.Address, "/queue"));
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            var onB = await http.GetAsync(new Uri(b.Address, "/queue"));
            Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        }

        // 2. Ingest on A → an agent's /queue on B (Chromium) and a SignalR client on B.
        var received = new ConcurrentQueue<int>();
        await using var hubB = new HubConnectionBuilder()
            .WithUrl(new Uri(b.Address, "hubs/workspace"), o => o.Headers["X-Api-Key"] = WorkspaceApp.ApiKey)
            .Build();
        hubB.On<JsonElement>("MessageAppended", m => received.Enqueue(m.GetProperty("conversationId").GetInt32()));
        await hubB.StartAsync();

        var agentOnB = await SignedInAsync(b.Address, "agent1");
        var agentOnA = await SignedInAsync(a.Address, "agent2");
        var viaProxy = await SignedInAsync(proxy.Address, "wangjie");
        await BrowserFixture.OpenAsync(agentOnB, "/queue");
        await BrowserFixture.OpenAsync(agentOnA, "/queue");
        await BrowserFixture.OpenAsync(viaProxy, "/queue");

        var live = await PostAsync(apiA, "我的订单怎么还没发货？订单号【230518901】", "nodes-live", "节点甲");
        var rowOnB = agentOnB.Locator("[data-testid=queue-row]", new() { HasText = "230518901" });
        await Assertions.Expect(rowOnB).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        await WaitForAsync(() => received.Contains(live), Live, () => "The SignalR client on node B never received the message ingested on node A.\n" + Logs());

        // ... and on the queue of an agent who came in through nginx: sign-in, page and circuit all
        // reached one node (the example's hash on the client address).
        await Assertions.Expect(viaProxy.Locator("[data-testid=queue-row]", new() { HasText = "230518901" })).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        var served = proxy.Served();
        var stickyNode = Assert.Single(served.Select(r => r.Node).Distinct());
        Assert.Contains(stickyNode, new[] { Node(a), Node(b) });
        TestContext.Current.TestOutputHelper?.WriteLine($"nginx keeps this browser on node {(stickyNode == Node(a) ? "A" : "B")} ({stickyNode})");
        Assert.Contains(served, r => r.Method == "POST" && r.Uri.StartsWith("/_blazor/negotiate", StringComparison.Ordinal) && r.Status == 200);

        // 3. A claim on A shows on B.
        var rowOnA = agentOnA.Locator("[data-testid=queue-row]", new() { HasText = "230518901" });
        await rowOnA.GetByTestId("claim").ClickAsync();
        await Assertions.Expect(rowOnB.GetByTestId("assignee")).ToHaveTextAsync("agent2", new() { Timeout = (float)Live.TotalMilliseconds });

        // ... and two agents claiming at once on different nodes get one winner.
        var contested = await PostAsync(apiB, "请问发票怎么开？订单号【230518902】", "nodes-contested", "节点乙");
        var contestedOnA = agentOnA.Locator("[data-testid=queue-row]", new() { HasText = "230518902" });
        var contestedOnB = agentOnB.Locator("[data-testid=queue-row]", new() { HasText = "230518902" });
        await Assertions.Expect(contestedOnA.GetByTestId("claim")).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        await Assertions.Expect(contestedOnB.GetByTestId("claim")).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        await Task.WhenAll(contestedOnA.GetByTestId("claim").ClickAsync(), contestedOnB.GetByTestId("claim").ClickAsync());
        string? winner = null;
        await WaitForAsync(async () => (winner = (await GetAsync(apiA, contested)).GetProperty("assignee").GetString()) is not null, Live, () => "Nobody won the contested claim.\n" + Logs());
        Assert.Contains(winner, new[] { "agent1", "agent2" });
        await Assertions.Expect(contestedOnA.GetByTestId("assignee")).ToHaveTextAsync(winner!, new() { Timeout = (float)Live.TotalMilliseconds });
        await Assertions.Expect(contestedOnB.GetByTestId("assignee")).ToHaveTextAsync(winner!, new() { Timeout = (float)Live.TotalMilliseconds });
        Assert.Equal(1, Count(await GetAsync(apiB, contested), "claimed"));
        await BrowserFixture.ScreenshotAsync(agentOnB, "two-nodes-queue-on-b");

        // 4. A keyword saved on A classifies the next message on B.
        const string word = "星际快递";
        Assert.DoesNotContain(word, await ClassifyAsync(apiB, $"我用{word}寄的包裹到哪了？"));
        var lead = await SignedInAsync(a.Address, "lead");
        await BrowserFixture.OpenAsync(lead, "/settings/keywords");
        var rows = lead.GetByTestId("keyword-row");
        // The table loads after the page turns interactive: count it once it is there.
        await Assertions.Expect(rows.First).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        var before = await rows.CountAsync();
        await lead.GetByTestId("keyword-add").ClickAsync();
        // The new row is rendered at the top by the server; type into it only once it is there.
        await Assertions.Expect(rows).ToHaveCountAsync(before + 1, new() { Timeout = (float)Live.TotalMilliseconds });
        var keyword = rows.First.Locator("input").First;
        await keyword.FillAsync(word);
        await keyword.PressAsync("Tab");
        await Assertions.Expect(keyword).ToHaveValueAsync(word);
        await BrowserFixture.ScreenshotAsync(lead, "two-nodes-keywords-before-save");
        await lead.GetByTestId("keywords-save").ClickAsync();
        var sample = $"我用{word}寄的包裹到哪了？";
        await WaitForAsync(async () => (await ClassifyAsync(apiA, sample)).Contains(word), TimeSpan.FromSeconds(60), () => "The keyword table saved on node A never took effect on A.\n" + Logs());
        // Node A tells node B before the save returns (and waits for its reload); allow the message that long.
        await WaitForAsync(async () => (await ClassifyAsync(apiB, sample)).Contains(word), TimeSpan.FromSeconds(5), () => "Node B did not reload the keyword table node A saved.\n" + Logs());
        await BrowserFixture.ScreenshotAsync(lead, "two-nodes-keywords-saved-on-a");
        var next = await PostAsync(apiB, $"我用{word}寄的包裹到哪了？", "nodes-keyword");
        Assert.Contains(word, (await GetAsync(apiB, next)).GetProperty("classification").GetProperty("matchedKeywords").EnumerateArray().Select(k => k.GetString()));

        // 5. The raced rule fired exactly once (after one more sweep on each node had its chance).
        await WaitForAsync(async () => Count(await GetAsync(apiB, raced), "escalated-no-response") > 0, Live + NoResponseAfter, () => "The no-response rule never fired.\n" + Logs());
        await Task.Delay(SweepEvery * 2);
        Assert.Equal(1, Count(await GetAsync(apiB, raced), "escalated-no-response"));

        // 6. A rule scheduled on A, then A is killed (SIGKILL) before it is due: B fires it, once.
        var orphan = await PostAsync(apiA, "你好，我想问一下会员积分怎么用？", "nodes-orphan");
        a.Kill();
        await WaitForAsync(async () => Count(await GetAsync(apiB, orphan), "escalated-no-response") > 0, NoResponseAfter + SweepEvery + Live,
            () => "The rule of node A's conversation never fired on node B after A was killed.\n" + Logs());
        await Task.Delay(SweepEvery * 2);
        Assert.Equal(1, Count(await GetAsync(apiB, orphan), "escalated-no-response"));
        Assert.Equal(1, Count(await GetAsync(apiB, raced), "escalated-no-response"));

        // 7. Through nginx, A's death costs a reload: the page comes back from B with the same cookie
        // and is live again there. The circuit before it ran over a WebSocket (101), not a fallback.
        var servedBeforeReload = proxy.Served().Count;
        await viaProxy.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(viaProxy);
        var afterKill = await PostAsync(apiB, "请问什么时候发货？订单号【230518903】", "nodes-after-kill", "节点丙");
        await Assertions.Expect(viaProxy.Locator("[data-testid=queue-row]", new() { HasText = "230518903" })).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        var reloaded = proxy.Served().Skip(servedBeforeReload).ToList();
        Assert.Contains(reloaded, r => r.Method == "GET" && r.Uri == "/queue" && r.Status == 200 && r.Node == Node(b));
        Assert.Contains(proxy.Served(), r => r.Uri.StartsWith("/_blazor?id=", StringComparison.Ordinal) && r.Status == 101 && r.Node == stickyNode);
        Assert.True(afterKill > 0);
    }

    private static string Node(AppProcess node) => $"127.0.0.1:{node.Address.Port}";

    private async Task<IPage> SignedInAsync(Uri address, string userName)
    {
        var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("input[name=username]", userName);
        await page.FillAsync("input[name=password]", WorkspaceApp.DemoPassword);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login"), new() { WaitUntil = WaitUntilState.Commit });
        return page;
    }

    private static async Task<int> PostAsync(HttpClient api, string text, string customerId, string? customerName = null)
    {
        var response = await api.PostAsJsonAsync("/api/messages", new { channel = "Chat", customerId, customerName = customerName ?? customerId, text });
        Assert.True(response.IsSuccessStatusCode, $"POST /api/messages answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<IngestReply>(Json.Options))!.ConversationId;
    }

    private static async Task<string[]> ClassifyAsync(HttpClient api, string text)
    {
        var response = await api.PostAsJsonAsync("/api/classify", new { channel = "Chat", text });
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matchedKeywords").EnumerateArray().Select(k => k.GetString()!)];
    }

    private static async Task<JsonElement> GetAsync(HttpClient api, int id) =>
        await api.GetFromJsonAsync<JsonElement>($"/api/conversations/{id}");

    private static int Count(JsonElement conversation, string kind) =>
        conversation.GetProperty("timeline").EnumerateArray().Count(t => t.GetProperty("kind").GetString() == kind);

    // These conditions are HTTP calls and process logs: checked five times a second, not twenty.
    private static Task WaitForAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure) =>
        Eventually.TrueAsync(condition, timeout, failure, TimeSpan.FromMilliseconds(200));

    private static Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure) =>
        Eventually.TrueAsync(condition, timeout, failure, TimeSpan.FromMilliseconds(200));
}
