using System.Diagnostics;
using AgentWorkspace.Data;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Benchmarks;

/// <summary>
/// What one search costs with a large history: a SQLite file with N conversations (three customer
/// messages each, Simplified and Traditional, an order number in most), indexed by the app's own
/// start-up catch-up, then the search service timed for the queries agents type: an order number
/// with and without 【】, a customer id, a two-character name, a common two-character word, a rare
/// phrase, a Traditional query, words with filters, and a later page.
/// </summary>
internal static class SearchHarness
{
    private static readonly string[] Simplified =
    [
        "我的订单怎么还没发货？订单号【{0}】",
        "申请退款三天了还没到账，订单{0}",
        "优惠券怎么使用？下单的时候没有抵扣",
        "你们的服务太差了，我要投诉！订单号{0}一直没人处理",
        "会员积分清零了，之前攒的积分没有了",
        "快递显示已签收但是我没收到，单号{0}",
        "无法登录APP，一直提示密码错误",
        "发票什么时候能开？订单【{0}】",
        "商品质量有问题，想换货",
        "支付失败了但是钱扣了，订单{0}被取消",
    ];

    private static readonly string[] Traditional =
    [
        "我的訂單怎麼還沒發貨？訂單號【{0}】",
        "無法登錄帳號，請幫忙處理",
        "申請退款很久了還沒到賬，訂單{0}",
        "會員積分不見了，請查詢一下",
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"];
    private static readonly string[] Given = ["芳", "伟", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "桂英", "建华"];

    /// <param name="keep">A database file to keep and reuse between runs (seeding 100,000 takes minutes); deleted otherwise.</param>
    public static async Task RunAsync(int conversations, int repeats, string? keep = null)
    {
        var path = keep ?? Path.Combine(Path.GetTempPath(), $"aw-search-{Guid.NewGuid():N}.db");
        var reuse = keep is not null && File.Exists(keep);
        try
        {
            var builder = new DbContextOptionsBuilder<WorkspaceDbContext>().UseSqlite($"Data Source={path}");
            // AW_SQL=1 prints every SQL statement with its time: where a search's milliseconds go.
            if (Environment.GetEnvironmentVariable("AW_SQL") is not null)
            {
                builder.LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
            }
            var options = builder.Options;
            var factory = new Factory(options);
            await using (var db = factory.CreateDbContext())
            {
                await db.Database.MigrateAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
            var seeding = Stopwatch.StartNew();
            var probe = reuse ? await ProbeAsync(factory, conversations) : await SeedAsync(factory, conversations);
            Console.WriteLine(reuse ? $"Reusing {path}" : $"Seeded {conversations:N0} conversations and {conversations * 3:N0} messages in {seeding.Elapsed.TotalSeconds:0.0} s");

            var index = new SqliteSearchIndex();
            var indexing = Stopwatch.StartNew();
            var indexed = await new SearchIndexCatchUp(factory, index, NullLogger<SearchIndexCatchUp>.Instance).RunAsync();
            Console.WriteLine($"Indexed {indexed:N0} conversations (start-up catch-up) in {indexing.Elapsed.TotalSeconds:0.0} s; database {new FileInfo(path).Length / 1048576.0:0} MB");

            var clock = new TeamClock(TimeProvider.System, Options.Create(new TeamOptions()));
            var search = new ConversationSearch(factory, index, clock, Options.Create(new SearchOptions()));
            var today = clock.Today;
            SearchRequest[] cases =
            [
                new(probe.Order),
                new($"【{probe.Order}】"),
                new(probe.Order[..6]),
                new(probe.CustomerId),
                new(probe.Name),
                new("退款"),
                new("无法登录"),
                new("無法登錄"),
                new("订单 发货"),
                new("退款", Status: ConversationStatus.Open, Channel: Channel.Chat),
                new("投诉", Category: Category.Complaint, From: today.AddDays(-30), To: today),
                new("退款", Page: 5),
                new(Channel: Channel.Email, From: today.AddDays(-7)),
            ];
            // Wall time depends on what else the cores run; CPU time per search (this process, the
            // search being the only work in it) is the cost on an otherwise idle core.
            Console.WriteLine("| query | results | p50 ms | p99 ms | max ms | CPU ms per search |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
            foreach (var request in cases)
            {
                var first = await search.SearchAsync(request);
                var times = new List<double>();
                var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < repeats; i++)
                {
                    var sw = Stopwatch.StartNew();
                    await search.SearchAsync(request);
                    times.Add(sw.Elapsed.TotalMilliseconds);
                }
                var cpuPerSearch = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / repeats;
                times.Sort();
                var total = first.MoreThan ? $"> {ConversationSearch.MaxCounted:N0}"
                    : first.ExaminedOnly is { } examined ? $"≥ {first.Total:N0} (among the newest {examined:N0} with the words)"
                    : first.Total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
                Console.WriteLine($"| {Describe(request)} | {total} | {Percentiles.Of(times, 50):0.0} | {Percentiles.Of(times, 99):0.0} | {times[^1]:0.0} | {cpuPerSearch:0.0} |");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in keep is null ? new[] { "", "-wal", "-shm" } : [])
            {
                File.Delete(path + suffix);
            }
        }
    }

    private static async Task<Probe> ProbeAsync(Factory factory, int count)
    {
        await using var db = factory.CreateDbContext();
        var c = await db.Conversations.AsNoTracking().Include(x => x.Customer).Include(x => x.Messages).OrderBy(x => x.Id).Skip(count / 2).FirstAsync();
        var order = System.Text.RegularExpressions.Regex.Match(string.Join(" ", c.Messages.Select(m => m.Text)), "23[0-9]{7}").Value;
        return new Probe(order, c.Customer.ExternalId, c.Customer.Name!);
    }

    private static string Describe(SearchRequest r)
    {
        var parts = new List<string>();
        if (r.Query is { } q)
        {
            parts.Add($"`{q}`");
        }
        if (r.Status is { } s)
        {
            parts.Add($"status={s}");
        }
        if (r.Channel is { } c)
        {
            parts.Add($"channel={c}");
        }
        if (r.Category is { } cat)
        {
            parts.Add($"category={cat}");
        }
        if (r.From is not null || r.To is not null)
        {
            parts.Add("dates");
        }
        if (r.Page > 1)
        {
            parts.Add($"page {r.Page}");
        }
        return string.Join(", ", parts);
    }

    private sealed record Probe(string Order, string CustomerId, string Name);

    private static async Task<Probe> SeedAsync(Factory factory, int count)
    {
        var random = new Random(15);
        var now = DateTimeOffset.UtcNow;
        var channels = Enum.GetValues<Channel>();
        var statuses = new[] { ConversationStatus.Closed, ConversationStatus.Closed, ConversationStatus.Closed, ConversationStatus.Resolved, ConversationStatus.Open, ConversationStatus.New };
        var categories = new[] { Category.Consultation, Category.Complaint, Category.TechnicalSupport, Category.Suggestion };
        await using var db = factory.CreateDbContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var customerCount = Math.Max(1, count / 5);
        var customers = Enumerable.Range(0, customerCount).Select(i => new Customer
        {
            ExternalId = $"u{100000 + i}",
            Name = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)],
            CreatedAt = now.AddDays(-200),
        }).ToList();
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        Probe? probe = null;
        for (var batch = 0; batch < count; batch += 2000)
        {
            for (var i = batch; i < Math.Min(batch + 2000, count); i++)
            {
                // Ids grow with arrival, as they do in the app: 90 days, oldest first.
                var created = now.AddMinutes(-90.0 * 24 * 60 * (count - i) / count);
                var order = $"23{random.Next(1000000, 9999999):D7}";
                var customer = customers[i % customers.Count];
                var conversation = new Conversation
                {
                    CustomerId = customer.Id,
                    Channel = channels[i % channels.Length],
                    Status = statuses[random.Next(statuses.Length)],
                    Category = categories[i % categories.Length],
                    Priority = (Priority)random.Next(0, 4),
                    CreatedAt = created,
                    LastCustomerMessageAt = created,
                    FirstResponseDueAt = created.AddMinutes(30),
                };
                for (var m = 0; m < 3; m++)
                {
                    var pool = random.Next(5) == 0 ? Traditional : Simplified;
                    var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, pool[random.Next(pool.Length)], order);
                    conversation.Messages.Add(new Message { AuthorKind = AuthorKind.Customer, AuthorName = customer.Name, Text = text, CreatedAt = created.AddMinutes(m) });
                }
                conversation.Preview = conversation.Messages[^1].Text;
                db.Conversations.Add(conversation);
                if (i == count / 2)
                {
                    probe = new Probe(order, customer.ExternalId, customer.Name!);
                }
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        return probe!;
    }

    private sealed class Factory(DbContextOptions<WorkspaceDbContext> options) : IDbContextFactory<WorkspaceDbContext>
    {
        public WorkspaceDbContext CreateDbContext() => new(options);
    }
}
