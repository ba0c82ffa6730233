using AgentWorkspace.Data;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using SQLite;

namespace AgentWorkspace.Features.Escalations;

/// <summary>Where one node (the SQLite provider) keeps its jobs.</summary>
public enum JobStorageKind
{
    /// <summary>Hangfire.Storage.SQLite in a file of its own (<c>ConnectionStrings:Hangfire</c>): the schedule survives a restart.</summary>
    Sqlite,

    /// <summary>Hangfire.InMemory: forgotten at a restart (the reconciler rebuilds it); for test hosts and the harness's comparison.</summary>
    InMemory,
}

/// <summary><c>Workspace:Jobs</c>: how the job storage behaves (one node's file, or several nodes sharing PostgreSQL).</summary>
public sealed class JobStorageOptions
{
    public const string Section = "Jobs";

    /// <summary>One node's storage; ignored on PostgreSQL, which always keeps jobs in Hangfire.PostgreSql.</summary>
    public JobStorageKind Storage { get; set; } = JobStorageKind.Sqlite;

    /// <summary>
    /// SQLite storage: how often an idle worker looks at the queue. A rule is due to the second, and
    /// Hangfire.Storage.SQLite's default (15 s) would make it that late.
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// SQLite storage: a lock row lives this long unless its holder renews it (every fifth of it), so the
    /// locks of a process killed while holding them (the schedule poller's, the recurring jobs') are
    /// taken over this soon after a restart instead of the library's 30 s.
    /// </summary>
    public TimeSpan LockLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A Hangfire lock (the scheduler's, the sweep's) left by a node that died is taken over after this;
    /// the default (10 minutes) would stall the other nodes' scheduled rules for that long.
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A job fetched by a node that died is run by another node after this (live workers keep extending it).</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Every node sweeps due rules this often on its own timer, whatever Hangfire's locks are doing.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Hangfire's storage follows the database: Hangfire.Storage.SQLite in a file of its own beside SQLite
/// (one node; the schedule survives a restart, while the database stays the truth: the reconciler and
/// the sweep still fire from its due columns), Hangfire.PostgreSql beside PostgreSQL (a durable queue,
/// distributed locks, recurring jobs once across nodes). In memory only where a host asks for it.
/// </summary>
internal static class JobStorageSetup
{
    public const string Schema = "hangfire";

    public static void AddJobStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureOptions<JobStorageOptions>(builder.Configuration, JobStorageOptions.Section)
            .Validate(o => o.LockTimeout > TimeSpan.Zero && o.InvisibilityTimeout > TimeSpan.Zero && o.SweepEvery > TimeSpan.Zero
                    && o.QueuePollInterval > TimeSpan.Zero && o.LockLifetime > TimeSpan.Zero,
                "Workspace:Jobs:LockTimeout, InvisibilityTimeout, SweepEvery, QueuePollInterval and LockLifetime must be positive.");
        // One storage per host, registered before AddHangfire (which would otherwise fall back to the
        // process-wide JobStorage.Current and let two hosts in one process run each other's jobs).
        builder.Services.AddSingleton<JobStorage>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.PostgreSql
                ? PostgreSql(sp)
                : sp.GetRequiredService<IOptions<JobStorageOptions>>().Value.Storage == JobStorageKind.InMemory
                    ? new InMemoryStorage()
                    : Sqlite(sp));
        builder.Services.AddHostedService<NodeSweep>();
        builder.Services.AddHealthChecks().AddCheck<JobStorageHealthCheck>("jobs");
    }

    /// <summary>Hangfire's own SQLite file (<see cref="SqliteLocation.HangfireFile"/>).</summary>
    public static string HangfireFile(IConfiguration configuration, IHostEnvironment environment) =>
        SqliteLocation.HangfireFile(configuration, environment.ContentRootPath);

    private static SQLiteStorage Sqlite(IServiceProvider sp)
    {
        var file = HangfireFile(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>());
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var jobs = sp.GetRequiredService<IOptions<JobStorageOptions>>().Value;
        var options = new SQLiteStorageOptions
        {
            QueuePollInterval = jobs.QueuePollInterval,
            DistributedLockLifetime = jobs.LockLifetime,
            // The library's 30 minutes would leave a job fetched by a killed process unrun that long.
            InvisibilityTimeout = jobs.InvisibilityTimeout,
            JournalMode = SQLiteStorageOptions.JournalModes.WAL,
        };
        return new SQLiteStorage(new SQLiteDbConnectionFactory(() =>
        {
            // Serialized, not the library's NoMutex: a lock's heartbeat timer renews it on the connection its
            // holder is still using. The busy timeout makes a writer wait rather than fail "database is locked";
            // synchronous=NORMAL (safe in WAL against a killed process) spares an fsync per commit.
            var connection = new SQLiteConnection(file, SQLiteOpenFlags.ReadWrite | SQLiteOpenFlags.Create | SQLiteOpenFlags.FullMutex, storeDateTimeAsTicks: true)
            {
                BusyTimeout = TimeSpan.FromSeconds(10),
            };
            connection.Execute("PRAGMA synchronous=NORMAL");
            return connection;
        }), options);
    }

    private static PostgreSqlStorage PostgreSql(IServiceProvider sp)
    {
        var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("Workspace")!;
        var jobs = sp.GetRequiredService<IOptions<JobStorageOptions>>().Value;
        var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JobStorageSetup));
        // Hangfire.PostgreSql's own schema preparation races when two nodes start on an empty database
        // (both CREATE SCHEMA); it is installed here under an advisory lock instead.
        InstallSchemaAsync(connectionString, database.StartupLockTimeout, logger).GetAwaiter().GetResult();
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = false,
            DistributedLockTimeout = jobs.LockTimeout,
            InvisibilityTimeout = jobs.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            // Rules are due to the second; the default 15 s poll of the queue would make them late.
            QueuePollInterval = TimeSpan.FromMilliseconds(250),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    private static async Task InstallSchemaAsync(string connectionString, TimeSpan timeout, ILogger logger)
    {
        await using var schemaLock = await PostgreSqlStartupLock.AcquireAsync(connectionString, timeout, logger, "hangfire-schema");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        PostgreSqlObjectsInstaller.Install(connection, Schema);
    }
}

/// <summary>
/// On PostgreSQL every node also sweeps due rules on its own timer, so a node killed while holding a
/// Hangfire lock (or the recurring sweep's) delays a rule by at most <see cref="JobStorageOptions.SweepEvery"/>.
/// Firing stays exactly once: each firing's timeline entry has a unique rule key. On SQLite (one node)
/// Hangfire's minutely sweep is enough and this stays idle.
/// </summary>
internal sealed class NodeSweep(
    RuleRunner runner,
    IOptions<DatabaseOptions> database,
    IOptions<JobStorageOptions> jobs,
    TimeProvider time,
    ILogger<NodeSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Value.Provider != DatabaseProvider.PostgreSql)
        {
            return;
        }
        using var timer = new PeriodicTimer(jobs.Value.SweepEvery, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await runner.SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "This node's rule sweep failed; the next one retries");
            }
        }
    }
}

/// <summary>/health names the job storage (and the SQLite storage's file): it must answer (in memory always does).</summary>
internal sealed class JobStorageHealthCheck(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var storage = services.GetRequiredService<JobStorage>();
            using var connection = storage.GetConnection();
            connection.GetAllItemsFromSet("health-probe");
            return Task.FromResult(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(Describe(storage)));
        }
        catch (Exception ex)
        {
            return Task.FromResult(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("The job storage does not answer.", ex));
        }
    }

    private string Describe(JobStorage storage)
    {
        if (storage is not SQLiteStorage)
        {
            return storage.GetType().Name;
        }
        var file = JobStorageSetup.HangfireFile(configuration, environment);
        var relative = Path.GetRelativePath(environment.ContentRootPath, file);
        return $"{nameof(SQLiteStorage)} ({(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative)})";
    }
}
