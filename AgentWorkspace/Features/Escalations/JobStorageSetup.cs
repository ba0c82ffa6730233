using AgentWorkspace.Data;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentWorkspace.Features.Escalations;

/// <summary><c>Workspace:Jobs</c>: how the job storage behaves when several nodes share it (PostgreSQL).</summary>
public sealed class JobStorageOptions
{
    public const string Section = "Jobs";

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
/// Hangfire's storage follows the database: in memory beside SQLite (one node; the database is the
/// truth and the reconciler rebuilds the schedule at start-up), Hangfire.PostgreSql beside PostgreSQL
/// (a durable queue, distributed locks, recurring jobs once across nodes).
/// </summary>
internal static class JobStorageSetup
{
    public const string Schema = "hangfire";

    public static void AddJobStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddFeatureOptions<JobStorageOptions>(builder.Configuration, JobStorageOptions.Section)
            .Validate(o => o.LockTimeout > TimeSpan.Zero && o.InvisibilityTimeout > TimeSpan.Zero && o.SweepEvery > TimeSpan.Zero,
                "Workspace:Jobs:LockTimeout, InvisibilityTimeout and SweepEvery must be positive.");
        // One storage per host, registered before AddHangfire (which would otherwise fall back to the
        // process-wide JobStorage.Current and let two hosts in one process run each other's jobs).
        builder.Services.AddSingleton<JobStorage>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.PostgreSql
                ? PostgreSql(sp)
                : new InMemoryStorage());
        builder.Services.AddHostedService<NodeSweep>();
        builder.Services.AddHealthChecks().AddCheck<JobStorageHealthCheck>("jobs");
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

/// <summary>/health names the job storage: Hangfire.PostgreSql must answer (in memory always does).</summary>
internal sealed class JobStorageHealthCheck(IServiceProvider services) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var storage = services.GetRequiredService<JobStorage>();
            using var connection = storage.GetConnection();
            connection.GetAllItemsFromSet("health-probe");
            return Task.FromResult(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(storage.GetType().Name));
        }
        catch (Exception ex)
        {
            return Task.FromResult(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("The job storage does not answer.", ex));
        }
    }
}
