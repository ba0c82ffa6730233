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
    /// Automatic assignment's write for several waiting conversations at once (a burst of arrivals):
    /// <paramref name="pick"/> chooses an agent for each, in the order given, inside one change on one
    /// database context, and marks what guards the choices (each chosen agent's row, under its
    /// concurrency token); every row, choice, notice and <c>auto-assigned</c> step then commits in one
    /// save or not at all. When anything changed underneath (a claim, another assigner choosing the
    /// same agent) the whole batch is read and chosen again. Conversations claimed or closed in the
    /// meantime are skipped. Returns the committed assignments, each published as its own change.
    /// </summary>
    public async Task<IReadOnlyList<ActionOutcome>> AutoAssignManyAsync(IReadOnlyList<int> ids, Func<Data.WorkspaceDbContext, IReadOnlyList<Conversation>, DateTimeOffset, Task<IReadOnlyDictionary<int, string>>> pick, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var loaded = await db.Conversations.Include(c => c.Customer)
                .Where(c => ids.Contains(c.Id) && c.AssigneeUserName == null)
                .WhereOpen()
                .ToListAsync(ct);
            var order = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
            var waiting = loaded.OrderBy(c => order[c.Id]).ToList();
            if (waiting.Count == 0)
            {
                return [];
            }
            var now = time.GetUtcNow();
            var choices = await pick(db, waiting, now);
            var changes = new List<ConversationChange>();
            foreach (var c in waiting)
            {
                if (!choices.TryGetValue(c.Id, out var agent))
                {
                    continue;
                }
                var x = new ConversationChange(db, c, now, "system", Options);
                Assign(x, agent);
                x.Notify(agent, "auto-assigned", $"新会话已分配给您：{c.Customer.Name ?? c.Customer.ExternalId} — {c.Preview}");
                x.Step("auto-assigned", agent);
                changes.Add(x);
            }
            if (changes.Count == 0)
            {
                return [];
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxChangeAttempts)
            {
                continue;
            }
            var outcomes = new List<ActionOutcome>(changes.Count);
            foreach (var x in changes)
            {
                outcomes.Add(await PublishAsync(x, ActionOutcome.Done("auto-assigned", x.Conversation.AssigneeUserName), classificationEvent: false, previousAssignee: null));
                await ReportUrgentIfDueAsync(x.Conversation, ct);
            }
            return outcomes;
        }
    }

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
