using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations.Rules;
using Hangfire;
using Hangfire.Dashboard;

namespace AgentWorkspace.Features.Escalations;

public static class EscalationsSetup
{
    public const string DashboardPolicy = "HangfireDashboard";

    public static void AddEscalations(this WebApplicationBuilder builder)
    {
        builder.AddJobStorage();
        builder.Services.AddHangfire((services, configuration) =>
        {
            ConfigureSerializationOnce(configuration);
            configuration.UseLogProvider(new HostLogProvider(services.GetRequiredService<ILoggerFactory>()));
        });
        builder.Services.AddHangfireServer(o =>
        {
            // Jobs must fire within about a second of their due time (the default polls every 15 s).
            o.SchedulePollingInterval = TimeSpan.FromMilliseconds(250);
            // A job taken early waits up to a second for its due time on its worker; keep enough workers
            // that a burst of rules due in the same second does not queue behind those waits.
            o.WorkerCount = Math.Max(20, Environment.ProcessorCount * 5);
        });
        // The timed rules: adding one is a class and a line here.
        builder.Services.AddSingleton<ITimedRule, NoResponseRule>();
        builder.Services.AddSingleton<ITimedRule, CollaborationFeedbackRule>();
        builder.Services.AddSingleton<UrgentReportRule>();
        builder.Services.AddSingleton<ITimedRule>(sp => sp.GetRequiredService<UrgentReportRule>());
        builder.Services.AddSingleton<ITimedRule, CustomerUpdateRule>();
        builder.Services.AddSingleton<ITimedRule, SatisfactionCheckRule>();
        builder.Services.AddSingleton<ITimedRule, SecondHandlingRule>();
        builder.Services.AddSingleton<ITimedRule, AutoAcceptRule>();
        builder.Services.AddSingleton<RuleRunner>();
        builder.Services.AddSingleton<EscalationQueries>();
        builder.Services.AddSingleton<RuleTimerWriter>();
        builder.Services.AddSingleton<IRuleScheduler, HangfireRuleScheduler>();
        builder.Services.AddTransient<RuleJob>();
        builder.Services.AddTransient<RuleSweepJob>();
        builder.Services.AddHostedService<RuleReconciler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(DashboardPolicy, p => p.RequireRole(Roles.Supervisor, Roles.TeamLead));
    }

    private static readonly Lock SerializationGate = new();
    private static bool _serializationConfigured;

    /// <summary>
    /// These settings live in Hangfire's process-wide configuration; applying them again while another
    /// host in the same process serializes a job races, so they are applied once per process.
    /// </summary>
    private static void ConfigureSerializationOnce(IGlobalConfiguration configuration)
    {
        lock (SerializationGate)
        {
            if (!_serializationConfigured)
            {
                configuration.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
                _serializationConfigured = true;
            }
        }
    }

    public static void MapEscalations(this WebApplication app)
    {
        // The dashboard sits behind ASP.NET authorization (sign-in, then Supervisor/TeamLead → else 403).
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new SignedInDashboardFilter()],
            DashboardTitle = "AgentWorkspace jobs",
        }).RequireAuthorization(DashboardPolicy);
    }

    /// <summary>Endpoint authorization already ran; Hangfire's own check only confirms a signed-in user.</summary>
    private sealed class SignedInDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.Identity?.IsAuthenticated == true;
    }
}

/// <summary>
/// Schedules every pending rule from the database at start-up, then sweeps every minute. Rule jobs
/// that a durable storage kept over the restart count as handed over, so none is scheduled twice.
/// </summary>
public sealed class RuleReconciler(RuleRunner runner, IRecurringJobManager recurring, JobStorage storage, RuleTimerWriter timers, ILogger<RuleReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        recurring.AddOrUpdate<RuleSweepJob>(RuleSweepJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        try
        {
            var kept = 0;
            foreach (var job in ScheduledRuleJobs.Read(storage))
            {
                timers.Remember(job.Kind, job.Id, job.DueAt);
                kept++;
            }
            if (kept > 0)
            {
                logger.LogInformation("{Kept} rule jobs were still scheduled in the job storage", kept);
            }
            await runner.ReconcileAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The minutely sweep will catch up; start-up must not fail for this.
            logger.LogError(ex, "Rule reconciliation at start-up failed");
        }
    }
}
