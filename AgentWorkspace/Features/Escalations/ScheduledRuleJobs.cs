using AgentWorkspace.Features.Conversations;
using Hangfire;

namespace AgentWorkspace.Features.Escalations;

/// <summary>The rule jobs a storage holds in its schedule: what a durable storage kept over a restart.</summary>
public static class ScheduledRuleJobs
{
    private const int Page = 500;

    public readonly record struct Kept(RuleKind Kind, int Id, DateTimeOffset DueAt);

    public static IEnumerable<Kept> Read(JobStorage storage)
    {
        var monitor = storage.GetMonitoringApi();
        var total = monitor.ScheduledCount();
        for (var from = 0; from < total; from += Page)
        {
            foreach (var (_, job) in monitor.ScheduledJobs(from, Page))
            {
                // A job whose type no longer loads (Job is null) is not a rule's to count.
                if (job?.Job?.Type == typeof(RuleJob) && job.Job.Args is [RuleKind kind, int id, ..])
                {
                    var at = job.EnqueueAt.Kind == DateTimeKind.Local ? job.EnqueueAt.ToUniversalTime() : DateTime.SpecifyKind(job.EnqueueAt, DateTimeKind.Utc);
                    yield return new Kept(kind, id, new DateTimeOffset(at));
                }
            }
        }
    }
}
