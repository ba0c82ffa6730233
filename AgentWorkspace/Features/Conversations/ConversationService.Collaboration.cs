using AgentWorkspace.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// Working a conversation together (issue #15): internal notes with @mentions, mentions in a ticket, and
/// the automatic assignment's write. Same writer, same plumbing as the agent's own actions.
/// </summary>
public sealed partial class ConversationService
{
    /// <summary>
    /// An internal note: stored as a message of kind <see cref="AuthorKind.Note"/>, shown to staff in the
    /// thread, never to the customer. It neither answers the customer nor stops a clock.
    /// </summary>
    public async Task<ActionOutcome> AddNoteAsync(int id, string userName, string? authorName, string? text, CancellationToken ct = default)
    {
        text = text?.Trim() ?? "";
        if (text.Length == 0)
        {
            return ActionOutcome.Rejected("note-empty");
        }
        if (text.Length > Options.Ingest.MaxTextLength)
        {
            return ActionOutcome.Rejected("note-too-long");
        }
        return await ChangeAsync(id, userName, ChangeRules.Anyone, async x =>
        {
            if (!await IsStaffAsync(x.Db, userName, ct))
            {
                return ActionOutcome.Rejected("role-required");
            }
            var note = x.Say(AuthorKind.Note, authorName ?? userName, text);
            await NotifyMentionsAsync(x, text, MentionSource.Note, ct);
            return ActionOutcome.Done("note-added", message: note);
        }, ct);
    }

    /// <summary>
    /// Automatic assignment's write: <paramref name="pick"/> chooses the agent inside the change, on the
    /// same database context, and marks what guards the choice (the agent's row, under its concurrency
    /// token), so the row, the choice and the timeline step <c>auto-assigned</c> commit together or not at all.
    /// A conversation someone claimed in the meantime is left alone.
    /// </summary>
    public Task<ActionOutcome> AutoAssignAsync(int id, Func<ConversationChange, Task<string?>> pick, CancellationToken ct = default) =>
        ChangeAsync(id, "system", ChangeRules.Anyone, async x =>
        {
            var c = x.Conversation;
            if (!c.IsOpen || c.AssigneeUserName is not null)
            {
                return ActionOutcome.Unchanged;
            }
            if (await pick(x) is not { } agent)
            {
                return ActionOutcome.Rejected("no-agent-available");
            }
            Assign(x, agent);
            x.Notify(agent, "auto-assigned", $"新会话已分配给您：{c.Customer.Name ?? c.Customer.ExternalId} — {c.Preview}");
            return ActionOutcome.Done("auto-assigned", agent);
        }, ct);

    /// <summary>Tells each staff member named with @ (user name or display name) live, once per change; never the writer.</summary>
    private static async Task NotifyMentionsAsync(ConversationChange x, string text, MentionSource source, CancellationToken ct)
    {
        if (!text.Contains('@', StringComparison.Ordinal))
        {
            return;
        }
        var staff = await x.Db.Users.AsNoTracking().Where(u => !u.IsDisabled)
            .Select(u => new MentionCandidate(u.UserName!, u.DisplayName)).ToListAsync(ct);
        var author = staff.FirstOrDefault(s => s.UserName == x.Actor)?.DisplayName is { Length: > 0 } display ? display : x.Actor;
        var where = source == MentionSource.Note ? "备注" : "协同单";
        foreach (var user in Mentions.Find(text, staff).Where(u => u != x.Actor))
        {
            x.Notify(user, Mentions.Kind, $"{author} 在{where}中提到了您：{Shorten(text)}");
        }
    }

    private async Task SignalAssignmentAsync(ConversationSummary summary, string step, string? previousAssignee)
    {
        try
        {
            await assignment.ChangedAsync(summary, step, previousAssignee);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change is stored and announced; the assignment sweep picks the conversation up.
            logger.LogWarning(ex, "Automatic assignment after {Step} on conversation {Id} failed", step, summary.Id);
        }
    }

    private static Task<bool> IsStaffAsync(Data.WorkspaceDbContext db, string userName, CancellationToken ct) =>
        (from u in db.Users
         where u.UserName == userName && !u.IsDisabled
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == Roles.Agent || r.Name == Roles.SeniorAgent || r.Name == Roles.Supervisor || r.Name == Roles.TeamLead
         select u.Id).AnyAsync(ct);
}

public enum MentionSource
{
    Note,
    Ticket,
}

public sealed record MentionCandidate(string UserName, string DisplayName);

/// <summary>
/// <c>@lijie</c> or <c>@李姐</c>: after each @ the longest staff user name or display name that starts
/// there. A user name must end at a word boundary (<c>@agent10</c> is not agent1); a display name may be
/// followed directly by text, as Chinese writes (<c>@李姐请看</c>).
/// </summary>
public static class Mentions
{
    /// <summary>The notification kind listed under 我的提及.</summary>
    public const string Kind = "mention";

    public static IReadOnlyList<string> Find(string text, IReadOnlyCollection<MentionCandidate> staff)
    {
        var found = new List<string>();
        for (var at = text.IndexOf('@', StringComparison.Ordinal); at >= 0; at = text.IndexOf('@', at + 1))
        {
            var rest = text.AsSpan(at + 1);
            MentionCandidate? best = null;
            var bestLength = 0;
            foreach (var s in staff)
            {
                if (s.UserName.Length > bestLength && rest.StartsWith(s.UserName, StringComparison.OrdinalIgnoreCase)
                    && (rest.Length == s.UserName.Length || !IsNameChar(rest[s.UserName.Length])))
                {
                    (best, bestLength) = (s, s.UserName.Length);
                }
                if (s.DisplayName.Length > bestLength && rest.StartsWith(s.DisplayName, StringComparison.Ordinal))
                {
                    (best, bestLength) = (s, s.DisplayName.Length);
                }
            }
            if (best is not null && !found.Contains(best.UserName))
            {
                found.Add(best.UserName);
            }
        }
        return found;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';
}
