using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using AgentWorkspace.Benchmarks.Circuits;
using AgentWorkspace.Data;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AgentWorkspace.Benchmarks;

/// <summary>
/// /queue with many open conversations (all posted through the ingest API), measured three ways:
/// what one update costs the circuit's model (apply, re-order, the toolbar's counts: plain C#, in
/// this process), the time from an ingest to the render batch that shows it on one live circuit
/// (server: ingest, event, model, render, diff, send), and in Chromium the first contentful paint
/// and the moment the first queue row is in the document, on a cold profile (empty cache) and on a
/// reload (assets cached, as an agent reopening the page).
/// </summary>
internal static class QueueRenderHarness
{
    private const string ChromiumPath = "/usr/bin/chromium";

    // Records when the first queue row enters the document, relative to the navigation's start.
    private const string RowWatcher = """
        window.__rowsAt = null;
        new MutationObserver((_, observer) => {
            if (window.__rowsAt === null && document.querySelector('[data-testid=queue-row]')) {
                window.__rowsAt = performance.now();
                observer.disconnect();
            }
        }).observe(document, { childList: true, subtree: true });
        """;

    public static async Task RunAsync(int open, int runs)
    {
        Console.WriteLine($"/queue with {open:N0} open conversations, {runs} runs; load average {CapacityHarness.LoadAverage()} on {Environment.ProcessorCount} shared cores");
        using var app = await BenchmarkApp.StartAsync(new Dictionary<string, string>(), environment: "Development");
        using var api = app.ApiClient();
        var seeding = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, open), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            await PostAsync(api, $"qr-open-{i}", $"我的订单怎么还没发货？订单号【2305{i:000000}】"));
        Console.WriteLine($"Posted {open:N0} conversations in {seeding.Elapsed.TotalSeconds:0} s");
        await BenchAgents.CreateAsync(app.DatabasePath, 1);

        var model = await ModelUpdateAsync(app.DatabasePath, open, Math.Max(runs, 200));

        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(2) };
        var cookies = await BlazorCircuitClient.SignInAsync(http, BenchAgents.Name(0), BenchAgents.Password);
        var circuitUpdates = new List<double>();
        await using (var circuit = await BlazorCircuitClient.StartAsync(http, cookies, "/queue", "queue-ready", TimeSpan.FromMinutes(2)))
        {
            var total = open;
            for (var k = -3; k < runs; k++)
            {
                var seen = circuit.WhenRendered((++total).ToString(CultureInfo.InvariantCulture));
                var t0 = Stopwatch.GetTimestamp();
                await PostAsync(api, $"qr-update-{k + 3}", "我要退货，商品有质量问题");
                var at = await seen.WaitAsync(TimeSpan.FromSeconds(60));
                if (k >= 0)
                {
                    circuitUpdates.Add(Stopwatch.GetElapsedTime(t0, at).TotalMilliseconds);
                }
                await Task.Delay(300);
            }
        }
        circuitUpdates.Sort();

        var (cold, warm) = File.Exists(ChromiumPath)
            ? await ChromiumAsync(app.Address, cookies, runs)
            : (new List<(double, double)>(), new List<(double, double)>());

        Console.WriteLine();
        Console.WriteLine($"Load average at the end: {CapacityHarness.LoadAverage()}");
        Console.WriteLine("| open | model update p50 / p99 ms | ingest → render batch (one circuit) p50 / p99 ms | Chromium cold: first paint / first row ms (median) | reload: first paint / first row ms (median) |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        Console.WriteLine($"| {open:N0} | {Percentiles.Of(model, 50):0.00} / {Percentiles.Of(model, 99):0.00} | {Percentiles.Of(circuitUpdates, 50):0} / {Percentiles.Of(circuitUpdates, 99):0} | {Median(cold, x => x.Paint)} / {Median(cold, x => x.Rows)} | {Median(warm, x => x.Paint)} / {Median(warm, x => x.Rows)} |");
        if (!File.Exists(ChromiumPath))
        {
            Console.WriteLine($"Chromium not found at {ChromiumPath}: apt-get install -y chromium fonts-noto-cjk");
        }
    }

    /// <summary>What QueuePage does with an event besides rendering: apply the row, re-order the visible list, recount the six toolbar figures.</summary>
    private static async Task<List<double>> ModelUpdateAsync(string databasePath, int open, int repeats)
    {
        var options = new DbContextOptionsBuilder<WorkspaceDbContext>().UseSqlite($"Data Source={databasePath}").Options;
        var rows = await new ConversationQueries(new Factory(options)).OpenQueueAsync();
        if (rows.Count < open)
        {
            throw new InvalidOperationException($"Expected {open} open conversations, found {rows.Count}.");
        }
        var model = new QueueModel(BenchAgents.Name(0));
        model.Load(rows);
        var times = new List<double>();
        for (var i = 0; i < repeats + 20; i++)
        {
            var row = rows[i % rows.Count];
            var changed = row with { Version = row.Version + i + 1, AssigneeUserName = i % 2 == 0 ? BenchAgents.Name(0) : null };
            var sw = Stopwatch.StartNew();
            model.Apply(changed);
            var figures = model.Visible.Count + model.Total
                + model.Count(new QueueFilter(Mine: true)) + model.Count(new QueueFilter(Unclaimed: true)) + model.Count(new QueueFilter(Escalated: true))
                + model.Count(new QueueFilter(NeedsReview: true)) + model.Count(new QueueFilter(SecondHandling: true));
            sw.Stop();
            GC.KeepAlive(figures);
            if (i >= 20)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
        }
        times.Sort();
        return times;
    }

    private static async Task<(List<(double Paint, double Rows)> Cold, List<(double Paint, double Rows)> Warm)> ChromiumAsync(Uri address, System.Net.CookieContainer cookies, int runs)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var cold = new List<(double, double)>();
        var warm = new List<(double, double)>();
        for (var r = 0; r < runs; r++)
        {
            // A new context is a new profile: empty cache, only the sign-in cookie.
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = address.ToString(),
                ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
                Locale = "zh-CN",
            });
            await context.AddCookiesAsync(cookies.GetAllCookies().Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = address.Host, Path = "/" }));
            await context.AddInitScriptAsync(RowWatcher);
            var page = await context.NewPageAsync();
            cold.Add(await MeasureAsync(page));
            warm.Add(await MeasureAsync(page));
        }
        return (cold, warm);
    }

    private static async Task<(double Paint, double Rows)> MeasureAsync(IPage page)
    {
        await page.GotoAsync("/queue");
        await page.WaitForSelectorAsync("[data-testid=queue-row]", new() { Timeout = 120_000 });
        await page.WaitForFunctionAsync("() => window.__rowsAt !== null", null, new() { Timeout = 10_000 });
        var paint = await page.EvaluateAsync<double>("() => performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint')?.startTime ?? -1");
        var rows = await page.EvaluateAsync<double>("() => window.__rowsAt");
        return (paint, rows);
    }

    private static string Median(List<(double Paint, double Rows)> runs, Func<(double Paint, double Rows), double> pick) =>
        runs.Count == 0 ? "n/a" : Percentiles.Of(runs.Select(pick).Order().ToList(), 50).ToString("0", CultureInfo.InvariantCulture);

    private static async Task PostAsync(HttpClient api, string customerId, string text)
    {
        var response = await api.PostAsJsonAsync("/api/messages", new { channel = "Chat", customerId, text });
        response.EnsureSuccessStatusCode();
    }

    private sealed class Factory(DbContextOptions<WorkspaceDbContext> options) : IDbContextFactory<WorkspaceDbContext>
    {
        public WorkspaceDbContext CreateDbContext() => new(options);
    }
}
