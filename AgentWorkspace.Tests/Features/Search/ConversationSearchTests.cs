using AgentWorkspace.Features;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Search;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Search;

/// <summary>
/// Search over the shared app's real SQLite file and its FTS5 index, fed by the real ingest path.
/// Each test writes words no other test uses, so the other classes' conversations never match.
/// </summary>
public sealed class ConversationSearchTests(SharedApp app)
{
    private static readonly Random Random = new();

    /// <summary>Four random common ideographs that no seed or other test writes together.</summary>
    private static string UniqueWord() => new([.. Enumerable.Range(0, 4).Select(_ => (char)Random.Next(0x5E00, 0x6E00))]);

    private static string UniqueOrder() => $"9{Random.NextInt64(10_000_000, 99_999_999)}";

    private ConversationSearch Search => app.Get<ConversationSearch>();

    [Fact]
    public async Task An_order_number_is_found_with_or_without_its_brackets_and_by_its_start()
    {
        var order = UniqueOrder();
        var posted = await app.PostMessageAsync($"我的订单怎么还没发货？订单号【{order}】", customerId: $"search-order-{order}");

        foreach (var query in new[] { order, $"【{order}】", $"[{order}]", order[..6], $"订单号{order}" })
        {
            var results = await Search.SearchAsync(new SearchRequest(query));
            Assert.Contains(results.Hits, h => h.Conversation.Id == posted.ConversationId);
        }
        Assert.DoesNotContain((await Search.SearchAsync(new SearchRequest(order[1..]))).Hits, h => h.Conversation.Id == posted.ConversationId);
    }

    [Fact]
    public async Task Message_text_is_found_in_either_script_whichever_the_customer_wrote()
    {
        var word = UniqueWord();
        var traditional = await app.PostMessageAsync($"我無法登錄訂單頁面{word}", customerId: $"search-tc-{word}");
        var simplified = await app.PostMessageAsync($"我无法登录订单页面{word}", customerId: $"search-sc-{word}", channel: "Email");

        foreach (var query in new[] { $"無法登錄訂單頁面{word}", $"无法登录订单页面{word}", $"登录 {word}", $"訂單 {word}" })
        {
            var ids = (await Search.SearchAsync(new SearchRequest(query))).Hits.Select(h => h.Conversation.Id).ToList();
            Assert.Contains(traditional.ConversationId, ids);
            Assert.Contains(simplified.ConversationId, ids);
        }
        // Two characters (most Chinese words) are found, not only three or more.
        Assert.Contains((await Search.SearchAsync(new SearchRequest(word[..2]))).Hits, h => h.Conversation.Id == traditional.ConversationId);
        // Every word must match: a word the conversation lacks removes it.
        Assert.DoesNotContain((await Search.SearchAsync(new SearchRequest($"{word} 退款到账"))).Hits, h => h.Conversation.Id == simplified.ConversationId);
    }

    [Fact]
    public async Task A_customer_is_found_by_id_and_by_name_and_a_renamed_customer_by_the_new_name()
    {
        var word = UniqueWord();
        var customerId = $"cust{UniqueOrder()}";
        var posted = await app.PostMessageAsync("你好，想问一下发票", customerId: customerId, customerName: $"王{word}");

        Assert.Contains((await Search.SearchAsync(new SearchRequest(customerId))).Hits, h => h.Conversation.Id == posted.ConversationId);
        Assert.Contains((await Search.SearchAsync(new SearchRequest($"王{word}"))).Hits, h => h.Conversation.Id == posted.ConversationId);

        var renamed = UniqueWord();
        await app.PostMessageAsync("还有一个问题", customerId: customerId, customerName: renamed);
        Assert.Contains((await Search.SearchAsync(new SearchRequest(renamed))).Hits, h => h.Conversation.Id == posted.ConversationId);
        Assert.DoesNotContain((await Search.SearchAsync(new SearchRequest($"王{word}"))).Hits, h => h.Conversation.Id == posted.ConversationId);
    }

    [Fact]
    public async Task Filters_narrow_by_status_channel_category_and_team_day()
    {
        var word = UniqueWord();
        var chat = await app.PostMessageAsync($"优惠券怎么使用 {word}", customerId: $"search-f1-{word}", channel: "Chat");
        var email = await app.PostMessageAsync($"你们的服务太差了，我要投诉 {word}", customerId: $"search-f2-{word}", channel: "Email");
        await app.Get<ConversationService>().ClaimAsync(chat.ConversationId, "agent1");

        async Task<List<int>> Ids(SearchRequest r) => [.. (await Search.SearchAsync(r)).Hits.Select(h => h.Conversation.Id)];

        Assert.Equal([email.ConversationId, chat.ConversationId], await Ids(new SearchRequest(word)));
        Assert.Equal([chat.ConversationId], await Ids(new SearchRequest(word, Channel: Channel.Chat)));
        Assert.Equal([email.ConversationId], await Ids(new SearchRequest(word, Category: Category.Complaint)));
        Assert.Equal([chat.ConversationId], await Ids(new SearchRequest(word, Status: ConversationStatus.Open)));

        var clock = app.Get<TeamClock>();
        var today = clock.Today;
        Assert.Equal(2, (await Ids(new SearchRequest(word, From: today, To: today))).Count);
        Assert.Empty(await Ids(new SearchRequest(word, From: today.AddDays(1))));
        Assert.Empty(await Ids(new SearchRequest(word, To: today.AddDays(-1))));
        // Filters alone (no text) search too.
        Assert.Contains(chat.ConversationId, await Ids(new SearchRequest(Channel: Channel.Chat, Status: ConversationStatus.Open, From: today)));
    }

    [Fact]
    public async Task Results_come_newest_first_one_page_at_a_time()
    {
        var word = UniqueWord();
        var pageSize = Search.PageSize;
        var posted = new List<int>();
        for (var i = 0; i < pageSize + 3; i++)
        {
            posted.Add((await app.PostMessageAsync($"物流查询 {word}", customerId: $"search-page-{word}-{i}")).ConversationId);
        }
        posted.Reverse();

        var first = await Search.SearchAsync(new SearchRequest(word));
        Assert.Equal(pageSize + 3, first.Total);
        Assert.Equal(2, first.PageCount);
        Assert.True(first.HasNext);
        Assert.Equal(posted.Take(pageSize), first.Hits.Select(h => h.Conversation.Id));

        var second = await Search.SearchAsync(new SearchRequest(word, Page: 2));
        Assert.Equal(posted.Skip(pageSize), second.Hits.Select(h => h.Conversation.Id));
        Assert.False(second.HasNext);
        // A page past the end shows the last page rather than nothing.
        Assert.Equal(2, (await Search.SearchAsync(new SearchRequest(word, Page: 99))).Page);
    }

    [Fact]
    public async Task With_filters_the_count_looks_at_the_newest_matches_only_and_then_says_at_least()
    {
        var word = UniqueWord();
        var emails = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            emails.Add((await app.PostMessageAsync($"发票开具 {word}", customerId: $"search-examined-e-{word}-{i}", channel: "Email")).ConversationId);
        }
        for (var i = 0; i < 9; i++)
        {
            await app.PostMessageAsync($"发票开具 {word}", customerId: $"search-examined-c-{word}-{i}");
        }
        emails.Reverse();
        var search = new ConversationSearch(app.Get<IDbContextFactory<AgentWorkspace.Data.WorkspaceDbContext>>(), app.Get<ISearchIndex>(), app.Get<TeamClock>(),
            Microsoft.Extensions.Options.Options.Create(new SearchOptions { MaxExamined = 10, PageSize = 5 }));

        // Twelve conversations hold the word; the newest ten (nine chats, one email) are counted.
        var bounded = await search.SearchAsync(new SearchRequest(word, Channel: Channel.Email));
        Assert.Equal(10, bounded.ExaminedOnly);
        // The page is never cut short by the bound: all three emails are listed, and counted.
        Assert.Equal(emails, bounded.Hits.Select(h => h.Conversation.Id));
        Assert.Equal(3, bounded.Total);
        Assert.False(bounded.HasNext);

        // When the words match no more than the bound, the count is exact.
        var exact = new ConversationSearch(app.Get<IDbContextFactory<AgentWorkspace.Data.WorkspaceDbContext>>(), app.Get<ISearchIndex>(), app.Get<TeamClock>(),
            Microsoft.Extensions.Options.Options.Create(new SearchOptions { MaxExamined = 12, PageSize = 5 }));
        var counted = await exact.SearchAsync(new SearchRequest(word, Channel: Channel.Chat));
        Assert.Null(counted.ExaminedOnly);
        Assert.Equal(9, counted.Total);
        Assert.Equal(2, counted.PageCount);

        // A bounded count still offers the next page while pages come back full.
        var chats = await search.SearchAsync(new SearchRequest(word, Channel: Channel.Chat));
        Assert.Equal(10, chats.ExaminedOnly);
        Assert.Equal(9, chats.Total);
        Assert.True(chats.HasNext);
        var second = await search.SearchAsync(new SearchRequest(word, Channel: Channel.Chat, Page: 2));
        Assert.Equal(4, second.Hits.Count);
        Assert.False(second.HasNext);
    }

    [Fact]
    public async Task Nothing_searchable_finds_nothing_rather_than_everything()
    {
        Assert.Empty((await Search.SearchAsync(new SearchRequest("【】！？"))).Hits);
        Assert.Empty((await Search.SearchAsync(new SearchRequest())).Hits);
    }

    [Fact]
    public async Task The_catch_up_indexes_rows_written_around_the_index()
    {
        var word = UniqueWord();
        var posted = await app.PostMessageAsync($"想咨询一下 {word}", customerId: $"search-catchup-{UniqueOrder()}");
        await using (var db = app.Db())
        {
            // As if written before the index existed, or lost to a crash between the save and the index write.
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"SearchConversations\" WHERE rowid = {0}", posted.ConversationId);
        }
        Assert.Empty((await Search.SearchAsync(new SearchRequest(word))).Hits);

        Assert.True(await app.Get<SearchIndexCatchUp>().RunAsync() >= 1);
        Assert.Contains((await Search.SearchAsync(new SearchRequest(word))).Hits, h => h.Conversation.Id == posted.ConversationId);
    }

    [Fact]
    public async Task The_excerpt_is_the_newest_message_with_a_searched_word()
    {
        var word = UniqueWord();
        var customer = $"search-excerpt-{word}";
        var posted = await app.PostMessageAsync($"第一条 {word}", customerId: customer);
        await app.PostMessageAsync("第二条没有那个词", customerId: customer);

        var hit = Assert.Single((await Search.SearchAsync(new SearchRequest(word))).Hits);
        Assert.Equal(posted.ConversationId, hit.Conversation.Id);
        Assert.Equal($"第一条 {word}", hit.Excerpt);
    }
}
