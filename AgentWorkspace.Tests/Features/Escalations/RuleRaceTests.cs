using AgentWorkspace.Data;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AgentWorkspace.Tests.Features.Escalations;

/// <summary>A rule whose conversation changes between its read and its save must not finish as if it had nothing to do.</summary>
public sealed class RuleRaceTests(RuleRaceTests.InterleavingApp app) : IClassFixture<RuleRaceTests.InterleavingApp>
{
    public sealed class InterleavingApp : WorkspaceApp
    {
        public FakeTimeProvider Clock { get; } = TestClock.NewFake();

        public InterleavingWriter Writer { get; } = new();

        protected override void ConfigureTestServices(IServiceCollection services)
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.ConfigureDbContext<WorkspaceDbContext>(o => o.AddInterceptors(Writer));
            // The test is Hangfire here: no background job or sweep may fire the rule in between.
            services.AddSingleton<IRuleScheduler, NoJobs>();
            services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(RuleReconciler)));
        }
    }

    private sealed class NoJobs : IRuleScheduler
    {
        public void Schedule(Conversation conversation)
        {
        }

        public void Schedule(RuleKind kind, int id, DateTimeOffset dueAt)
        {
        }

        public Task FireNowAsync(RuleKind kind, int id, ConversationService writer, CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>Once armed, changes the conversation on the side just before a rule's save, as a colleague would.</summary>
    public sealed class InterleavingWriter : SaveChangesInterceptor
    {
        public string? ArmedFor { get; set; }

        /// <summary>What the colleague changes besides the version (SQL for the conversation's id); by default nothing else.</summary>
        public Func<int, string>? Then { get; set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (ArmedFor is { } prefix && eventData.Context is WorkspaceDbContext db
                && db.ChangeTracker.Entries<TimelineEntry>().FirstOrDefault(e => e.State == EntityState.Added && e.Entity.RuleKey?.StartsWith(prefix, StringComparison.Ordinal) == true) is { } firing)
            {
                ArmedFor = null;
                var id = firing.Entity.ConversationId;
                await db.Database.ExecuteSqlAsync($"UPDATE Conversations SET Version = Version + 1 WHERE Id = {id}", cancellationToken);
                if (Then is { } then)
                {
                    Then = null;
                    await db.Database.ExecuteSqlRawAsync(then(id), cancellationToken);
                }
            }
            return result;
        }
    }

    [Fact]
    public async Task Satisfaction_check_that_loses_a_race_reads_the_conversation_again_and_sends_it_once()
    {
        var posted = await app.PostMessageAsync("退款多久到账？", customerId: "race-csat");
        await app.Get<ConversationService>().ResolveAsync(posted.ConversationId, "agent1");
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var escalations = app.Get<RuleRunner>();

        app.Writer.ArmedFor = "satisfaction:";
        await escalations.FireIfDueAsync(RuleKind.SatisfactionCheck, posted.ConversationId);

        Assert.Null(app.Writer.ArmedFor);
        await using var check = app.Db();
        Assert.NotNull((await check.Conversations.SingleAsync(c => c.Id == posted.ConversationId)).SatisfactionCheckSentAt);
        Assert.Equal(1, await check.Timeline.CountAsync(t => t.ConversationId == posted.ConversationId && t.Kind == "satisfaction-check-sent"));
    }

    [Fact]
    public async Task A_rule_made_moot_by_the_change_it_raced_does_nothing()
    {
        var posted = await app.PostMessageAsync("退款多久到账？", customerId: "race-moot");
        await app.Get<ConversationService>().ResolveAsync(posted.ConversationId, "agent1");
        app.Clock.Advance(TimeSpan.FromMinutes(3));

        // The colleague's change on the side is the customer writing again: the conversation reopens.
        app.Writer.ArmedFor = "satisfaction:";
        app.Writer.Then = id => $"UPDATE Conversations SET Status = '{ConversationStatus.Open}', ResolvedAt = NULL WHERE Id = {id}";
        await app.Get<RuleRunner>().FireIfDueAsync(RuleKind.SatisfactionCheck, posted.ConversationId);

        await using var check = app.Db();
        Assert.Null((await check.Conversations.SingleAsync(c => c.Id == posted.ConversationId)).SatisfactionCheckSentAt);
        Assert.Equal(0, await check.Timeline.CountAsync(t => t.ConversationId == posted.ConversationId && t.Kind == "satisfaction-check-sent"));
    }
}
