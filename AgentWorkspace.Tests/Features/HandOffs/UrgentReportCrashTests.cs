using AgentWorkspace.Data;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWorkspace.Tests.Features.HandOffs;

/// <summary>
/// The urgent report is durable: when the process dies after the conversation became urgent but before
/// 李姐 was told, the next start reports it, once.
/// </summary>
public sealed class UrgentReportCrashTests
{
    /// <summary>A host whose process "dies" at the moment the urgent report would be stored.</summary>
    private sealed class DyingApp : WorkspaceApp
    {
        public DyingApp(string databasePath) : base(null, databasePath: databasePath) => KeepDatabase = true;

        protected override void ConfigureTestServices(IServiceCollection services) =>
            services.ConfigureDbContext<WorkspaceDbContext>(o => o.AddInterceptors(new DieBeforeUrgentReport()));
    }

    private sealed class RestartedApp(string databasePath) : WorkspaceApp(null, databasePath: databasePath);

    private sealed class DieBeforeUrgentReport : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            eventData.Context!.ChangeTracker.Entries<Escalation>().Any(e => e.State == EntityState.Added && e.Entity.Reason == EscalationReason.Urgent)
                ? throw new InvalidOperationException("The process died here.")
                : ValueTask.FromResult(result);
    }

    [Fact]
    public async Task Conversation_that_became_urgent_just_before_a_crash_is_reported_once_after_restart()
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"aw-urgent-crash-{Guid.NewGuid():N}.db");
        int id;
        await using (var dying = new DyingApp(databasePath))
        {
            await dying.InitializeAsync();
            id = (await dying.PostMessageAsync("支付失败导致订单取消了，钱已经扣了", channel: "Phone", customerId: "crash-urgent")).ConversationId;
            await using var db = dying.Db();
            Assert.False(await db.Escalations.AnyAsync(e => e.ConversationId == id));
            Assert.NotNull((await db.Conversations.SingleAsync(c => c.Id == id)).UrgentReportDueAt);
            Assert.Equal(1, await db.Messages.CountAsync(m => m.ConversationId == id));
        }

        await using var restarted = new RestartedApp(databasePath);
        await restarted.InitializeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await using var db = restarted.Db();
            if (await db.Escalations.AnyAsync(e => e.ConversationId == id) || DateTime.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(100);
        }
        // A sweep after the reconciler finds nothing left to report.
        await restarted.Get<RuleRunner>().SweepAsync();

        await using var check = restarted.Db();
        Assert.Equal(1, await check.Escalations.CountAsync(e => e.ConversationId == id && e.Reason == EscalationReason.Urgent));
        Assert.Null((await check.Conversations.SingleAsync(c => c.Id == id)).UrgentReportDueAt);
        Assert.Equal(1, await check.Messages.CountAsync(m => m.ConversationId == id));
    }
}
