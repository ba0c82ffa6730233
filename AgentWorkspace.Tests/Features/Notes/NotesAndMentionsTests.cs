using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Realtime;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Channel = System.Threading.Channels.Channel;

namespace AgentWorkspace.Tests.Features.Notes;

/// <summary>
/// Internal notes reach staff and never the customer: not /chat's thread, not the connectors' hub stream;
/// the API marks them <c>authorKind: "Note"</c>. @user in a note or a ticket tells that person live and
/// lists it under 我的提及.
/// </summary>
public sealed class NotesAndMentionsTests(SharedApp app)
{
    private ConversationService Writer => app.Get<ConversationService>();

    private async Task<string> CookieOf(string user)
    {
        using var client = app.CreateClient(app.Options());
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = user, ["password"] = WorkspaceApp.DemoPassword }), TestContext.Current.CancellationToken);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    private HubConnection Connect(string? cookie = null, string? apiKey = null) => new HubConnectionBuilder()
        .WithUrl(new Uri(app.Server.BaseAddress, "hubs/workspace"), o =>
        {
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            if (cookie is not null)
            {
                o.Headers["Cookie"] = cookie;
            }
            if (apiKey is not null)
            {
                o.Headers["X-Api-Key"] = apiKey;
            }
        })
        .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
        .Build();

    [Fact]
    public async Task A_note_is_in_the_staff_thread_and_the_api_as_Note_but_never_on_chat_or_in_the_connector_stream()
    {
        var posted = await app.PostMessageAsync("我的订单还没发货", customerId: "note-stream", customerName: "吴敏");
        await using var connector = Connect(apiKey: WorkspaceApp.ApiKey);
        await using var staff = Connect(await CookieOf("agent2"));
        var toConnector = Channel.CreateUnbounded<MessageView>();
        var toStaff = Channel.CreateUnbounded<MessageView>();
        connector.On<MessageView>(nameof(IWorkspaceClient.MessageAppended), m => toConnector.Writer.TryWrite(m));
        staff.On<MessageView>(nameof(IWorkspaceClient.MessageAppended), m => toStaff.Writer.TryWrite(m));
        await connector.StartAsync(TestContext.Current.CancellationToken);
        await staff.StartAsync(TestContext.Current.CancellationToken);
        await connector.InvokeAsync("WatchConversation", posted.ConversationId, TestContext.Current.CancellationToken);

        var note = await Writer.AddNoteAsync(posted.ConversationId, "agent1", "小王", "客户是老顾客，仓库说明天发", TestContext.Current.CancellationToken);
        Assert.Equal(ActionKind.Done, note.Kind);
        // A later reply every listener receives: once it has arrived, the note would have too.
        var reply = await Writer.ReplyAsync(posted.ConversationId, "agent1", "小王", "您好，仓库明天发货。", ct: TestContext.Current.CancellationToken);
        Assert.Equal(ActionKind.Done, reply.Kind);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var connectorSaw = await ReadUntilAsync(toConnector.Reader, m => m.Text == "您好，仓库明天发货。", timeout.Token);
        Assert.DoesNotContain(connectorSaw, m => m.AuthorKind == AuthorKind.Note || m.Text.Contains("老顾客"));
        var staffSaw = await ReadUntilAsync(toStaff.Reader, m => m.Text == "您好，仓库明天发货。", timeout.Token);
        Assert.Contains(staffSaw, m => m.AuthorKind == AuthorKind.Note && m.Text == "客户是老顾客，仓库说明天发");

        // The API says what it is.
        using var api = app.ApiClient();
        var details = await api.GetFromJsonAsync<JsonElement>($"/api/conversations/{posted.ConversationId}", TestContext.Current.CancellationToken);
        var kinds = details.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("authorKind").ToString()).ToList();
        Assert.Equal(["Customer", "Note", "Agent"], kinds);

        // The customer's /chat thread is read without it; the staff thread has it.
        var chat = await app.Get<ConversationQueries>().LatestForCustomerAsync("note-stream", AgentWorkspace.Features.Channel.Chat, TestContext.Current.CancellationToken);
        Assert.Equal([AuthorKind.Customer, AuthorKind.Agent], chat!.Messages.Select(m => m.AuthorKind));
        var thread = await app.Get<ConversationQueries>().DetailsAsync(posted.ConversationId, TestContext.Current.CancellationToken);
        Assert.Contains(thread!.Messages, m => m.AuthorKind == AuthorKind.Note);

        // A note answers nobody: the first response is the agent's reply, and the timeline has the note.
        Assert.Contains(thread.Timeline, t => t.Kind == "note-added" && t.Actor == "agent1");
        await using var db = app.Db();
        var row = await db.Conversations.SingleAsync(c => c.Id == posted.ConversationId, TestContext.Current.CancellationToken);
        Assert.Equal(reply.Conversation!.FirstRespondedAt, row.FirstRespondedAt);
    }

    [Fact]
    public async Task A_note_before_any_reply_does_not_count_as_the_first_response()
    {
        var posted = await app.PostMessageAsync("退款什么时候到账", customerId: "note-no-response");
        Assert.Equal(ActionKind.Done, (await Writer.AddNoteAsync(posted.ConversationId, "agent1", "小王", "等财务确认", TestContext.Current.CancellationToken)).Kind);

        await using var db = app.Db();
        var row = await db.Conversations.SingleAsync(c => c.Id == posted.ConversationId, TestContext.Current.CancellationToken);
        Assert.Null(row.FirstRespondedAt);
        Assert.Null(row.AssigneeUserName);
        Assert.NotNull(row.NoResponseEscalationDueAt);
    }

    [Fact]
    public async Task An_empty_note_or_one_by_someone_who_is_not_staff_stores_nothing()
    {
        var posted = await app.PostMessageAsync("发票抬头写错了", customerId: "note-refused");

        Assert.Equal("note-empty", (await Writer.AddNoteAsync(posted.ConversationId, "agent1", "小王", "   ", TestContext.Current.CancellationToken)).Reason);
        Assert.Equal("note-too-long", (await Writer.AddNoteAsync(posted.ConversationId, "agent1", "小王", new string('长', 4001), TestContext.Current.CancellationToken)).Reason);
        Assert.Equal("role-required", (await Writer.AddNoteAsync(posted.ConversationId, "customer", null, "我也想写备注", TestContext.Current.CancellationToken)).Reason);

        await using var db = app.Db();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.ConversationId == posted.ConversationId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_mention_in_a_note_tells_that_person_live_and_is_listed_under_their_mentions()
    {
        var posted = await app.PostMessageAsync("客户要求主管回电", customerId: "note-mention");
        var live = Channel.CreateUnbounded<NotificationView>();
        using var subscription = app.Get<CircuitEventBus>().Subscribe(e =>
        {
            if (e is WorkspaceEvent.NotificationRaised { Notification: var n } && n.ConversationId == posted.ConversationId)
            {
                live.Writer.TryWrite(n);
            }
            return Task.CompletedTask;
        });

        // By user name and by display name (written the Chinese way, no space after it); not the writer, not a stranger.
        var note = await Writer.AddNoteAsync(posted.ConversationId, "agent2", "小张", "@lijie 请回电；@王姐请跟进；@agent2 自己；@nobody 不存在", TestContext.Current.CancellationToken);
        Assert.Equal(ActionKind.Done, note.Kind);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var first = await live.Reader.ReadAsync(timeout.Token);
        var second = await live.Reader.ReadAsync(timeout.Token);
        Assert.Equal(["lijie", "wangjie"], new[] { first.Recipient, second.Recipient }.Order());
        Assert.All(new[] { first, second }, n => Assert.Equal(Mentions.Kind, n.Kind));
        Assert.Contains("小张 在备注中提到了您", first.Text);

        var mentions = await app.Get<ConversationQueries>().MentionsOfAsync("lijie", ct: TestContext.Current.CancellationToken);
        Assert.Contains(mentions, m => m.ConversationId == posted.ConversationId);
        Assert.DoesNotContain(await app.Get<ConversationQueries>().MentionsOfAsync("agent2", ct: TestContext.Current.CancellationToken), m => m.ConversationId == posted.ConversationId);
    }

    [Fact]
    public async Task Mentions_stay_unread_until_their_person_opens_one_or_marks_all_read()
    {
        var ct = TestContext.Current.CancellationToken;
        var inbox = app.Get<AgentWorkspace.Features.Queue.MentionInbox>();
        var posted = await app.PostMessageAsync("客户要求退款到原卡", customerId: "note-mention-read");
        var reads = Channel.CreateUnbounded<string>();
        using var subscription = app.Get<CircuitEventBus>().Subscribe(e =>
        {
            if (e is WorkspaceEvent.MentionsRead read)
            {
                reads.Writer.TryWrite(read.UserName);
            }
            return Task.CompletedTask;
        });
        // Other tests mention this person too: start from nothing unread.
        await inbox.MarkAllReadAsync("wangjie", ct);
        Assert.Equal(0, await inbox.UnreadCountAsync("wangjie", ct));

        Assert.Equal(ActionKind.Done, (await Writer.AddNoteAsync(posted.ConversationId, "agent2", "小张", "@wangjie 请看退款", ct)).Kind);
        Assert.Equal(ActionKind.Done, (await Writer.AddNoteAsync(posted.ConversationId, "agent1", "小王", "@王姐 客户又来问了", ct)).Kind);
        Assert.Equal(2, await inbox.UnreadCountAsync("wangjie", ct));
        var mine = (await app.Get<ConversationQueries>().MentionsOfAsync("wangjie", ct: ct)).Where(m => m.ConversationId == posted.ConversationId).ToList();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, m => Assert.Null(m.ReadAt));

        // Nobody reads another person's mention.
        Assert.Equal(0, await inbox.MarkReadAsync("agent1", mine[0].Id, ct));
        Assert.Equal(2, await inbox.UnreadCountAsync("wangjie", ct));

        // Opening one reads that one, and every page of hers hears of it.
        Assert.Equal(1, await inbox.MarkReadAsync("wangjie", mine[0].Id, ct));
        Assert.Equal(1, await inbox.UnreadCountAsync("wangjie", ct));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        Assert.Equal("wangjie", await reads.Reader.ReadAsync(timeout.Token));
        var after = await app.Get<ConversationQueries>().MentionsOfAsync("wangjie", ct: ct);
        Assert.NotNull(after.Single(m => m.Id == mine[0].Id).ReadAt);
        Assert.Null(after.Single(m => m.Id == mine[1].Id).ReadAt);
        // Reading it again changes nothing.
        Assert.Equal(0, await inbox.MarkReadAsync("wangjie", mine[0].Id, ct));

        Assert.Equal(1, await inbox.MarkAllReadAsync("wangjie", ct));
        Assert.Equal(0, await inbox.UnreadCountAsync("wangjie", ct));
        Assert.All((await app.Get<ConversationQueries>().MentionsOfAsync("wangjie", ct: ct)).Where(m => m.ConversationId == posted.ConversationId), m => Assert.NotNull(m.ReadAt));
    }

    [Fact]
    public async Task A_mention_in_a_collaboration_ticket_tells_that_person()
    {
        var posted = await app.PostMessageAsync("APP 支付页打不开", customerId: "ticket-mention");
        var opened = await Writer.OpenCollaborationTicketAsync(posted.ConversationId, "agent1",
            new CollaborationTicketDraft("技术部", "张工", "支付页白屏，@lead 请协调资源", null, DateTimeOffset.UtcNow.AddHours(4)), TestContext.Current.CancellationToken);
        Assert.Equal(ActionKind.Done, opened.Kind);

        var mentions = await app.Get<ConversationQueries>().MentionsOfAsync("lead", ct: TestContext.Current.CancellationToken);
        var mention = Assert.Single(mentions, m => m.ConversationId == posted.ConversationId);
        Assert.Contains("协同单", mention.Text);
    }

    [Fact]
    public void Mentions_match_the_longest_name_and_a_user_name_only_at_a_word_boundary()
    {
        MentionCandidate[] staff = [new("agent1", "小王"), new("agent10", "小十"), new("lijie", "李姐")];

        Assert.Equal(["agent10"], Mentions.Find("@agent10 看一下", staff));
        Assert.Empty(Mentions.Find("@agent1x 看一下 a@b.com", staff));
        Assert.Equal(["lijie", "agent1"], Mentions.Find("@李姐请看，@AGENT1, @lijie 再看", staff));
    }

    private static async Task<List<MessageView>> ReadUntilAsync(ChannelReader<MessageView> reader, Func<MessageView, bool> until, CancellationToken ct)
    {
        var seen = new List<MessageView>();
        while (true)
        {
            var m = await reader.ReadAsync(ct);
            seen.Add(m);
            if (until(m))
            {
                return seen;
            }
        }
    }
}
