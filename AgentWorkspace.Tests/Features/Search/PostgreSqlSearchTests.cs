using AgentWorkspace.Features;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Search;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Search;

/// <summary>
/// Search with <c>Workspace:Database:Provider=PostgreSql</c>: the app in process on a real
/// PostgreSQL (<see cref="ClusterServices"/>), its migrations and its own full-text index
/// (tsvector under GIN, <see cref="PostgreSqlSearchIndex"/>) fed by the real ingest path. The same
/// promises as the SQLite index: order numbers with or without brackets, both scripts, two-character
/// words, every word required, names, filters, paging and the catch-up. Skipped, naming the Debian
/// packages, where PostgreSQL is not installed.
/// </summary>
public sealed class PostgreSqlSearchTests(PostgreSqlSearchTests.PostgresNode node) : IClassFixture<PostgreSqlSearchTests.PostgresNode>
{
    private static readonly Random Random = new();

    private static string UniqueWord() => new([.. Enumerable.Range(0, 4).Select(_ => (char)Random.Next(0x5E00, 0x6E00))]);

    private static string UniqueOrder() => $"9{Random.NextInt64(10_000_000, 99_999_999)}";

    private WorkspaceApp App
    {
        get
        {
            Assert.SkipWhen(node.SkipReason is not null, $"PostgreSQL search test skipped: {node.SkipReason}");
            return node.App!;
        }
    }

    private ConversationSearch Search => App.Get<ConversationSearch>();

    private async Task<List<int>> Ids(SearchRequest request) => [.. (await Search.SearchAsync(request)).Hits.Select(h => h.Conversation.Id)];

    [Fact]
    public async Task The_app_on_PostgreSQL_searches_with_the_tsvector_index()
    {
        Assert.IsType<PostgreSqlSearchIndex>(App.Get<ISearchIndex>());
        await using var db = App.Db();
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
    }

    [Fact]
    public async Task An_order_number_is_found_with_or_without_its_brackets_and_by_its_start()
    {
        var order = UniqueOrder();
        var posted = await App.PostMessageAsync($"我的订单怎么还没发货？订单号【{order}】", customerId: $"pg-order-{order}");

        foreach (var query in new[] { order, $"【{order}】", $"[{order}]", order[..6], $"订单号{order}" })
        {
            Assert.Contains(posted.ConversationId, await Ids(new SearchRequest(query)));
        }
        Assert.DoesNotContain(posted.ConversationId, await Ids(new SearchRequest(order[1..])));
    }

    [Fact]
    public async Task Text_is_found_in_either_script_by_two_characters_and_only_with_every_word()
    {
        var word = UniqueWord();
        var traditional = await App.PostMessageAsync($"我無法登錄訂單頁面{word}", customerId: $"pg-tc-{word}");
        var simplified = await App.PostMessageAsync($"我无法登录订单页面{word}", customerId: $"pg-sc-{word}", channel: "Email");

        foreach (var query in new[] { $"無法登錄訂單頁面{word}", $"无法登录订单页面{word}", $"登录 {word}", $"訂單 {word}", word[..2] })
        {
            var ids = await Ids(new SearchRequest(query));
            Assert.Contains(traditional.ConversationId, ids);
            Assert.Contains(simplified.ConversationId, ids);
        }
        Assert.DoesNotContain(simplified.ConversationId, await Ids(new SearchRequest($"{word} 退款到账")));
    }

    [Fact]
    public async Task A_customer_is_found_by_id_and_by_the_name_it_has_now()
    {
        var word = UniqueWord();
        var customerId = $"pgcust{UniqueOrder()}";
        var posted = await App.PostMessageAsync("你好，想问一下发票", customerId: customerId, customerName: $"王{word}");
        Assert.Contains(posted.ConversationId, await Ids(new SearchRequest(customerId)));
        Assert.Contains(posted.ConversationId, await Ids(new SearchRequest($"王{word}")));

        var renamed = UniqueWord();
        await App.PostMessageAsync("还有一个问题", customerId: customerId, customerName: renamed);
        Assert.Contains(posted.ConversationId, await Ids(new SearchRequest(renamed)));
        Assert.DoesNotContain(posted.ConversationId, await Ids(new SearchRequest($"王{word}")));
    }

    [Fact]
    public async Task Filters_narrow_and_pages_come_newest_first()
    {
        var word = UniqueWord();
        var chat = await App.PostMessageAsync($"优惠券怎么使用 {word}", customerId: $"pg-f1-{word}", channel: "Chat");
        var email = await App.PostMessageAsync($"你们的服务太差了，我要投诉 {word}", customerId: $"pg-f2-{word}", channel: "Email");
        await App.Get<ConversationService>().ClaimAsync(chat.ConversationId, "agent1");

        Assert.Equal([email.ConversationId, chat.ConversationId], await Ids(new SearchRequest(word)));
        Assert.Equal([chat.ConversationId], await Ids(new SearchRequest(word, Channel: Channel.Chat)));
        Assert.Equal([email.ConversationId], await Ids(new SearchRequest(word, Category: Category.Complaint)));
        Assert.Equal([chat.ConversationId], await Ids(new SearchRequest(word, Status: ConversationStatus.Open)));
        var today = App.Get<TeamClock>().Today;
        Assert.Empty(await Ids(new SearchRequest(word, From: today.AddDays(1))));

        var paged = UniqueWord();
        var posted = new List<int>();
        for (var i = 0; i < Search.PageSize + 2; i++)
        {
            posted.Add((await App.PostMessageAsync($"物流查询 {paged}", customerId: $"pg-page-{paged}-{i}")).ConversationId);
        }
        posted.Reverse();
        var first = await Search.SearchAsync(new SearchRequest(paged));
        Assert.Equal(Search.PageSize + 2, first.Total);
        Assert.Equal(posted.Take(Search.PageSize), first.Hits.Select(h => h.Conversation.Id));
        Assert.Equal(posted.Skip(Search.PageSize), (await Search.SearchAsync(new SearchRequest(paged, Page: 2))).Hits.Select(h => h.Conversation.Id));
    }

    [Fact]
    public async Task The_catch_up_indexes_a_conversation_the_index_lost()
    {
        var word = UniqueWord();
        var posted = await App.PostMessageAsync($"想咨询一下 {word}", customerId: $"pg-catchup-{UniqueOrder()}");
        await using (var db = App.Db())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"SearchConversations\" WHERE \"ConversationId\" = {0}", posted.ConversationId);
        }
        Assert.DoesNotContain(posted.ConversationId, await Ids(new SearchRequest(word)));

        Assert.True(await App.Get<SearchIndexCatchUp>().RunAsync() >= 1);
        Assert.Contains(posted.ConversationId, await Ids(new SearchRequest(word)));
    }

    /// <summary>A real PostgreSQL and the app on it, shared by this class's tests.</summary>
    public sealed class PostgresNode : IAsyncLifetime
    {
        private ClusterServices? _cluster;

        public string? SkipReason { get; private set; } = ClusterServices.WhyNot();

        public WorkspaceApp? App { get; private set; }

        public async ValueTask InitializeAsync()
        {
            if (SkipReason is not null)
            {
                return;
            }
            _cluster = await ClusterServices.StartAsync();
            App = new Node(new Dictionary<string, string?>
            {
                ["Workspace:Database:Provider"] = "PostgreSql",
                ["ConnectionStrings:Workspace"] = _cluster.Database("aw_search"),
            });
            await App.InitializeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (App is not null)
            {
                await App.DisposeAsync();
            }
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }

        private sealed class Node(IDictionary<string, string?> settings) : WorkspaceApp(settings);
    }
}
