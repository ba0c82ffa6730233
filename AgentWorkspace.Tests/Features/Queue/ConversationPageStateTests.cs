using System.Security.Claims;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Queue;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWorkspace.Tests.Features.Queue;

/// <summary>The state behind the conversation page, driven as the page drives it, against the real app.</summary>
public sealed class ConversationPageStateTests(WorkspaceApp app) : IClassFixture<WorkspaceApp>
{
    [Fact]
    public async Task One_reply_reloads_the_conversation_once_and_its_own_events_do_not_reload_it_again()
    {
        var posted = await app.PostMessageAsync("优惠券怎么用", customerId: "state-reply");
        using var scope = app.Services.CreateScope();
        var state = Open(scope, "agent1", "小王", Roles.Agent);
        await state.OpenAsync(posted.ConversationId, state.User);
        Assert.Equal(1, state.Loads);

        state.Draft!.Text = "您好，结算页选择优惠券即可。";
        await state.SendAsync();
        await Task.Delay(300);

        Assert.Equal(2, state.Loads);
        Assert.Equal(2, state.Details!.Messages.Count);
        Assert.Equal("", state.Draft.Text);
        Assert.Equal("agent1", state.Summary!.AssigneeUserName);
    }

    [Fact]
    public async Task A_change_made_elsewhere_reloads_once()
    {
        var posted = await app.PostMessageAsync("发票怎么开", customerId: "state-elsewhere");
        using var scope = app.Services.CreateScope();
        var state = Open(scope, "agent1", "小王", Roles.Agent);
        await state.OpenAsync(posted.ConversationId, state.User);

        await app.PostMessageAsync("需要开公司抬头", customerId: "state-elsewhere");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (state.Details!.Messages.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        await Task.Delay(300);

        Assert.Equal(2, state.Details.Messages.Count);
        Assert.Equal(2, state.Loads);
    }

    [Fact]
    public async Task A_refused_action_keeps_the_draft_and_says_who_owns_the_conversation()
    {
        var posted = await app.PostMessageAsync("退货地址是哪里", customerId: "state-refused");
        await app.Get<ConversationService>().ClaimAsync(posted.ConversationId, "agent1");
        using var scope = app.Services.CreateScope();
        var state = Open(scope, "agent2", "小张", Roles.Agent);
        await state.OpenAsync(posted.ConversationId, state.User);
        Assert.Equal("agent1", state.OwnedByOther);

        state.Draft!.Text = "我来回答：退货地址是……";
        await state.SendAsync();

        Assert.Equal("我来回答：退货地址是……", state.Draft.Text);
        Assert.Single(state.Details!.Messages);
        Assert.Equal(1, state.Loads);
    }

    [Fact]
    public async Task Display_name_comes_from_a_claim_written_at_sign_in()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkspaceUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<WorkspaceUser>>()
            .CreateAsync((await users.FindByNameAsync("lijie"))!);

        Assert.Equal("李姐", WorkspaceClaims.DisplayNameOf(principal));
        Assert.True(WorkspaceClaims.IsSupervisorOrLead(principal));
    }

    [Fact]
    public void No_page_under_queue_holds_a_user_manager()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AgentWorkspace.sln")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        var queue = Path.Combine(root.FullName, "AgentWorkspace", "Features", "Queue");
        var offenders = Directory.EnumerateFiles(queue, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("UserManager<", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(offenders);
    }

    private static PageUnderTest Open(IServiceScope scope, string userName, string displayName, string role)
    {
        var state = scope.ServiceProvider.GetRequiredService<ConversationPageState>();
        state.Attach(work => work(), () => { }, (outcome, _) => outcome.Succeeded);
        return new PageUnderTest(state, new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, userName), new Claim(WorkspaceClaims.DisplayName, displayName), new Claim(ClaimTypes.Role, role)], "test")));
    }

    private sealed record PageUnderTest(ConversationPageState State, ClaimsPrincipal User)
    {
        public int Loads => State.Loads;
        public ConversationDetails? Details => State.Details;
        public ConversationSummary? Summary => State.Summary;
        public ReplyDraft? Draft => State.Draft;
        public string? OwnedByOther => State.OwnedByOther;
        public Task OpenAsync(int id, ClaimsPrincipal user) => State.OpenAsync(id, user);
        public Task SendAsync() => State.SendAsync();
    }
}
