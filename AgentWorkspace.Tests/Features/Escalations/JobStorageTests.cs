using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace AgentWorkspace.Tests.Features.Escalations;

/// <summary>One node's jobs live in Hangfire.Storage.SQLite, in a file of their own, beside EF Core's SQLite in the same process.</summary>
public sealed class JobStorageTests(SharedApp app)
{
    [Fact]
    public async Task EF_and_the_job_storage_share_one_native_sqlite_and_both_work_in_one_process()
    {
        // EF writes and reads the workspace database...
        var posted = await app.PostMessageAsync("我的订单怎么还没发货？", customerId: "one-native-sqlite");
        await using (var db = app.Db())
        {
            Assert.True(await db.Conversations.AnyAsync(c => c.Id == posted.ConversationId));
        }
        // ...and a job scheduled in the SQLite job file runs.
        var storage = Assert.IsType<SQLiteStorage>(app.Get<JobStorage>());
        var token = Guid.NewGuid().ToString("N");
        app.Get<IBackgroundJobClient>().Schedule(() => ProbeJob.Run(token), TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => ProbeJob.Ran.ContainsKey(token), TimeSpan.FromSeconds(20), () => $"The scheduled job did not run.\n{app.JobsReport()}");
        Assert.True(File.Exists(app.HangfirePath), $"No job file at {app.HangfirePath}");

        // Both libraries are bound to the same native build, and the process has loaded exactly one.
        using var jobConnection = storage.CreateAndOpenConnection();
        var jobsSqlite = jobConnection.Database.ExecuteScalar<string>("select sqlite_version()");
        await using var db2 = app.Db();
        var efSqlite = await db2.Database.SqlQueryRaw<string>("select sqlite_version() as Value").SingleAsync();
        Assert.Equal(efSqlite, jobsSqlite);
        Assert.Equal("3.53.4", efSqlite);
        var natives = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault())
            .Where(p => p is not null && Path.GetFileName(p).Contains("sqlite3", StringComparison.Ordinal) && p.EndsWith(".so", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Equal("libe_sqlite3.so", Path.GetFileName(Assert.Single(natives)));
    }

    [Fact]
    public async Task Health_names_the_job_storage_and_its_file()
    {
        using var client = app.CreateClient();
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        var jobs = health.GetProperty("checks").GetProperty("jobs");
        Assert.Equal("Healthy", jobs.GetProperty("status").GetString());
        Assert.Equal($"SQLiteStorage ({app.HangfirePath})", jobs.GetProperty("description").GetString());
    }

    [Fact]
    public void The_job_file_defaults_to_hangfire_db_beside_the_workspace_database()
    {
        var root = Path.Combine(Path.GetTempPath(), $"aw-root-{Guid.NewGuid():N}");
        var environment = new Environment(root);
        Assert.Equal(Path.Combine(root, "App_Data", "hangfire.db"), JobStorageSetup.HangfireFile(Config(null, null), environment));
        Assert.Equal("/srv/aw/hangfire.db", JobStorageSetup.HangfireFile(Config("Data Source=/srv/aw/workspace.db", null), environment));
        Assert.Equal(Path.Combine(root, "App_Data", "jobs.db"), JobStorageSetup.HangfireFile(Config("Data Source=/srv/aw/workspace.db", "Data Source=App_Data/jobs.db"), environment));
        Assert.Equal("/var/jobs.db", JobStorageSetup.HangfireFile(Config(null, "/var/jobs.db"), environment));
        var error = Assert.Throws<InvalidOperationException>(() => JobStorageSetup.HangfireFile(Config("Data Source=/srv/aw/workspace.db", "/srv/aw/workspace.db"), environment));
        Assert.Contains("ConnectionStrings:Hangfire", error.Message);
    }

    private static IConfiguration Config(string? workspace, string? hangfire) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Workspace"] = workspace, ["ConnectionStrings:Hangfire"] = hangfire })
        .Build();

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";
        public string ApplicationName { get; set; } = "AgentWorkspace";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

/// <summary>The probe job: a static method, so Hangfire needs no service to run it.</summary>
public static class ProbeJob
{
    public static readonly ConcurrentDictionary<string, DateTimeOffset> Ran = new();

    public static void Run(string token) => Ran[token] = DateTimeOffset.UtcNow;
}
