using System.Net.Http.Json;
using AgentWorkspace.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentWorkspace.Tests.Infrastructure;

/// <summary>
/// The real app over a real SQLite file of its own (deleted on dispose), real Identity, real
/// Hangfire on the production storage (Hangfire.Storage.SQLite, in a second file of its own beside
/// the database). Settings override configuration exactly as environment variables would.
/// </summary>
public class WorkspaceApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ApiKey = "test-ingest-key";
    public const string DemoPassword = "Test@12345";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _kestrel;

    public WorkspaceApp() : this(null)
    {
    }

    protected WorkspaceApp(IDictionary<string, string?>? settings, bool kestrel = false, string? databasePath = null)
    {
        _kestrel = kestrel;
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), $"aw-test-{Guid.NewGuid():N}.db");
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Workspace"] = $"Data Source={DatabasePath}",
            // The name an app process beside the same database uses, so a console host shares its job file.
            ["ConnectionStrings:Hangfire"] = $"Data Source={HangfirePath}",
            ["Workspace:Ingest:ApiKey"] = ApiKey,
            ["Workspace:Seed:DemoPassword"] = DemoPassword,
            ["Workspace:Simulator:Enabled"] = "false",
            // The suite signs in, chats and calls the API far more often than a person; the limit
            // tests set their own low limits on hosts of their own.
            ["Workspace:Limits:ChatMessagesPerMinute"] = "100000",
            ["Workspace:Limits:ChatConversationsPerHour"] = "100000",
            ["Workspace:Limits:LoginAttemptsPerMinute"] = "100000",
            ["Workspace:Limits:ApiRequestsPerSecond"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    public string DatabasePath { get; }

    /// <summary>The host's Hangfire.Storage.SQLite file (unused where a host keeps its jobs in memory).</summary>
    public string HangfirePath => Path.ChangeExtension(DatabasePath, ".hangfire.db");

    /// <summary>The host's warnings and errors.</summary>
    public CapturedLog Log { get; } = new();

    /// <summary>Keep the database file after dispose (restart tests reuse it).</summary>
    public bool KeepDatabase { get; init; }

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    /// <summary>
    /// The app's services without its background work: no Hangfire server, no reconciler, no
    /// simulator. For hosts whose test is the clock (it calls the sweep itself) or a console beside
    /// a running app.
    /// </summary>
    protected static void RemoveBackgroundWork(IServiceCollection services)
    {
        var background = services.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
            && (d.ImplementationFactory is not null || d.ImplementationType?.Assembly == typeof(Program).Assembly)).ToList();
        foreach (var descriptor in background)
        {
            services.Remove(descriptor);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(l => l.AddProvider(Log));
        builder.ConfigureTestServices(ConfigureTestServices);
    }

    public ValueTask InitializeAsync()
    {
        if (_kestrel)
        {
            StartServer();
        }
        else
        {
            _ = Server;
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The real address when served by Kestrel (browser tests).</summary>
    public Uri ServerAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Client options aimed at the real server when there is one.</summary>
    public WebApplicationFactoryClientOptions Options(bool cookies = false) => new()
    {
        AllowAutoRedirect = false,
        HandleCookies = cookies,
        BaseAddress = _kestrel ? ServerAddress : new Uri("http://localhost"),
    };

    public WorkspaceDbContext Db() => Services.GetRequiredService<IDbContextFactory<WorkspaceDbContext>>().CreateDbContext();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>What this host's Hangfire holds, for a failure message: servers, counts, recent jobs and their states.</summary>
    public string JobsReport()
    {
        var monitor = Get<Hangfire.JobStorage>().GetMonitoringApi();
        var report = new System.Text.StringBuilder();
        var stats = monitor.GetStatistics();
        report.AppendLine($"servers {stats.Servers}, scheduled {stats.Scheduled}, enqueued {stats.Enqueued}, processing {stats.Processing}, succeeded {stats.Succeeded}, failed {stats.Failed}, retries {stats.Retries}");
        foreach (var server in monitor.Servers())
        {
            report.AppendLine($"server {server.Name}: workers {server.WorkersCount}, heartbeat {server.Heartbeat:O}");
        }
        IEnumerable<string> ids = [
            .. monitor.ScheduledJobs(0, 20).Select(j => j.Key),
            .. monitor.ProcessingJobs(0, 20).Select(j => j.Key),
            .. monitor.FailedJobs(0, 20).Select(j => j.Key),
            .. monitor.SucceededJobs(0, 10).Select(j => j.Key),
        ];
        foreach (var id in ids.Distinct())
        {
            var job = monitor.JobDetails(id);
            report.AppendLine($"job {id} {job?.Job?.Method.Name}({string.Join(", ", job?.Job?.Args ?? [])}) created {job?.CreatedAt:HH:mm:ss.fff}");
            foreach (var state in job?.History ?? [])
            {
                report.AppendLine($"  {state.CreatedAt:HH:mm:ss.fff} {state.StateName} {state.Reason} {string.Join(' ', state.Data.Select(d => $"{d.Key}={d.Value}"))}");
            }
        }
        return report.ToString();
    }

    public HttpClient ApiClient()
    {
        var client = CreateClient(Options());
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    /// <summary>Signs in through the real login form post; the client keeps the cookie.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string? password = null)
    {
        var client = CreateClient(Options(cookies: true));
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = userName,
            ["password"] = password ?? DemoPassword,
        }));
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("error") == true)
        {
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }
        return client;
    }

    public async Task<IngestReply> PostMessageAsync(string text, string channel = "Chat", string customerId = "cust-1", string? customerName = "张伟", string? externalId = null)
    {
        using var client = ApiClient();
        var response = await client.PostAsJsonAsync("/api/messages", new { channel, customerId, customerName, text, externalId });
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /api/messages answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\nServer log:\n{Log.Tail(10)}");
        }
        return (await response.Content.ReadFromJsonAsync<IngestReply>(Json.Options))!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (!KeepDatabase)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { DatabasePath, HangfirePath })
            {
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    try
                    {
                        File.Delete(file + suffix);
                    }
                    catch (IOException)
                    {
                    }
                }
            }
        }
    }
}

public sealed record IngestReply(int ConversationId, long MessageId, DateTimeOffset? FirstResponseDueAt, ClassificationReply Classification, bool Duplicate);

public sealed record ClassificationReply(string Category, string? Topic, string Priority, string[] MatchedKeywords, bool Ambiguous, string[] ClarifyingQuestions, bool NeedsCollaboration, bool Agitated, ReasonReply[]? Reasons = null);

public sealed record ReasonReply(string Field, string Value, string Source, string? Evidence);

public static class Json
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
