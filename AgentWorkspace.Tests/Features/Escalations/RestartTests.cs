using System.Net.Http.Json;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Tests.Infrastructure;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentWorkspace.Tests.Features.Escalations;

/// <summary>
/// A crash with rules pending must lose nothing and duplicate nothing: the app process is killed
/// (SIGKILL) before the due times, started again after them, and killed and started once more. The
/// jobs outlive the kill in the Hangfire.Storage.SQLite file, and the locks the killed process held
/// there delay nothing.
/// </summary>
public sealed class RestartTests
{
    private static readonly Dictionary<string, string> ShortRules = new()
    {
        ["Workspace__Escalation__NoResponseAfter"] = "00:00:10",
        ["Workspace__SatisfactionCheck__Delay"] = "00:00:10",
    };

    private static AppProcessOptions Options(string db) =>
        new(db, WorkspaceApp.ApiKey) { DemoPassword = WorkspaceApp.DemoPassword, Settings = ShortRules };

    [Fact]
    public async Task Rules_pending_at_a_hard_stop_fire_exactly_once_after_restart()
    {
        var db = Path.Combine(Path.GetTempPath(), $"aw-restart-{Guid.NewGuid():N}.db");
        try
        {
            int waitingId, resolvedId;
            using (var first = await AppProcess.StartAsync(Options(db)))
            {
                using var api = first.ApiClient();
                waitingId = (await PostAsync(api, "我的订单怎么还没发货？", "restart-wait")).ConversationId;
                resolvedId = (await PostAsync(api, "退款流程是什么？", "restart-csat")).ConversationId;
                // An agent resolves through the same services, from a console with no job server of its own.
                await using (var console = new AgentConsole(db) { KeepDatabase = true })
                {
                    Assert.Equal(ActionKind.Done, (await console.Get<ConversationService>().ResolveAsync(resolvedId, "agent1")).Kind);
                }
                await Eventually.TrueAsync(() => Kept(db).Any(j => j.Kind == RuleKind.NoResponse && j.Id == waitingId), TimeSpan.FromSeconds(10),
                    () => "The no-response job never reached the job file.");
                first.Kill();
            }
            // The schedule outlived the kill, in its own file.
            Assert.Contains(Kept(db), j => j.Kind == RuleKind.NoResponse && j.Id == waitingId);

            await using (var check = Open(db))
            {
                var waiting = await check.Conversations.SingleAsync(c => c.Id == waitingId);
                Assert.Null(waiting.EscalatedAt);
                // On a loaded machine the due time may already have passed: never a negative delay.
                var untilDue = waiting.NoResponseEscalationDueAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
                await Task.Delay(untilDue > TimeSpan.Zero ? untilDue : TimeSpan.Zero);
            }

            // The worst a killed process leaves: Hangfire's own locks, still unexpired at the restart.
            LeaveLocksOfAKilledProcess(db);
            using (var second = await AppProcess.StartAsync(Options(db)))
            {
                var restarted = DateTimeOffset.UtcNow;
                await WaitUntilAsync(db, () => string.Join('\n', second.Log.TakeLast(40)), async c =>
                    await c.Conversations.AnyAsync(x => x.Id == waitingId && x.EscalatedAt != null)
                    && await c.Conversations.AnyAsync(x => x.Id == resolvedId && x.SatisfactionCheckSentAt != null));
                await using (var c = Open(db))
                {
                    // Rules that fell due while the node was down fire within 5 s of its coming back.
                    var waiting = await c.Conversations.SingleAsync(x => x.Id == waitingId);
                    var resolved = await c.Conversations.SingleAsync(x => x.Id == resolvedId);
                    Assert.True(waiting.EscalatedAt <= restarted + TimeSpan.FromSeconds(5), $"Escalated at {waiting.EscalatedAt:O}, restarted at {restarted:O}");
                    Assert.True(resolved.SatisfactionCheckSentAt <= restarted + TimeSpan.FromSeconds(5), $"Satisfaction check at {resolved.SatisfactionCheckSentAt:O}, restarted at {restarted:O}");
                }
                await Task.Delay(1500);
                second.Kill();
            }
            using (var third = await AppProcess.StartAsync(Options(db)))
            {
                await Task.Delay(2000);
            }

            await using var after = Open(db);
            Assert.Equal(1, await after.Timeline.CountAsync(t => t.ConversationId == waitingId && t.Kind == "escalated-no-response"));
            Assert.Equal(1, await after.Escalations.CountAsync(e => e.ConversationId == waitingId));
            Assert.Equal(1, await after.Timeline.CountAsync(t => t.ConversationId == resolvedId && t.Kind == "satisfaction-check-sent"));
            Assert.Equal(1, await after.Messages.CountAsync(m => m.ConversationId == resolvedId && m.AuthorKind == AuthorKind.System));
        }
        finally
        {
            Delete(db);
        }
    }

    [Fact]
    public async Task A_rule_job_kept_over_a_hard_stop_is_not_scheduled_again_and_fires_once()
    {
        var db = Path.Combine(Path.GetTempPath(), $"aw-restart-kept-{Guid.NewGuid():N}.db");
        // Long enough to kill and restart before it is due, even on a loaded machine.
        var options = Options(db) with { Settings = new Dictionary<string, string> { ["Workspace__Escalation__NoResponseAfter"] = "00:00:40" } };
        try
        {
            int id;
            using (var first = await AppProcess.StartAsync(options))
            {
                using var api = first.ApiClient();
                id = (await PostAsync(api, "我的订单怎么还没发货？", "restart-kept")).ConversationId;
                await Eventually.TrueAsync(() => Kept(db).Any(j => j.Kind == RuleKind.NoResponse && j.Id == id), TimeSpan.FromSeconds(10),
                    () => "The no-response job never reached the job file.");
                first.Kill();
            }
            Assert.Single(Kept(db), j => j.Kind == RuleKind.NoResponse && j.Id == id);

            using (var second = await AppProcess.StartAsync(options))
            {
                await Eventually.TrueAsync(() => second.Log.Any(l => l.Contains("Rule reconciler fired", StringComparison.Ordinal)), TimeSpan.FromSeconds(30),
                    () => $"The reconciler did not run.\n{string.Join('\n', second.Log.TakeLast(40))}");
                // The reconciler saw the pending rule and the job it still had: no second job.
                await Task.Delay(TimeSpan.FromSeconds(2));
                Assert.Single(Kept(db), j => j.Kind == RuleKind.NoResponse && j.Id == id);
                Assert.Contains(second.Log, l => l.Contains("rule jobs were still scheduled in the job storage", StringComparison.Ordinal));

                await using (var check = Open(db))
                {
                    var due = (await check.Conversations.SingleAsync(c => c.Id == id)).NoResponseEscalationDueAt!.Value;
                    var untilDue = due - DateTimeOffset.UtcNow;
                    await Task.Delay(untilDue > TimeSpan.Zero ? untilDue : TimeSpan.Zero);
                }
                await Eventually.TrueAsync(async () =>
                {
                    await using var c = Open(db);
                    return await c.Conversations.AnyAsync(x => x.Id == id && x.EscalatedAt != null);
                }, TimeSpan.FromSeconds(20), () => $"The kept job did not fire.\n{string.Join('\n', second.Log.TakeLast(40))}", TimeSpan.FromMilliseconds(200));
                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            await using var after = Open(db);
            Assert.Equal(1, await after.Timeline.CountAsync(t => t.ConversationId == id && t.Kind == "escalated-no-response"));
            Assert.Equal(1, await after.Escalations.CountAsync(e => e.ConversationId == id));
        }
        finally
        {
            Delete(db);
        }
    }

    private static string JobFile(string db) => Path.ChangeExtension(db, ".hangfire.db");

    /// <summary>The rule jobs scheduled in the app's job file, read through the storage's own API.</summary>
    private static List<ScheduledRuleJobs.Kept> Kept(string db)
    {
        using var storage = new SQLiteStorage(JobFile(db), new SQLiteStorageOptions());
        return [.. ScheduledRuleJobs.Read(storage)];
    }

    /// <summary>Lock rows as a process killed while holding them leaves them: unexpired for the app's whole lock lifetime.</summary>
    private static void LeaveLocksOfAKilledProcess(string db)
    {
        using var connection = new SQLite.SQLiteConnection(JobFile(db), storeDateTimeAsTicks: true);
        foreach (var resource in new[] { "HangFire:locks:schedulepoller", "HangFire:recurring-jobs:lock", "HangFire:RuleSweepJob.RunAsync" })
        {
            connection.InsertOrReplace(new Hangfire.Storage.SQLite.Entities.DistributedLock
            {
                Id = Guid.NewGuid().ToString(),
                Resource = resource,
                ResourceKey = Guid.NewGuid().ToString(),
                ExpireAt = DateTime.UtcNow.AddSeconds(5),
            });
        }
    }

    private static void Delete(string db)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { db, JobFile(db) })
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }
    }

    private static async Task<IngestReply> PostAsync(HttpClient api, string text, string customerId)
    {
        var response = await api.PostAsJsonAsync("/api/messages", new { channel = "Email", customerId, text });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IngestReply>(Json.Options))!;
    }

    private static AgentWorkspace.Data.WorkspaceDbContext Open(string db) =>
        new(new DbContextOptionsBuilder<AgentWorkspace.Data.WorkspaceDbContext>().UseSqlite($"Data Source={db}").Options);

    private static async Task WaitUntilAsync(string db, Func<string> log, Func<AgentWorkspace.Data.WorkspaceDbContext, Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using (var c = Open(db))
            {
                if (await condition(c))
                {
                    return;
                }
            }
            if (DateTime.UtcNow >= deadline)
            {
                await using var c = Open(db);
                var state = string.Join('\n', (await c.Conversations.AsNoTracking().ToListAsync()).Select(x => $"#{x.Id} {x.Status} noResponseDue={x.NoResponseEscalationDueAt:O} escalated={x.EscalatedAt:O} csatDue={x.SatisfactionCheckDueAt:O} sent={x.SatisfactionCheckSentAt:O}"));
                Assert.Fail($"Pending rules did not fire within 20 s of the restart (now {DateTimeOffset.UtcNow:O}).\n{state}\nApp log:\n{log()}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>The app's services without its background work (no job server, no reconciler).</summary>
    private sealed class AgentConsole(string db) : WorkspaceApp(ShortRules.ToDictionary(p => p.Key.Replace("__", ":"), p => (string?)p.Value), databasePath: db)
    {
        protected override void ConfigureTestServices(IServiceCollection services) => RemoveBackgroundWork(services);
    }
}
