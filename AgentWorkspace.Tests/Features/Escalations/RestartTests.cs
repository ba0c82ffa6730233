using System.Net.Http.Json;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentWorkspace.Tests.Features.Escalations;

/// <summary>
/// A crash with rules pending must lose nothing and duplicate nothing: the app process is killed
/// (SIGKILL) before the due times, started again after them, and killed and started once more.
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
                first.Kill();
            }

            await using (var check = Open(db))
            {
                var waiting = await check.Conversations.SingleAsync(c => c.Id == waitingId);
                Assert.Null(waiting.EscalatedAt);
                // On a loaded machine the due time may already have passed: never a negative delay.
                var untilDue = waiting.NoResponseEscalationDueAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
                await Task.Delay(untilDue > TimeSpan.Zero ? untilDue : TimeSpan.Zero);
            }

            using (var second = await AppProcess.StartAsync(Options(db)))
            {
                await WaitUntilAsync(db, () => string.Join('\n', second.Log.TakeLast(40)), async c =>
                    await c.Conversations.AnyAsync(x => x.Id == waitingId && x.EscalatedAt != null)
                    && await c.Conversations.AnyAsync(x => x.Id == resolvedId && x.SatisfactionCheckSentAt != null));
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
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(db + suffix);
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
