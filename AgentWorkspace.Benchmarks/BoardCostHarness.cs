using System.Diagnostics;
using AgentWorkspace.Data;
using AgentWorkspace.Features;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Features.WallBoard;
using AgentWorkspace.Realtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Benchmarks;

/// <summary>
/// What one wall-board update costs the server with a large history: a SQLite file with N historical
/// conversations over 90 days plus an open queue, then the board snapshot and the 14-day trend timed
/// repeatedly. The board recomputes at most once a second however many events arrive (coalescing),
/// so 20 events/s cost one update per second.
/// </summary>
internal static class BoardCostHarness
{
    public static async Task RunAsync(int historical, int open, int repeats)
    {
        var path = Path.Combine(Path.GetTempPath(), $"aw-board-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<WorkspaceDbContext>().UseSqlite($"Data Source={path}").Options;
            var factory = new Factory(options);
            await using (var db = factory.CreateDbContext())
            {
                await db.Database.MigrateAsync();
            }
            var seeding = Stopwatch.StartNew();
            await SeedAsync(factory, historical, open);
            Console.WriteLine($"Seeded {historical:N0} historical and {open:N0} open conversations in {seeding.Elapsed.TotalSeconds:0.0} s");

            var clock = new TeamClock(TimeProvider.System, Options.Create(new TeamOptions()));
            var presence = new PresenceTracker();
            using var online = presence.Enter("agent1");
            var metrics = new TeamMetrics(factory, new EscalationQueries(factory), clock, presence);
            await metrics.BoardAsync();
            await metrics.TrendAsync(14);
            var board = Time(repeats, () => metrics.BoardAsync());
            var trend = Time(repeats, () => metrics.TrendAsync(14));
            var boardTimes = await board;
            var trendTimes = await trend;
            Console.WriteLine("| computation | runs | p50 ms | p99 ms | max ms |");
            Console.WriteLine("| --- | --- | --- | --- | --- |");
            Console.WriteLine($"| board snapshot (queue, escalations, today's metrics, agents, hours) | {repeats} | {Percentiles.Of(boardTimes, 50):0.0} | {Percentiles.Of(boardTimes, 99):0.0} | {boardTimes[^1]:0.0} |");
            Console.WriteLine($"| 14-day compliance trend (once a minute) | {repeats} | {Percentiles.Of(trendTimes, 50):0.0} | {Percentiles.Of(trendTimes, 99):0.0} | {trendTimes[^1]:0.0} |");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    private static async Task<List<double>> Time(int repeats, Func<Task> work)
    {
        var times = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            await work();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    private static async Task SeedAsync(Factory factory, int historical, int open)
    {
        var random = new Random(7);
        var now = DateTimeOffset.UtcNow;
        var channels = Enum.GetValues<Channel>();
        var categories = new[] { Category.Consultation, Category.Complaint, Category.TechnicalSupport, Category.Suggestion };
        await using var db = factory.CreateDbContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var customers = Enumerable.Range(0, 5000).Select(i => new Customer { ExternalId = $"hist-{i}", Name = $"客户{i}", CreatedAt = now.AddDays(-120) }).ToList();
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync();
        for (var batch = 0; batch < historical + open; batch += 5000)
        {
            for (var i = batch; i < Math.Min(batch + 5000, historical + open); i++)
            {
                var isOpen = i >= historical;
                var created = isOpen ? now.AddMinutes(-random.Next(1, 240)) : now.AddMinutes(-random.Next(60, 90 * 24 * 60));
                var priority = (Priority)random.Next(0, 4);
                var responded = isOpen && random.Next(2) == 0 ? (DateTimeOffset?)null : created.AddSeconds(random.Next(10, 7200));
                var due = created.AddMinutes(priority switch { Priority.Urgent => 5, Priority.High => 30, Priority.Medium => 120, _ => 1440 });
                db.Conversations.Add(new Conversation
                {
                    CustomerId = customers[i % customers.Count].Id,
                    Channel = channels[i % channels.Length],
                    Status = isOpen ? ConversationStatus.Open : ConversationStatus.Closed,
                    Preview = "我的订单怎么还没发货？",
                    Category = categories[i % categories.Length],
                    Priority = priority,
                    CreatedAt = created,
                    LastCustomerMessageAt = created,
                    FirstResponseDueAt = due,
                    FirstRespondedAt = responded,
                    FirstResponseBreached = responded > due,
                    ClassifiedAt = created.AddSeconds(random.Next(2, 15)),
                    SecondsToClassify = random.Next(2, 15),
                    AssigneeUserName = isOpen && random.Next(3) == 0 ? null : $"agent{1 + i % 2}",
                    ResolvedAt = isOpen ? null : created.AddHours(2),
                    ResolveCount = isOpen ? 0 : 1,
                    Satisfaction = isOpen ? null : (SatisfactionAnswer)(random.Next(10) switch { < 8 => 0, 8 => 1, _ => 2 }),
                });
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    private sealed class Factory(DbContextOptions<WorkspaceDbContext> options) : IDbContextFactory<WorkspaceDbContext>
    {
        public WorkspaceDbContext CreateDbContext() => new(options);
    }
}
