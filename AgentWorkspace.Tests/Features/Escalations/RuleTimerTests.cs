using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Tests.Infrastructure;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentWorkspace.Tests.Features.Escalations;

/// <summary>
/// Timers reach Hangfire once per due time and off the caller's thread: every change to a conversation
/// asks for its timers again, and on PostgreSQL each job costs blocking round trips.
/// </summary>
public sealed class RuleTimerTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    [Fact]
    public async Task A_customers_repeated_lines_hand_each_timer_to_hangfire_once()
    {
        var first = await app.PostMessageAsync("我的订单怎么还没发货？", customerId: "timer-repeat");
        await app.PostMessageAsync("在吗？", customerId: "timer-repeat");
        await app.PostMessageAsync("快点处理一下", customerId: "timer-repeat");
        await app.Get<RuleTimerWriter>().HandedOverAsync();

        var jobs = JobsFor(app.Get<JobStorage>(), first.ConversationId);
        Assert.Single(jobs, k => k == RuleKind.NoResponse);
        Assert.Single(jobs, k => k == RuleKind.ClassificationAutoAccept);
    }

    [Fact]
    public async Task A_moved_due_time_or_a_job_that_ran_is_handed_over_again()
    {
        var storage = new InMemoryStorage();
        await using var writer = new RuleTimerWriter(new BackgroundJobClient(storage), NullLogger<RuleTimerWriter>.Instance);
        var due = DateTimeOffset.UtcNow.AddHours(1);

        writer.Hand(RuleKind.NoResponse, 7, due);
        writer.Hand(RuleKind.NoResponse, 7, due);
        await writer.HandedOverAsync();
        Assert.Single(JobsFor(storage, 7));

        writer.Hand(RuleKind.NoResponse, 7, due.AddMinutes(5));
        await writer.HandedOverAsync();
        Assert.Equal(2, JobsFor(storage, 7).Count);

        // The job for the first time ran (and found nothing due, say): the same instant is a new job.
        writer.Forget(RuleKind.NoResponse, 7);
        writer.Hand(RuleKind.NoResponse, 7, due.AddMinutes(5));
        await writer.HandedOverAsync();
        Assert.Equal(3, JobsFor(storage, 7).Count);
    }

    private static List<RuleKind> JobsFor(JobStorage storage, int id) =>
        [.. storage.GetMonitoringApi().ScheduledJobs(0, 1000)
            .Select(j => j.Value.Job)
            .Where(j => j.Method.Name == nameof(RuleJob.RunAsync) && (int)j.Args[1] == id)
            .Select(j => (RuleKind)j.Args[0])];
}
